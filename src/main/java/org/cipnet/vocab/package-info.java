/** IRIs of the cipnet ontology and code lists as constants, and the prefixes used when printing RDF. */
package org.cipnet.vocab;
