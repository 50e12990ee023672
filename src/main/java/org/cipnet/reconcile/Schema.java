package org.cipnet.reconcile;

import java.util.List;

import org.cipnet.linking.NetworkCandidates;
import org.cipnet.vocab.CIP;

/** The types and properties the service names (ids are the ontology's IRIs or the code lists' scheme IRIs). */
final class Schema {
    private Schema() {}

    record Entry(String id, String name, String description) {}

    static final String FOAF_HOMEPAGE = "http://xmlns.com/foaf/0.1/homepage";
    static final String ADMS_IDENTIFIER = "http://www.w3.org/ns/adms#identifier";
    static final String ECCP = CIP.VOCAB + "registry/eccp";
    static final String WIKIDATA = CIP.VOCAB + "registry/wikidata";

    /** Cluster organisation first: the default OpenRefine offers. */
    static final List<Entry> TYPES = List.of(
            new Entry(CIP.ClusterOrganisation, "Cluster organisation", "An organisation that runs a cluster (cip:ClusterOrganisation)"),
            new Entry(CIP.ClusterProgramme, "Cluster programme", "A national cluster programme (cip:ClusterProgramme)"),
            new Entry(CIP.NS + "FundingProgramme", "Funding programme", "A funding programme (cip:FundingProgramme)"),
            new Entry(CIP.NS + "Programme", "Programme", "Any other programme (cip:Programme)"),
            new Entry(CIP.Agency, "Agency", "A public agency or ministry (cip:Agency)"),
            new Entry(CIP.NS + "TransnationalProject", "Transnational project", "A project across countries (cip:TransnationalProject)"),
            new Entry(NetworkCandidates.OBSERVATORY_CATEGORY, "Observatory category",
                    "A European Cluster Observatory category (or a regional cluster key: region × category)"));

    /** Properties a query may use as evidence. */
    static final List<Entry> QUERY_PROPERTIES = List.of(
            new Entry(CIP.country, "Country", "ISO 3166-1 alpha-2 or alpha-3 code, EU country authority IRI, or English name"),
            new Entry(CIP.NS + "city", "City", "The city, in any spelling with or without accents"),
            new Entry(CIP.NS + "region", "Region", "NUTS code or IRI (a NUTS-1 or NUTS-2 code matches the regions under it); ISO 3166-2 for Russia"),
            new Entry(CIP.NS + "clusterCategory", "Observatory category", "Category code (1–51), IRI or English name"),
            new Entry(CIP.NS + "industrialEcosystem", "Industrial ecosystem", "Ecosystem code, IRI or English name"),
            new Entry(FOAF_HOMEPAGE, "Homepage", "A URL or domain"),
            new Entry(ADMS_IDENTIFIER, "Identifier", "Any external identifier: ECCP URL, register number, Wikidata id (decides alone)"),
            new Entry(ECCP, "ECCP profile", "ECCP profile URL (decides alone)"),
            new Entry(WIKIDATA, "Wikidata id", "Q-number or Wikidata URL (decides alone)"));

    /** Properties data extension can fetch. */
    static final List<Entry> EXTEND_PROPERTIES = List.of(
            new Entry(CIP.country, "Country", "English name of the country"),
            new Entry(CIP.NS + "city", "City", null),
            new Entry(CIP.NS + "region", "NUTS region", "NUTS code (ISO 3166-2 for Russia)"),
            new Entry(CIP.NS + "industrialEcosystem", "Industrial ecosystems", null),
            new Entry(CIP.NS + "clusterCategory", "Observatory categories", null),
            new Entry(CIP.NS + "level", "Programme levels", "Levels of the programmes the organisation took part in"),
            new Entry(CIP.NS + "labelLevel", "Labels held", "Cluster excellence label levels awarded"),
            new Entry(FOAF_HOMEPAGE, "Homepage", null),
            new Entry(ECCP, "ECCP profile", "ECCP profile URL"),
            new Entry(WIKIDATA, "Wikidata id", null));

    static Entry find(List<Entry> list, String id) {
        for (Entry e : list) if (e.id.equals(id)) return e;
        return null;
    }
}
