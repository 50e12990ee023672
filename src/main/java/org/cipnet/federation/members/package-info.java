/** Who the federation's members are, and what each holds (from VoID, or from ASK probes when there is none). */
package org.cipnet.federation.members;
