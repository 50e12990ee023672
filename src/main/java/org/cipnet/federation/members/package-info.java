/**
 * Who the federation's members are (from a members file, or discovered from a URL through the
 * member's Service Description and VoID), whether each declared the ownership contract, and what
 * each holds (from VoID, or from ASK probes when there is none). It depends on neither planning nor
 * execution: what it sends to members goes through {@link org.cipnet.federation.members.MemberRequests},
 * which the execution's member client implements.
 */
package org.cipnet.federation.members;
