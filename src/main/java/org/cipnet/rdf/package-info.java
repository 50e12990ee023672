/**
 * Reading RDF from files: every format RIOT parses, and through RDF4J Rio the few it does not,
 * with syntax errors reported as file, line and column. Also where the project's shared files
 * (ontology, vocabularies, shapes, data) live on disk.
 */
package org.cipnet.rdf;
