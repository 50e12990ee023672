/**
 * Who the federation's members are (from a members file, or discovered from a URL through the
 * member's Service Description and VoID), whether each declared the ownership contract, and what
 * each holds (from VoID, or from ASK probes when there is none).
 */
package org.cipnet.federation.members;
