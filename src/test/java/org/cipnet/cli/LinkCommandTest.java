package org.cipnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.SKOS;
import org.cipnet.testing.Checkout;
import org.cipnet.testing.Cli;
import org.cipnet.testing.TestNetwork;
import org.cipnet.vocab.CIP;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cipnet link} against the shipped network through the real federator. */
class LinkCommandTest {
    static String endpoint;
    @TempDir
    Path dir;

    @BeforeAll
    static void network() {
        endpoint = TestNetwork.get().federator.sparqlUrl();
    }

    Path labelled() throws Exception {
        Path f = dir.resolve("labelled.csv");
        try (InputStream in = getClass().getResourceAsStream("/linking/labelled.csv")) {
            Files.copy(in, f);
        }
        return f;
    }

    @Test
    void linksTheLabelledSetAndReportsPrecisionAndRecall() throws Exception {
        Path out = dir.resolve("out");
        var r = Cli.run("link", "--input", labelled().toString(), "--name-column", "name", "--country-column", "country", "--city-column", "city",
                "--id-column", "id", "--expected-column", "expected", "--member", "se", "--out", out.toString(), "--endpoint", endpoint);
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("precision 1.000"), r.out());
        assertTrue(r.err().contains("records/s"), "a progress bar: " + r.err());
        List<String> review = Files.readAllLines(out.resolve("review.csv"));
        assertEquals(104, review.size(), "header and one row per record");
        assertTrue(review.get(0).startsWith("line,name,country,city,id,decision,candidate1,name1,score1,features1"), review.get(0));
        assertTrue(review.stream().anyMatch(l -> l.startsWith("3,NCE Subsea,") && l.contains("belongs to member no")), "another member's organisation is not written");

        // The one Swedish record with an ECCP id that Paper Province already has: nothing new to publish for it.
        assertTrue(review.stream().anyMatch(l -> l.contains("clustercollaboration.eu/node/595") && l.contains("already recorded")), String.join("\n", review));
    }

    @Test
    void writesLinksInTheMembersOwnSpaceThatPassTheGate() throws Exception {
        Path csv = dir.resolve("eccp.csv");
        Files.writeString(csv, "Name;Land;ECCP\nRobotdalen AB;SE;https://www.clustercollaboration.eu/cluster-organisations/robotdalen\n"
                + "Oslo Cancer Cluster;NO;https://www.clustercollaboration.eu/cluster-organisations/oslo-cancer-cluster\n"
                + "Uppsala Bio;SE;Q123456\n", StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        var r = Cli.run("link", "--input", csv.toString(), "--delimiter", ";", "--name-column", "Name", "--country-column", "Land", "--id-column", "ECCP",
                "--member", "se", "--out", out.toString(), "--endpoint", endpoint);
        assertEquals(0, r.exit(), r.all());
        Graph links = GraphFactory.createDefaultGraph();
        RDFDataMgr.read(links, out.resolve("links.ttl").toString());
        var robotdalen = NodeFactory.createURI(CIP.BASE + "se/cluster-organisation/robotdalen");
        assertTrue(links.contains(robotdalen, SKOS.exactMatch.asNode(), NodeFactory.createURI("https://www.clustercollaboration.eu/cluster-organisations/robotdalen")));
        assertTrue(links.contains(NodeFactory.createURI(CIP.BASE + "se/cluster-organisation/uppsala-bio"), SKOS.exactMatch.asNode(),
                NodeFactory.createURI("http://www.wikidata.org/entity/Q123456")));
        assertFalse(links.find(null, SKOS.notation.asNode(), NodeFactory.createLiteralString("https://www.clustercollaboration.eu/cluster-organisations/oslo-cancer-cluster")).hasNext(),
                "no link for a record without a match");
        assertTrue(links.find(null, NodeFactory.createURI(CIP.NS + "matchScore"), null).hasNext(), "PROV with the score");
        links.find().forEachRemaining(t -> assertTrue(t.getSubject().isBlank() || t.getSubject().getURI().startsWith(CIP.uriSpace("se")), "own space only: " + t));

        // The Swedish graph plus the links is still one valid publication.
        var v = Checkout.validator().validateFiles(List.of(Checkout.files().data().resolve("se/se.ttl"), out.resolve("links.ttl")));
        assertTrue(v.passes(), v.findings().toString());
    }

    @Test
    void reviewedLinksAreMarkedReviewed() throws Exception {
        Path csv = dir.resolve("records.csv");
        Files.writeString(csv, "name,country,id\nSmart Textile Lab Boras,SE,https://www.clustercollaboration.eu/cluster-organisations/smart-textiles\n");
        Path out = dir.resolve("out");
        var r = Cli.run("link", "--input", csv.toString(), "--name-column", "name", "--country-column", "country", "--id-column", "id",
                "--member", "se", "--out", out.toString(), "--endpoint", endpoint);
        assertEquals(0, r.exit(), r.all());
        List<String> review = Files.readAllLines(out.resolve("review.csv"));
        assertTrue(review.get(1).contains(",review,"), "not linked automatically: " + review.get(1));
        // The reviewer accepts the first candidate after checking it.
        Files.writeString(out.resolve("review.csv"), review.get(0) + "\n" + review.get(1).replace(",review,", ",accept,") + "\n");
        Path again = dir.resolve("again");
        r = Cli.run("link", "--input", csv.toString(), "--name-column", "name", "--country-column", "country", "--id-column", "id",
                "--member", "se", "--out", again.toString(), "--endpoint", endpoint, "--reviewed", out.resolve("review.csv").toString());
        assertEquals(0, r.exit(), r.all());
        Graph links = GraphFactory.createDefaultGraph();
        RDFDataMgr.read(links, again.resolve("links.ttl").toString());
        assertTrue(links.find(null, NodeFactory.createURI(CIP.NS + "reviewed"), org.apache.jena.graph.NodeFactory.createLiteralByValue(true)).hasNext(),
                "a reviewed link: " + Files.readString(again.resolve("links.ttl")));
    }

    @Test
    void csvErrorsNameColumnAndLine() throws Exception {
        Path semicolons = dir.resolve("semi.csv");
        Files.writeString(semicolons, "name;country\nRobotdalen;SE\n");
        var r = Cli.run("link", "--input", semicolons.toString(), "--name-column", "name", "--member", "se", "--out", dir.toString(), "--endpoint", endpoint);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no column 'name'") && r.err().contains("separated by ';'"), r.err());

        Path missing = dir.resolve("missing.csv");
        Files.writeString(missing, "title,country\nRobotdalen,SE\n");
        r = Cli.run("link", "--input", missing.toString(), "--name-column", "name", "--member", "se", "--out", dir.toString(), "--endpoint", endpoint);
        assertTrue(r.err().contains(missing + ":1: no column 'name'") && r.err().contains("title, country"), r.err());

        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "name,country\nRobotdalen,SE\nV\u00e4ster\u00e5s Science Park,SE\n".getBytes(StandardCharsets.ISO_8859_1));
        r = Cli.run("link", "--input", latin1.toString(), "--name-column", "name", "--member", "se", "--out", dir.toString(), "--endpoint", endpoint);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(latin1 + ":3:2: byte 0xE4 is not valid UTF-8"), r.err());

        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "name,country\nRobotdalen,SE\nSmart Textiles,SE,Borås\n");
        r = Cli.run("link", "--input", ragged.toString(), "--name-column", "name", "--member", "se", "--out", dir.toString(), "--endpoint", endpoint);
        assertTrue(r.err().contains(ragged + ":3: 3 fields where the header has 2"), r.err());
    }
}
