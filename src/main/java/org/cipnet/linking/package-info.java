/**
 * Linking records to the network's organisations, programmes, agencies, projects and Observatory
 * categories: {@link org.cipnet.linking.NetworkCandidates} reads every name and the evidence
 * from a SPARQL endpoint, {@link org.cipnet.linking.Matcher} scores candidates for a
 * {@link org.cipnet.linking.LinkQuery} and decides (threshold and margin), and
 * {@link org.cipnet.linking.LiveMatcher} keeps a matcher fresh. The reconciliation service and
 * {@code cipnet link} are both built on it.
 */
package org.cipnet.linking;
