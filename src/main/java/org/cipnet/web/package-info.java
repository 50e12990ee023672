/**
 * The Yellow Pages web front (Javalin): search and browse clusters, profiles, compare, partners
 * abroad, a SPARQL editor and the network page. Every page is answered from the federated endpoint
 * with a few queries, works without external network access (front-end libraries come from
 * WebJars), and links its data as RDF.
 */
package org.cipnet.web;
