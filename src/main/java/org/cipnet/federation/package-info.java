/**
 * The federator: one SPARQL endpoint over all members' national graphs plus the reference graph.
 * SPARQL semantics come from ARQ; the federator decides only where work runs. {@code members}
 * knows who the members are and what they hold, {@code planner} rewrites the algebra so that
 * member-local work is pushed down, {@code exec} talks to members.
 */
package org.cipnet.federation;
