package org.cipnet.linking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.cipnet.testing.TestNetwork;
import org.cipnet.vocab.CIP;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The matcher over the shipped network (read through the real federator) against the labelled
 * set in {@code src/test/resources/linking/labelled.csv}: variants of shipped names (legal forms,
 * word order, accents removed, national names, acronyms, former names, a name two countries
 * share) and real organisations that are not in the data.
 */
class LabelledSetTest {
    static Matcher matcher;
    static List<CSVRecord> records;

    @BeforeAll
    static void load() throws Exception {
        matcher = NetworkCandidates.load(TestNetwork.get().federator.sparqlUrl());
        try (var in = LabelledSetTest.class.getResourceAsStream("/linking/labelled.csv");
             var p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            records = p.getRecords();
        }
    }

    static LinkQuery query(CSVRecord r) {
        return LinkQuery.of(r.get("name")).withCountry(r.get("country")).withCity(r.get("city"))
                .withIdentifiers(r.get("id").isEmpty() ? List.of() : List.of(r.get("id"))).withTypes(Set.of(CIP.ClusterOrganisation));
    }

    @Test
    void noFalseAutomaticLinkAndHighRecall() {
        assertTrue(records.size() >= 60, "the labelled set has at least 60 records");
        int expected = 0, linked = 0, correct = 0, topOne = 0;
        List<String> wrong = new ArrayList<>(), missed = new ArrayList<>();
        for (CSVRecord r : records) {
            List<Scored> result = matcher.match(query(r), 3);
            String want = r.get("expected");
            if (!want.isEmpty()) expected++;
            if (!result.isEmpty() && result.get(0).candidate().iri().equals(want)) topOne++;
            Scored best = result.isEmpty() ? null : result.get(0);
            String describe = r.get("name") + " (" + r.get("kind") + ") → " + (best == null ? "nothing" : best.candidate().iri() + " " + best.score() + " " + best.features())
                    + (result.size() > 1 ? " / runner-up " + result.get(1).candidate().iri() + " " + result.get(1).score() : "");
            System.out.println((best != null && best.match() ? "LINK " : "---- ") + describe);
            if (best != null && best.match()) {
                linked++;
                if (best.candidate().iri().equals(want)) correct++;
                else wrong.add(describe);
            } else if (!want.isEmpty()) missed.add(describe);
        }
        double precision = linked == 0 ? 1 : (double) correct / linked, recall = (double) correct / expected;
        System.out.printf("labelled set: %d records, %d with a link, %d linked automatically, %d correct; precision %.3f recall %.3f; best candidate right %d of %d%n",
                records.size(), expected, linked, correct, precision, recall, topOne, expected);
        assertEquals(List.of(), wrong, "no false automatic link");
        assertTrue(recall >= 0.85, "recall " + recall + " ≥ 0.85; missed: " + String.join("\n", missed));
        assertTrue(topOne >= expected * 0.95, "the right candidate comes first for 95% of the records with a link: " + topOne + "/" + expected);
    }

    @Test
    void sameNameInTwoCountriesIsNotLinkedWithoutTheCountry() {
        List<Scored> r = matcher.match(LinkQuery.of("Metalworking Cluster"), 5);
        assertTrue(r.size() >= 2 && !r.get(0).match(), "two candidates, no automatic link: " + r);
        assertEquals(r.get(0).score(), r.get(1).score());
        Scored lv = matcher.match(LinkQuery.of("Metalworking Cluster").withCountry("http://publications.europa.eu/resource/authority/country/LVA"), 5).get(0);
        assertTrue(lv.match() && lv.candidate().iri().endsWith("/lv/cluster-organisation/metalworking-cluster"));
        assertEquals(1.0, lv.features().get("country"));
    }

    @Test
    void anIdentifierDecidesAlone() {
        Scored s = matcher.match(LinkQuery.of("").withIdentifiers(List.of("http://clustercollaboration.eu/node/595/")), 3).get(0);
        assertTrue(s.match());
        assertEquals(CIP.BASE + "se/cluster-organisation/paper-province", s.candidate().iri());
        assertEquals(100.0, s.score());
    }

    @Test
    void observatoryCategoriesAreCandidates() {
        List<Scored> r = matcher.match(LinkQuery.of("Biopharmaceuticals").withTypes(Set.of(NetworkCandidates.OBSERVATORY_CATEGORY)), 3);
        assertTrue(!r.isEmpty() && r.get(0).candidate().iri().startsWith(CIP.VOCAB + "eco-category/"), "a category comes first: " + r);
    }
}
