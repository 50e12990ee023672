package org.cipnet.vocab;

import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.shared.impl.PrefixMappingImpl;

/** The prefixes cipnet prints RDF with, so reports and pages read the same everywhere. */
public final class Prefixes {
    private Prefixes() {}

    private static final PrefixMapping MAPPING = build();

    /** A locked, shared mapping. */
    public static PrefixMapping mapping() {
        return MAPPING;
    }

    /** The shared prefixes whose namespace some IRI in {@code g} uses, so written RDF declares only what it needs. */
    public static PrefixMapping usedIn(org.apache.jena.graph.Graph g) {
        java.util.Set<String> iris = new java.util.HashSet<>();
        g.find().forEachRemaining(t -> {
            for (var n : new org.apache.jena.graph.Node[] {t.getSubject(), t.getPredicate(), t.getObject()}) {
                if (n.isURI()) iris.add(n.getURI());
                else if (n.isLiteral() && !n.getLiteralDatatypeURI().isEmpty()) iris.add(n.getLiteralDatatypeURI());
            }
        });
        PrefixMapping used = new PrefixMappingImpl();
        MAPPING.getNsPrefixMap().forEach((prefix, ns) -> {
            if (iris.stream().anyMatch(i -> i.startsWith(ns))) used.setNsPrefix(prefix, ns);
        });
        return used;
    }

    private static PrefixMapping build() {
        PrefixMapping pm = new PrefixMappingImpl();
        pm.setNsPrefixes(PrefixMapping.Standard);
        pm.setNsPrefix("cip", CIP.NS);
        pm.setNsPrefix("cipsh", CIP.SHAPES_NS);
        pm.setNsPrefix("sh", "http://www.w3.org/ns/shacl#");
        pm.setNsPrefix("skos", "http://www.w3.org/2004/02/skos/core#");
        pm.setNsPrefix("dct", "http://purl.org/dc/terms/");
        pm.setNsPrefix("dcat", "http://www.w3.org/ns/dcat#");
        pm.setNsPrefix("void", "http://rdfs.org/ns/void#");
        pm.setNsPrefix("prov", "http://www.w3.org/ns/prov#");
        pm.setNsPrefix("qb", "http://purl.org/linked-data/cube#");
        pm.setNsPrefix("time", "http://www.w3.org/2006/time#");
        pm.setNsPrefix("org", "http://www.w3.org/ns/org#");
        pm.setNsPrefix("rov", "http://www.w3.org/ns/regorg#");
        pm.setNsPrefix("adms", "http://www.w3.org/ns/adms#");
        pm.setNsPrefix("foaf", "http://xmlns.com/foaf/0.1/");
        pm.setNsPrefix("vcard", "http://www.w3.org/2006/vcard/ns#");
        pm.setNsPrefix("schema", "https://schema.org/");
        pm.setNsPrefix("sdmx-measure", "http://purl.org/linked-data/sdmx/2009/measure#");
        pm.setNsPrefix("sdmx-attribute", "http://purl.org/linked-data/sdmx/2009/attribute#");
        pm.setNsPrefix("country", "http://publications.europa.eu/resource/authority/country/");
        pm.setNsPrefix("nuts", "http://data.europa.eu/nuts/code/");
        for (String scheme : new String[] {"programme-level", "ecosystem", "eco-category", "label-level", "indicator",
                "unit", "registry", "actor-type"}) {
            pm.setNsPrefix(shortScheme(scheme), CIP.VOCAB + scheme + "/");
        }
        return pm.lock();
    }

    private static String shortScheme(String scheme) {
        return switch (scheme) {
            case "programme-level" -> "level";
            case "ecosystem" -> "eco";
            case "eco-category" -> "cat";
            case "label-level" -> "label";
            case "indicator" -> "ind";
            case "registry" -> "reg";
            case "actor-type" -> "actor";
            default -> scheme;
        };
    }
}
