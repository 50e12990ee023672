/**
 * Talking to members: requests with timeouts, a retry and per-member caps; bind joins to contract
 * members; plain members' triples read once per query and evaluated at the federator; what each request cost.
 */
package org.cipnet.federation.exec;
