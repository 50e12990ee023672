package org.cipnet.web;

import static org.cipnet.web.Browser.js;
import static org.cipnet.web.Browser.shot;
import static org.cipnet.web.Browser.waitUp;
import static org.junit.jupiter.api.Assertions.*;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.cipnet.testing.Checkout;
import org.cipnet.testing.Http;
import org.cipnet.testing.TestNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Yellow Pages in a real headless Chromium (Debian's chromium and chromedriver, installed by
 * the project's test script) against the shipped network. Expected answers are read from the
 * shipped data (the central graph), not written into the test.
 */
class WebBrowserTest {
    static WebFront web;
    static WebDriver browser;
    static Graph g;
    static final String CIP = "https://w3id.org/cipnet/ontology#";
    static final Node CO = NodeFactory.createURI(CIP + "ClusterOrganisation");

    @BeforeAll
    static void start() throws Exception {
        TestNetwork net = TestNetwork.get();
        g = net.central;
        web = WebFront.start(net.federator.sparqlUrl(), net.members, Checkout.files().queries(), 0);
        browser = Browser.get();
    }

    @AfterAll
    static void stop() {
        if (web != null) web.close();
    }

    @BeforeEach
    void wideAndEnglish() {
        Browser.desktop();
        browser.get(web.url() + "?lang=en");
    }

    @AfterEach
    void noConsoleErrors() {
        var severe = Browser.consoleErrors();
        assertTrue(severe.isEmpty(), "console errors: " + severe);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<Node> clusters() {
        return g.find(Node.ANY, RDF.type.asNode(), CO).mapWith(Triple::getSubject).toList();
    }

    static List<String> literals(Node s, String p) {
        return g.find(s, NodeFactory.createURI(p), Node.ANY).mapWith(t -> t.getObject().getLiteralLexicalForm()).toList();
    }

    /** The IRIs of the clusters listed on the search page for {@code q}. */
    static List<String> search(String q) {
        browser.get(web.url() + "?q=" + enc(q));
        List<String> out = new ArrayList<>();
        for (WebElement a : browser.findElements(By.cssSelector("#results tbody tr td:first-child a")))
            out.add(java.net.URLDecoder.decode(a.getAttribute("href").replaceFirst(".*[?&]id=", ""), StandardCharsets.UTF_8));
        return out;
    }

    /** A Latvian cluster organisation whose Latvian name has diacritics, and that name. */
    private static String[] latvianCluster() {
        for (Node co : clusters()) {
            if (!co.getURI().startsWith("https://w3id.org/cipnet/lv/")) continue;
            for (var l : g.find(co, SKOS.prefLabel.asNode(), Node.ANY).toList())
                if (l.getObject().getLiteralLanguage().equals("lv") && !Html.fold(l.getObject().getLiteralLexicalForm())
                        .equals(l.getObject().getLiteralLexicalForm().toLowerCase()))
                    return new String[] {co.getURI(), l.getObject().getLiteralLexicalForm()};
        }
        fail("the Latvian graph has a cluster organisation with a Latvian name that has diacritics");
        return null;
    }

    @Test
    void searchWithoutDiacriticsFindsALatvianClusterAndItsProfileShowsBothLabels() throws Exception {
        String[] lv = latvianCluster();
        String plain = Html.fold(lv[1]);
        browser.get(web.url());
        WebElement box = browser.findElement(By.id("q"));
        box.sendKeys(plain);
        browser.findElement(By.id("search")).click();
        WebElement link = waitUp()
                .withMessage("searching '" + plain + "' lists " + lv[0])
                .until(d -> !d.getCurrentUrl().contains("q=") || !"complete".equals(js("return document.readyState")) ? null
                        : d.findElements(By.cssSelector("#results a")).stream()
                                .filter(a -> a.getAttribute("href").contains(enc(lv[0]))).findFirst().orElse(null));
        shot("search");
        link.click();
        waitUp().until(d -> d.findElement(By.id("labels")).isDisplayed());
        shot("profile");
        String labels = browser.findElement(By.id("labels")).getText();
        assertTrue(labels.contains("en "), labels);
        assertTrue(labels.contains("lv " + lv[1]), labels);
        assertNotNull(browser.findElement(By.id("rdf-link")).getAttribute("href"));
    }

    @Test
    void theReadmesCityExampleFindsEveryClusterInThatCity() throws Exception {
        // "riga", typed without the macron, must find every cluster whose city the data gives as Rīga.
        List<String> inRiga = clusters().stream().filter(co -> literals(co, CIP + "city").stream().anyMatch(c -> Html.fold(c).equals("riga")))
                .map(Node::getURI).toList();
        assertFalse(inRiga.isEmpty(), "the shipped data has a cluster organisation in Rīga");
        List<String> found = search("riga");
        assertTrue(found.containsAll(inRiga), "searching 'riga' lists " + inRiga + ", got " + found);
    }

    @Test
    void aFormerNameFindsTheRenamedClusterAndSaysSo() throws Exception {
        Node former = NodeFactory.createURI(CIP + "formerName");
        // A former name that is not part of any current name of the same organisation.
        var t = g.find(Node.ANY, former, Node.ANY).toList().stream()
                .filter(x -> g.find(x.getSubject(), SKOS.prefLabel.asNode(), Node.ANY).toList().stream()
                        .noneMatch(l -> Html.fold(l.getObject().getLiteralLexicalForm()).contains(Html.fold(x.getObject().getLiteralLexicalForm()))))
                .findFirst().orElseThrow(() -> new AssertionError("the shipped data records a former name"));
        String name = t.getObject().getLiteralLexicalForm();
        browser.get(web.url() + "?q=" + enc(name));
        WebElement row = browser.findElements(By.cssSelector("#results tr")).stream()
                .filter(r -> r.findElements(By.cssSelector("a[href*='" + enc(t.getSubject().getURI()) + "']")).size() > 0)
                .findFirst().orElseThrow(() -> new AssertionError("searching the former name '" + name + "' lists " + t.getSubject()));
        assertTrue(row.getText().contains("also known as " + name), row.getText());
    }

    /** A former name of several words, typed whole, lists its holder first, before clusters that only share its words. */
    @Test
    void aFormerNameTypedWholeListsItsHolderFirst() {
        Node former = NodeFactory.createURI(CIP + "formerName");
        int checked = 0;
        for (Triple t : g.find(Node.ANY, former, Node.ANY).toList()) {
            String name = t.getObject().getLiteralLexicalForm(), folded = Html.fold(name);
            if (folded.split(" ").length < 2) continue;
            // Only where no other cluster has the same words in a row in one of its names.
            boolean shared = clusters().stream().filter(co -> !co.equals(t.getSubject())).anyMatch(co -> java.util.stream.Stream.of(
                    SKOS.prefLabel.getURI(), SKOS.altLabel.getURI(), CIP + "formerName").flatMap(p -> literals(co, p).stream()).anyMatch(l -> Html.fold(l).contains(folded)));
            if (shared) continue;
            List<String> hits = search(name);
            assertFalse(hits.isEmpty(), name);
            assertEquals(t.getSubject().getURI(), hits.get(0), "'" + name + "' lists its holder first: " + hits);
            checked++;
        }
        assertTrue(checked > 0, "the shipped data has a former name of several words");
    }

    /** Clusters with a name containing the whole word {@code word}, folded. */
    static Set<String> withWord(String word) {
        Set<String> out = new HashSet<>();
        for (Node co : clusters())
            for (String l : literals(co, SKOS.prefLabel.getURI()))
                if (List.of(Html.fold(l).split(" ")).contains(Html.fold(word))) out.add(co.getURI());
        return out;
    }

    @Test
    void nceMatchesTheWordNotPartsOfWords() {
        Set<String> expected = withWord("NCE");
        assertFalse(expected.isEmpty());
        List<String> hits = search("NCE");
        // Every cluster named with the word NCE, and none that only has "nce" inside a word (Alliance, Science, Defence).
        assertTrue(hits.containsAll(expected), "all clusters named NCE: " + expected + " in " + hits);
        // Each hit shows what matched, and that has the whole word NCE (a name, or the NCE programme level).
        for (WebElement match : browser.findElements(By.cssSelector("#results tbody tr"))) {
            List<WebElement> shown = match.findElements(By.cssSelector(".matched"));
            assertEquals(1, shown.size(), match.getText());
            String text = shown.get(0).getText();
            String value = text.substring(text.indexOf(':') + 1);
            assertTrue(List.of(Html.fold(value).split(" ")).contains("nce"), "matched on the word NCE: " + text);
        }
        assertTrue(browser.findElement(By.id("results")).getText().contains("matched name"), "the matched field is shown");
    }

    @Test
    void wordsInAnyOrderPrefixesAndTyposFindTheSameCluster() {
        List<String> exact = search("Oslo Medtech");
        assertFalse(exact.isEmpty(), "the shipped data has Oslo Medtech");
        String oslo = exact.get(0);
        assertEquals(oslo, search("medtech oslo").get(0), "any word order");
        assertEquals(oslo, search("oslo medt").get(0), "a prefix as you type");
        assertEquals(oslo, search("oslo medtek").get(0), "a typo");
    }

    @Test
    void sectorLabelsInEveryLanguageAreSearched() {
        // "fish": the clusters whose Observatory category or ecosystem has a label with a word starting "fish".
        Set<String> expected = new HashSet<>();
        for (Node co : clusters())
            for (String p : List.of(CIP + "clusterCategory", CIP + "industrialEcosystem"))
                for (Triple t : g.find(co, NodeFactory.createURI(p), Node.ANY).toList())
                    for (String l : literals(t.getObject(), SKOS.prefLabel.getURI()))
                        if (List.of(Html.fold(l).split(" ")).stream().anyMatch(w -> w.startsWith("fish"))) expected.add(co.getURI());
        assertFalse(expected.isEmpty(), "the shipped data has a fishing cluster");
        assertTrue(search("fish").containsAll(expected));
        // "Klynge" (the search box's example): Danish clusters whose programme level or name says klynge.
        assertFalse(search("Klynge").isEmpty());
        assertTrue(browser.findElement(By.id("results")).getText().toLowerCase().contains("klynge"));
    }

    @Test
    void aCodeListNameInANetworkLanguageFindsItsClustersAndIsShownInThatLanguage() {
        // Programme levels carry their national names (each from the page its code list cites), e.g. "Krajowy Klaster Kluczowy"@pl:
        // that name finds every cluster taking part at that level, and a profile asked for in that language shows it.
        Node level = NodeFactory.createURI(CIP + "level"), participant = NodeFactory.createURI(CIP + "participant");
        int checked = 0;
        for (Triple t : g.find(Node.ANY, SKOS.prefLabel.asNode(), Node.ANY).toList()) {
            String lang = t.getObject().getLiteralLanguage(), name = t.getObject().getLiteralLexicalForm();
            if (lang.isEmpty() || lang.equals("en") || literals(t.getSubject(), SKOS.prefLabel.getURI()).stream().filter(name::equals).count() > 1) continue;
            List<String> at = new ArrayList<>();
            for (Triple p : g.find(Node.ANY, level, t.getSubject()).toList())
                for (Triple c : g.find(p.getSubject(), participant, Node.ANY).toList()) at.add(c.getObject().getURI());
            if (at.isEmpty()) continue;
            assertTrue(search(name).containsAll(at), "'" + name + "'@" + lang + " finds " + at);
            String profile = Http.get(web.url() + "cluster?lang=" + lang + "&id=" + enc(at.get(0))).body();
            assertTrue(profile.contains(name), at.get(0) + " in " + lang + " shows its level as '" + name + "'");
            checked++;
        }
        assertTrue(checked > 0, "the shipped data has a cluster at a level with a national name of its own");
    }

    @Test
    void anEmptySearchListsEveryClusterWithFacetsAndAMap() throws Exception {
        browser.get(web.url());
        assertEquals(clusters().size(), browser.findElements(By.cssSelector("#results tbody tr")).size());
        assertFalse(browser.findElements(By.cssSelector("a.facet-country")).isEmpty());
        assertFalse(browser.findElements(By.cssSelector("a.facet-eco")).isEmpty());
        List<WebElement> areas = browser.findElements(By.cssSelector("#map a.area"));
        assertEquals(11, areas.size(), "one map area per country of the network");
        // Each area draws its country's outline (shared by every page at /map.svg): it covers ground on the page.
        for (WebElement a : areas) {
            waitUp().until(d -> ((Number) js("return arguments[0].getBoundingClientRect().width", a)).doubleValue() > 0);
            assertTrue(((Number) js("return arguments[0].getBoundingClientRect().height", a)).doubleValue() > 0, a.getAttribute("data-country"));
        }
        shot("search-all");
        // The map is shaded by the current search and filters by a click.
        search("NCE");
        WebElement norway = browser.findElement(By.cssSelector("#map a.area[data-country='NOR']"));
        assertTrue(Integer.parseInt(norway.getAttribute("data-hits")) > 0);
        assertEquals("0", browser.findElement(By.cssSelector("#map a.area[data-country='LVA']")).getAttribute("data-hits"));
        js("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", norway);
        waitUp().until(d -> d.getCurrentUrl().contains("country=NOR"));
        for (WebElement r : browser.findElements(By.cssSelector("#results tbody tr")))
            assertTrue(r.getText().contains("Norway"), r.getText());
    }

    @Test
    void theSearchPageRdfIsTheHits() throws Exception {
        List<String> hits = search("NCE");
        String rdf = browser.findElement(By.id("rdf-link")).getAttribute("href");
        Graph got = GraphFactory.createDefaultGraph();
        RDFParser.fromString(Http.get(rdf).body(), Lang.TURTLE).parse(got);
        Set<String> typed = new HashSet<>(got.find(Node.ANY, RDF.type.asNode(), CO).mapWith(t -> t.getSubject().getURI()).toList());
        assertEquals(new HashSet<>(hits), typed);
    }

    /** The cluster organisation about which the graph says most. */
    static Node richest() {
        return clusters().stream().max(java.util.Comparator.comparingInt(c -> g.find(c, Node.ANY, Node.ANY).toList().size())).orElseThrow();
    }

    @Test
    void aProfileShowsEveryFactTheGraphHoldsAboutTheCluster() throws Exception {
        Set<Node> sample = new java.util.LinkedHashSet<>(List.of(richest()));
        // and one with a collaboration, and one with indicators
        g.find(Node.ANY, NodeFactory.createURI(CIP + "collaborator"), Node.ANY).forEachRemaining(t -> {
            if (g.contains(t.getObject(), RDF.type.asNode(), CO) && sample.size() < 2) sample.add(t.getObject());
        });
        g.find(Node.ANY, NodeFactory.createURI(CIP + "observedEntity"), Node.ANY).forEachRemaining(t -> {
            if (g.contains(t.getObject(), RDF.type.asNode(), CO) && sample.size() < 3) sample.add(t.getObject());
        });
        for (Node co : sample) {
            browser.get(web.url() + "cluster?id=" + enc(co.getURI()));
            int facts = browser.findElements(By.cssSelector("#facts [data-fact]")).size();
            assertEquals(g.find(co, Node.ANY, Node.ANY).toList().size(), facts, "every triple about " + co + " is shown once");
            for (WebElement section : browser.findElements(By.cssSelector("#facts section")))
                assertFalse(section.getText().isBlank());
        }
        shot("profile-rich");
    }

    @Test
    void aProfileShowsAwardsWithYearAwarderAndScoreAndEmbedsJsonLd() throws Exception {
        Node award = NodeFactory.createURI(CIP + "hasLabelAward"), score = NodeFactory.createURI(CIP + "score");
        Triple t = g.find(Node.ANY, award, Node.ANY).toList().stream().filter(x -> g.find(x.getObject(), score, Node.ANY).hasNext())
                .findFirst().orElseThrow(() -> new AssertionError("the shipped data has an award with a score"));
        browser.get(web.url() + "cluster?id=" + enc(t.getSubject().getURI()));
        String table = browser.findElement(By.id("awards")).getText();
        String s = g.find(t.getObject(), score, Node.ANY).next().getObject().getLiteralLexicalForm();
        assertTrue(table.contains(s), "score " + s + " in " + table);
        Node by = g.find(t.getObject(), NodeFactory.createURI(CIP + "awardedBy"), Node.ANY).next().getObject();
        String awarder = literals(by, SKOS.prefLabel.getURI()).stream().findFirst()
                .orElseGet(() -> literals(by, "http://www.w3.org/2000/01/rdf-schema#label").get(0));
        assertTrue(table.contains(awarder), awarder + " in " + table);
        String json = (String) js("return document.querySelector('script[type=\"application/ld+json\"]').textContent");
        JsonNode ld = new ObjectMapper().readTree(json);
        assertEquals("Organization", ld.get("@type").asText());
        assertEquals(t.getSubject().getURI(), ld.get("@id").asText());
        assertNotNull(browser.findElement(By.id("node-page")).getAttribute("href"));
        // The page's RDF has every triple about the cluster that the page shows.
        Graph got = GraphFactory.createDefaultGraph();
        RDFParser.fromString(Http.get(browser.findElement(By.id("rdf-link")).getAttribute("href")).body(), Lang.TURTLE).parse(got);
        for (Triple x : g.find(t.getSubject(), Node.ANY, Node.ANY).toList()) assertTrue(got.contains(x), "RDF has " + x);
        assertTrue(got.find(t.getObject(), score, Node.ANY).hasNext(), "RDF has the award's score");
    }

    @Test
    void aPartnerOutsideTheNetworkIsNamedWithItsCountry() {
        Node collaborator = NodeFactory.createURI(CIP + "collaborator");
        // A collaboration between a cluster organisation of the network and an organisation outside it.
        Triple outside = g.find(Node.ANY, collaborator, Node.ANY).toList().stream()
                .filter(t -> !g.contains(t.getObject(), RDF.type.asNode(), CO))
                .filter(t -> g.find(t.getSubject(), collaborator, Node.ANY).toList().stream().anyMatch(o -> g.contains(o.getObject(), RDF.type.asNode(), CO)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the shipped data has a collaboration with an organisation outside the network"));
        Node co = g.find(outside.getSubject(), collaborator, Node.ANY).toList().stream().map(Triple::getObject)
                .filter(o -> g.contains(o, RDF.type.asNode(), CO)).findFirst().orElseThrow();
        browser.get(web.url() + "cluster?id=" + enc(co.getURI()));
        String text = browser.findElement(By.id("collaborations")).getText();
        List<String> names = new ArrayList<>(literals(outside.getObject(), SKOS.prefLabel.getURI()));
        names.addAll(literals(outside.getObject(), "http://www.w3.org/2000/01/rdf-schema#label"));
        assertTrue(names.stream().anyMatch(text::contains), names + " in " + text);
        assertFalse(text.contains(outside.getObject().getURI()), "no raw IRI");
    }

    @Test
    void partnersAbroadNeverShowAnEmptyTableWithoutASentence() {
        int checked = 0;
        for (Node co : clusters()) {
            if (checked++ % 9 != 0) continue;
            browser.get(web.url() + "partners?id=" + enc(co.getURI()));
            boolean table = !browser.findElements(By.cssSelector("#partners tbody tr")).isEmpty();
            boolean sentence = !browser.findElements(By.id("partners-empty")).isEmpty();
            assertTrue(table ^ sentence, co + ": a table of partners or a sentence why there is none");
            // "Complementary" needs a documented relation: without one in the vocabularies, the page says so and calls none complementary.
            boolean relations = g.find(Node.ANY, SKOS.related.asNode(), Node.ANY).hasNext();
            assertEquals(!relations, !browser.findElements(By.id("no-relations")).isEmpty(), co + ": the page says whether any relation is recorded");
            if (!relations)
                for (WebElement r : browser.findElements(By.cssSelector("#partners tbody tr")))
                    assertNotEquals("complementary", r.findElements(By.cssSelector("td")).get(2).getText(), co + ": complementary without a relation");
            for (WebElement r : browser.findElements(By.cssSelector("#partners tbody tr")))
                assertFalse(r.findElements(By.cssSelector("td")).get(4).getText().isBlank(), "each candidate has its reasons");
        }
    }

    @Test
    void thePartnersPageRdfHasEveryCandidateItShowsWithTheFactsOfItsScore() throws Exception {
        for (Node co : clusters()) {
            browser.get(web.url() + "partners?id=" + enc(co.getURI()));
            List<String> shown = new ArrayList<>();
            for (WebElement a : browser.findElements(By.cssSelector("#partners tbody tr td:first-child a")))
                shown.add(java.net.URLDecoder.decode(a.getAttribute("href").replaceFirst(".*[?&]id=", ""), StandardCharsets.UTF_8));
            if (shown.isEmpty()) continue;
            Graph got = GraphFactory.createDefaultGraph();
            RDFParser.fromString(Http.get(browser.findElement(By.id("rdf-link")).getAttribute("href")).body(), Lang.TURTLE).parse(got);
            for (Triple t : g.find(co, Node.ANY, Node.ANY).toList()) assertTrue(got.contains(t), "the cluster's own graph: " + t);
            for (String iri : shown) {
                Node c = NodeFactory.createURI(iri);
                // Every fact the score and the reasons come from: names, country, ecosystems, categories, label awards and their levels, programme participations and their levels.
                for (String p : List.of(SKOS.prefLabel.getURI(), CIP + "country", CIP + "industrialEcosystem", CIP + "clusterCategory", CIP + "hasLabelAward"))
                    for (Triple t : g.find(c, NodeFactory.createURI(p), Node.ANY).toList()) assertTrue(got.contains(t), "candidate's " + t);
                for (Triple a : g.find(c, NodeFactory.createURI(CIP + "hasLabelAward"), Node.ANY).toList())
                    for (Triple t : g.find(a.getObject(), NodeFactory.createURI(CIP + "labelLevel"), Node.ANY).toList()) assertTrue(got.contains(t), "award's " + t);
                for (Triple x : g.find(Node.ANY, NodeFactory.createURI(CIP + "participant"), c).toList()) {
                    assertTrue(got.contains(x), "participation " + x);
                    for (Triple t : g.find(x.getSubject(), NodeFactory.createURI(CIP + "level"), Node.ANY).toList()) assertTrue(got.contains(t), "participation's " + t);
                }
                assertTrue(got.contains(c, RDF.type.asNode(), CO), iri);
            }
            return;
        }
        fail("some cluster has partners abroad to suggest");
    }

    @Test
    void anExistingCollaborationAbroadComesFirst() {
        Node cw = NodeFactory.createURI(CIP + "collaborator");
        for (Triple t : g.find(Node.ANY, cw, Node.ANY).toList()) {
            if (!g.contains(t.getObject(), RDF.type.asNode(), CO)) continue;
            browser.get(web.url() + "partners?id=" + enc(t.getObject().getURI()));
            if (!browser.findElements(By.cssSelector("#existing li")).isEmpty()) return;
        }
        fail("some cluster with a recorded collaboration abroad lists it among existing collaborations");
    }

    @Test
    void eachExistingPartnerAbroadIsListedOnce() {
        Node cw = NodeFactory.createURI(CIP + "collaborator");
        Set<Node> clusters = new LinkedHashSet<>();
        for (Triple t : g.find(Node.ANY, cw, Node.ANY).toList()) if (g.contains(t.getObject(), RDF.type.asNode(), CO)) clusters.add(t.getObject());
        int listed = 0;
        for (Node co : clusters) {
            browser.get(web.url() + "partners?id=" + enc(co.getURI()));
            List<String> partners = browser.findElements(By.cssSelector("#existing li")).stream().map(li -> li.getText().split(" · ")[0]).toList();
            assertEquals(new LinkedHashSet<>(partners).size(), partners.size(), co + ": " + partners);
            listed += partners.size();
        }
        assertTrue(listed > 0, "some cluster lists an existing partner abroad");
    }

    /** What a member publishes besides clusters links to its node's page; a category to the search for its clusters. */
    @Test
    void theClusterAddressSendsOtherResourcesWhereTheyAreShown() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, java.net.http.HttpResponse<String>> get = iri -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(web.url() + "cluster?id=" + enc(iri))).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        // An agency or organisation a member publishes as a collaboration partner: linked, and sent to its node.
        Node cw = NodeFactory.createURI(CIP + "collaborator");
        Node partner = g.find(Node.ANY, cw, Node.ANY).toList().stream().map(Triple::getObject)
                .filter(o -> !g.contains(o, RDF.type.asNode(), CO) && org.cipnet.vocab.CIP.memberOf(o.getURI()) != null)
                .findFirst().orElseThrow(() -> new AssertionError("the shipped data has a member's non-cluster partner"));
        var r = get.apply(partner.getURI());
        assertEquals(302, r.statusCode());
        String to = r.headers().firstValue("Location").orElseThrow();
        assertTrue(to.endsWith("/page/" + partner.getURI().substring(org.cipnet.vocab.CIP.BASE.length())), to);
        // An Observatory category and a regional-cluster key: the search for the category's clusters.
        Node cat = NodeFactory.createURI(CIP + "clusterCategory"), organises = NodeFactory.createURI(CIP + "organisesCluster");
        Triple key = g.find(Node.ANY, organises, Node.ANY).toList().stream()
                .filter(t -> t.getObject().getURI().contains("/vocab/regional-cluster/")).findFirst().orElseThrow();
        Node category = g.find(key.getObject(), cat, Node.ANY).toList().stream().map(Triple::getObject).findFirst()
                .orElseThrow(() -> new AssertionError("the reference graph gives " + key.getObject() + " its category"));
        for (Node n : List.of(category, key.getObject())) {
            var c = get.apply(n.getURI());
            assertEquals(302, c.statusCode(), n.getURI());
            assertEquals("/?cat=" + enc(category.getURI()), c.headers().firstValue("Location").orElseThrow(), n.getURI());
        }
        browser.get(web.url() + "?lang=en&cat=" + enc(category.getURI()));
        assertTrue(browser.getPageSource().contains(enc(key.getSubject().getURI())), "the search lists " + key.getSubject());
        // An address in a member's space that the network does not know: the web front's own "not found".
        var unknown = get.apply(org.cipnet.vocab.CIP.BASE + "no/cluster-organisation/not-published-anywhere");
        assertEquals(404, unknown.statusCode());
    }

    @Test
    void compareShowsAChartForTwoCountries() throws Exception {
        browser.get(web.url() + "compare?country=NOR&country=LVA");
        waitUp().until(d -> Boolean.TRUE.equals(js("return window.chartReady === true")));
        assertEquals(2L, js("return Chart.getChart(document.getElementById('chart')).data.datasets.length"));
        shot("compare");
        assertTrue(browser.findElement(By.id("comparison")).getText().contains("Norway"));
        // The RDF link follows the choice: only these countries.
        Graph got = GraphFactory.createDefaultGraph();
        RDFParser.fromString(Http.get(browser.findElement(By.id("rdf-link")).getAttribute("href")).body(), Lang.TURTLE).parse(got);
        Set<String> countries = new HashSet<>(got.find(Node.ANY, NodeFactory.createURI(CIP + "country"), Node.ANY).mapWith(t -> t.getObject().getURI()).toList());
        assertEquals(Set.of("http://publications.europa.eu/resource/authority/country/NOR", "http://publications.europa.eu/resource/authority/country/LVA"), countries);
    }

    @Test
    void countryCompareSaysNotRecordedWhereACountrysDataIsSilent() {
        String all = String.join("&", Directory.COUNTRIES.stream().map(c -> "country=" + c).toList());
        browser.get(web.url() + "compare?" + all);
        WebElement row = browser.findElements(By.cssSelector("#comparison tr")).stream()
                .filter(r -> r.findElement(By.tagName("th")).getText().equals("Earliest founding date")).findFirst().orElseThrow();
        List<WebElement> cells = row.findElements(By.tagName("td"));
        assertEquals(Directory.COUNTRIES.size(), cells.size());
        Node founded = NodeFactory.createURI("https://schema.org/foundingDate"), country = NodeFactory.createURI(CIP + "country");
        for (int i = 0; i < cells.size(); i++) {
            Node c = NodeFactory.createURI("http://publications.europa.eu/resource/authority/country/" + Directory.COUNTRIES.get(i));
            boolean recorded = g.find(Node.ANY, country, c).toList().stream()
                    .anyMatch(t -> g.contains(t.getSubject(), RDF.type.asNode(), CO) && g.find(t.getSubject(), founded, Node.ANY).hasNext());
            assertEquals(!recorded, cells.get(i).getText().equals("not recorded"), Directory.COUNTRIES.get(i) + ": " + cells.get(i).getText());
        }
    }

    @Test
    void twoClustersPickedByTypingAreComparedSideBySide() throws Exception {
        browser.get(web.url() + "compare");
        WebElement box = browser.findElement(By.id("pick-search"));
        List<String> names = new ArrayList<>();
        for (String typed : List.of("oslo medt", "gce ocean")) {
            box.sendKeys(typed);
            waitUp().until(d -> !d.findElements(By.cssSelector("#suggestions li")).isEmpty());
            names.add(browser.findElement(By.cssSelector("#suggestions li")).getAttribute("data-name"));
            box.sendKeys(Keys.ENTER);
            waitUp().until(d -> d.findElements(By.cssSelector("#picked li")).size() == names.size());
        }
        browser.findElement(By.id("compare-clusters")).click();
        waitUp().until(d -> !d.findElements(By.id("comparison")).isEmpty());
        List<String> headers = browser.findElements(By.cssSelector("#comparison tr:first-child th")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("", names.get(0), names.get(1)), headers);
        assertEquals(2, browser.findElements(By.cssSelector("#picked li")).size(), "the picked clusters stay picked");
        String table = browser.findElement(By.id("comparison")).getText();
        assertTrue(table.contains("Programme level") && table.contains("since"), table);
        shot("compare-clusters");
    }

    @Test
    void aProfileLinksItsIdentifierInAnotherRegistry() throws Exception {
        var id = g.find(Node.ANY, NodeFactory.createURI("http://www.w3.org/ns/adms#identifier"), Node.ANY).toList().stream()
                .filter(t -> g.find(t.getObject(), NodeFactory.createURI("http://xmlns.com/foaf/0.1/page"), Node.ANY).hasNext())
                .findFirst().orElseThrow(() -> new AssertionError("the shipped data has an identifier with a page"));
        String page = g.find(id.getObject(), NodeFactory.createURI("http://xmlns.com/foaf/0.1/page"), Node.ANY).next().getObject().getURI();
        browser.get(web.url() + "cluster?id=" + enc(id.getSubject().getURI()));
        List<String> links = browser.findElements(By.cssSelector("#identifiers a")).stream().map(a -> a.getAttribute("href")).toList();
        assertTrue(links.contains(page), "links " + page + ": " + links);
    }

    @Test
    void theInterfaceSpeaksTheVisitorsLanguage() {
        var nb = Http.get(web.url(), "Accept-Language", "no,en;q=0.5");
        assertTrue(nb.body().contains("<html lang=\"nb\">"), "no falls back to nb");
        var fi = Http.get(web.url() + "?lang=fi");
        assertTrue(fi.body().contains("<html lang=\"fi\">"));
        assertFalse(fi.body().contains(">Search<"), "the Finnish page is not in English");
        var other = Http.get(web.url(), "Accept-Language", "pt-BR");
        assertTrue(other.body().contains("<html lang=\"en\">"), "English for a language we have no strings for");
        // The switcher in the browser.
        browser.get(web.url());
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("lang-switch"))).selectByValue("lv");
        waitUp().until(d -> "lv".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    }

    @Test
    void onAPhoneNothingScrollsSidewaysAndTheMenuOpens() throws Exception {
        Browser.phone();
        try {
            for (String page : List.of("", "?q=NCE", "cluster?id=" + enc(richest().getURI()), "compare?country=NOR&country=SWE&country=FIN",
                    "partners?id=" + enc(richest().getURI()), "network")) {
                browser.get(web.url() + page);
                long scroll = (Long) js("return document.documentElement.scrollWidth"), width = (Long) js("return window.innerWidth");
                assertTrue(scroll <= width, page + ": page is " + scroll + " px wide on a " + width + " px screen");
            }
            shot("phone-network");
            browser.get(web.url());
            WebElement compare = browser.findElement(By.cssSelector("nav a[href='/compare']"));
            assertFalse(compare.isDisplayed(), "the menu is folded");
            browser.findElement(By.id("menu-toggle")).click();
            assertTrue(compare.isDisplayed(), "the menu opens");
            shot("phone-menu");
            // Keyboard: the search box has a label and Enter searches.
            assertEquals("q", browser.findElement(By.cssSelector("label[for=q]")).getAttribute("for"));
            browser.findElement(By.id("q")).sendKeys("NCE", Keys.ENTER);
            waitUp().until(d -> d.getCurrentUrl().contains("q=NCE"));
        } finally {
            Browser.desktop();
        }
    }

    @Test
    void sparqlEditorRunsACatalogueQueryAndShowsRows() throws Exception {
        browser.get(web.url() + "sparql");
        waitUp().until(d -> !d.findElements(By.cssSelector(".example")).isEmpty() && !d.findElements(By.cssSelector(".yasqe")).isEmpty());
        browser.findElements(By.cssSelector(".example")).stream().filter(a -> a.getAttribute("data-id").startsWith("02-")).findFirst()
                .orElseThrow().click();
        waitUp().until(d -> d.findElements(By.cssSelector(".yasr table tbody tr")).size() > 0);
        shot("sparql");
        assertTrue(browser.findElements(By.cssSelector(".yasr table tbody tr")).size() >= 5, "one row per country");
    }

    @Test
    void networkPageListsElevenMembersAndTheNetworkGraph() throws Exception {
        browser.get(web.url() + "network");
        List<WebElement> rows = browser.findElements(By.cssSelector("#members tr.member"));
        shot("network");
        assertEquals(12, rows.size(), "eleven national members and the network graph");
        assertTrue(rows.stream().allMatch(r -> r.getText().contains("up")), "all members up");
        assertTrue(rows.stream().anyMatch(r -> r.getText().startsWith("net")), "the network graph is a member");
        // OpenRefine users find the reconciliation service here; the address must be one OpenRefine can use as is.
        String service = browser.findElement(By.id("reconcile")).getAttribute("href");
        assertEquals(web.url() + "reconcile", service, "an absolute address of this server's /reconcile");
        JsonNode manifest = new ObjectMapper().readTree(Http.get(service).body());
        assertEquals("0.2", manifest.path("versions").path(0).asText(), "the link leads to a Reconciliation API 0.2 manifest");
    }

    @Test
    void injectedMarkupInAnyParameterStaysText() throws Exception {
        String co = enc(richest().getURI());
        List<String> payloads = List.of("<!--<script>window.pwned=1</script>", "\"><img src=x id=pwned onerror=\"window.pwned=1\">",
                "'><svg onload=window.pwned=1>", "javascript:window.pwned=1");
        for (String p : payloads) {
            String x = enc(p);
            for (String page : List.of("?q=" + x, "?country=" + x, "?eco=" + x + "&cat=" + x + "&level=" + x + "&award=" + x, "?lang=" + x,
                    "compare?country=" + x + "&country=NOR", "compare?id=" + x, "cluster?id=" + x, "partners?id=" + x,
                    "cluster?id=" + co + "&lang=" + x, "?q=NCE&format=" + x)) {
                browser.get(web.url() + page);
                assertNull(js("return window.pwned"), page + " ran injected script");
                assertTrue(browser.findElements(By.id("pwned")).isEmpty(), page + " has an injected element");
                assertFalse(browser.findElements(By.tagName("footer")).isEmpty(), page + ": the page is whole (footer present)");
            }
        }
        browser.get(web.url() + "compare?country=" + enc("<!--<script>") + "&country=NOR&country=LVA");
        waitUp().until(d -> Boolean.TRUE.equals(js("return window.chartReady === true")));
        // The only console errors allowed here are the 404s of the pages asked for a cluster that does not exist.
        var other = Browser.consoleErrors().stream().filter(e -> !e.getMessage().contains("404")).toList();
        assertTrue(other.isEmpty(), "console errors: " + other);
    }
}
