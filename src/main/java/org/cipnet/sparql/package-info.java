/** Inspecting SPARQL queries before they run (what they would call out to, what they would return), and building them with Jena's syntax API. */
package org.cipnet.sparql;
