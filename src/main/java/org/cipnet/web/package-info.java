/**
 * The Yellow Pages web front (Javalin): search (a Lucene index over the federated directory,
 * refreshed when a member publishes), profiles, compare, partners abroad, a SPARQL editor and the
 * network page. Every page is read from the federated endpoint ({@link org.cipnet.web.Sparql}, bound
 * values only), rendered by precompiled JTE templates that escape by default
 * ({@code src/main/jte}), speaks the visitor's language ({@link org.cipnet.web.Ui}), works without
 * external network access (front-end libraries from WebJars, map outlines shipped), and links its
 * data as RDF (the same address with {@code format=ttl}).
 */
package org.cipnet.web;
