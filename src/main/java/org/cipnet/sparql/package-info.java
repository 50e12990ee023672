/** Inspecting SPARQL queries before they run: what they would call out to, what they would return. */
package org.cipnet.sparql;
