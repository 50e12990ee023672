package org.cipnet.linking;

import java.util.List;
import java.util.Set;

/**
 * A record to link: its name and whatever else it says, each optional (null or empty when the
 * record does not say). Values are given as the record has them; the matcher normalises them.
 *
 * @param name        the name (may be empty when an identifier is given)
 * @param types       the types to restrict to (as {@link Candidate#types}); empty: any
 * @param country     ISO 3166-1 alpha-2 or alpha-3 code, the EU country authority IRI, or the English name
 * @param city        the city
 * @param regions     NUTS codes or IRIs, ISO 3166-2 codes or IRIs
 * @param categories  Observatory category or ecosystem IRIs, codes or English names
 * @param homepage    a URL or bare domain
 * @param identifiers ECCP URLs, national register numbers, Wikidata ids, or cipnet IRIs
 */
public record LinkQuery(String name, Set<String> types, String country, String city, List<String> regions,
                        List<String> categories, String homepage, List<String> identifiers) {

    public static LinkQuery of(String name) {
        return new LinkQuery(name, Set.of(), null, null, List.of(), List.of(), null, List.of());
    }

    public LinkQuery withCountry(String c) {
        return new LinkQuery(name, types, c, city, regions, categories, homepage, identifiers);
    }

    public LinkQuery withCity(String c) {
        return new LinkQuery(name, types, country, c, regions, categories, homepage, identifiers);
    }

    public LinkQuery withIdentifiers(List<String> ids) {
        return new LinkQuery(name, types, country, city, regions, categories, homepage, ids);
    }

    public LinkQuery withTypes(Set<String> t) {
        return new LinkQuery(name, t, country, city, regions, categories, homepage, identifiers);
    }
}
