/**
 * Open-data conventions shared by the nodes and the federator: DCAT-AP 3.0.1 descriptions of the
 * national datasets and of the network's catalogue (built from each graph's own dataset
 * self-description), RDF content negotiation for them, and CORS for the read-only endpoints.
 * Nothing here knows about stores or members: the node and the federator hand in graphs and URLs.
 */
package org.cipnet.opendata;
