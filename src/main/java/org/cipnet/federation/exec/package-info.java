/** Talking to members: requests with timeouts, a retry and per-member caps; bind joins; what each request cost. */
package org.cipnet.federation.exec;
