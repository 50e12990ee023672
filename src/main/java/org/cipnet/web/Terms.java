package org.cipnet.web;

/** The IRIs of the properties and classes the pages read. */
final class Terms {
    private Terms() {}

    static final String CIP = org.cipnet.vocab.CIP.NS;
    static final String SKOS = "http://www.w3.org/2004/02/skos/core#";
    static final String RDFS = "http://www.w3.org/2000/01/rdf-schema#";
    static final String DCT = "http://purl.org/dc/terms/";
    static final String TIME = "http://www.w3.org/2006/time#";
    static final String FOAF = "http://xmlns.com/foaf/0.1/";

    static final String TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    static final String PREF_LABEL = SKOS + "prefLabel";
    static final String ALT_LABEL = SKOS + "altLabel";
    static final String NOTATION = SKOS + "notation";
    static final String LABEL = RDFS + "label";
    static final String COMMENT = RDFS + "comment";
    static final String DESCRIPTION = DCT + "description";
    static final String TITLE = DCT + "title";
    static final String FORMER_NAME = CIP + "formerName";
    static final String COUNTRY = CIP + "country";
    static final String CITY = CIP + "city";
    static final String REGION = CIP + "region";
    static final String ECOSYSTEM = CIP + "industrialEcosystem";
    static final String CATEGORY = CIP + "clusterCategory";
    static final String ORGANISES_CLUSTER = CIP + "organisesCluster";
    static final String HAS_LABEL_AWARD = CIP + "hasLabelAward";
    static final String LABEL_LEVEL = CIP + "labelLevel";
    static final String AWARDED_BY = CIP + "awardedBy";
    static final String SCORE = CIP + "score";
    static final String PERIOD = CIP + "period";
    static final String PARTICIPANT = CIP + "participant";
    static final String PROGRAMME = CIP + "programme";
    static final String LEVEL = CIP + "level";
    static final String OBSERVED_ENTITY = CIP + "observedEntity";
    static final String INDICATOR = CIP + "indicator";
    static final String REF_PERIOD = CIP + "refPeriod";
    static final String APPROXIMATE = CIP + "approximate";
    static final String OBS_VALUE = "http://purl.org/linked-data/sdmx/2009/measure#obsValue";
    static final String UNIT = "http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure";
    static final String COLLABORATOR = CIP + "collaborator";
    static final String COLLABORATES_WITH = CIP + "collaboratesWith";
    static final String COLLABORATION_TYPE = CIP + "collaborationType";
    static final String PARTICIPATES_IN = CIP + "participatesIn";
    static final String ACTOR_TYPE = CIP + "actorType";
    static final String HOMEPAGE = FOAF + "homepage";
    static final String PAGE = FOAF + "page";
    static final String IDENTIFIER = "http://www.w3.org/ns/adms#identifier";
    static final String REGISTRY = CIP + "registry";
    static final String FOUNDING_DATE = "https://schema.org/foundingDate";
    static final String DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom";
    static final String HAS_BEGINNING = TIME + "hasBeginning";
    static final String HAS_END = TIME + "hasEnd";
}
