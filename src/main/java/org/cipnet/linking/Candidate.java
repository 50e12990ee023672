package org.cipnet.linking;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One thing a record can be linked to (a cluster organisation, programme, agency, transnational
 * project or Observatory category), with every name it has and the facts used as evidence.
 *
 * @param iri         its IRI
 * @param types       its types (class IRIs; the eco-category scheme IRI for an Observatory category)
 * @param labels      {@code skos:prefLabel} by language tag
 * @param names       every name: prefLabels in every language, altLabels (acronyms), former names, notations
 * @param country     ISO 3166-1 alpha-3 code of {@code cip:country}, or null
 * @param city        {@code cip:city}, or null
 * @param regions     {@code cip:region} IRIs (NUTS or ISO 3166-2)
 * @param categories  {@code cip:clusterCategory} and {@code cip:industrialEcosystem} IRIs
 * @param domain      the {@code foaf:homepage} host without {@code www.}, or null
 * @param identifiers external identifiers ({@code adms:identifier} notations, their pages), as {@link Identifiers#normalise} gives them
 */
public record Candidate(String iri, Set<String> types, Map<String, String> labels, List<String> names, String country,
                        String city, Set<String> regions, Set<String> categories, String domain, Set<String> identifiers) {

    /** The label in the first of {@code langs} the candidate has, else English, else any name. */
    public String label(List<String> langs) {
        for (String l : langs) if (labels.containsKey(l)) return labels.get(l);
        if (labels.containsKey("en")) return labels.get("en");
        if (!labels.isEmpty()) return labels.values().iterator().next();
        return names.isEmpty() ? iri : names.get(0);
    }
}
