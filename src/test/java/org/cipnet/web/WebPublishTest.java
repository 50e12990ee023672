package org.cipnet.web;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cipnet.federation.Federator;
import org.cipnet.federation.FederatorConfig;
import org.cipnet.federation.members.Member;
import org.cipnet.federation.members.MemberDiscovery;
import org.cipnet.node.NationalNode;
import org.cipnet.node.NodeConfig;
import org.cipnet.node.Users;
import org.cipnet.testing.Checkout;
import org.cipnet.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * A member publishes, the Yellow Pages follow: a real node (with a publisher account), the
 * federator over it and the web front polling its VoID every second. What the member publishes
 * is data, and stays data: a {@code javascript:} homepage is refused by the publish gate, and a script in a name is shown as text.
 */
class WebPublishTest {
    @TempDir
    static Path dir;
    static NationalNode node;
    static Federator federator;
    static WebFront web;
    static final String IRI = "https://w3id.org/cipnet/ee/cluster-organisation/test-hostile-homepage";

    @BeforeAll
    static void start() throws Exception {
        Path users = dir.resolve("users");
        Files.writeString(users, Users.entry("agency", "correct horse battery".toCharArray()) + "\n");
        node = NationalNode.start(NodeConfig.of("ee", dir.resolve("tdb"), 0).withData(Checkout.files().data().resolve("ee")).withUsers(users),
                Checkout.validator());
        Member ee = MemberDiscovery.discover(null, node.baseUrl() + "ee");
        federator = Federator.start(FederatorConfig.of(List.of(ee), 0), Checkout.validator().reference());
        web = WebFront.start(federator.sparqlUrl(), List.of(ee), null, 0, 1);
    }

    @AfterAll
    static void stop() {
        if (web != null) web.close();
        if (federator != null) federator.close();
        if (node != null) node.close();
    }

    @Test
    void aPublishedClusterIsFoundAndItsJavascriptHomepageIsNoLink() throws Exception {
        String name = "Hostile Homepage Test Cluster";
        assertFalse(Http.get(web.url() + "?q=hostile").body().contains(name), "not there before the publication");
        // While nothing is published, the refresh asks the node's VoID with the ETag it had: 304, no body.
        long quiet = System.currentTimeMillis() + 30_000;
        while (web.directory.unchangedAnswers() == 0) {
            assertTrue(System.currentTimeMillis() < quiet, "an unchanged VoID is answered 304 within 30 s of one-second refreshes");
            Thread.sleep(200);
        }
        // The search page is kept per snapshot and normal form of the request: the same words and filters, however spaced, ordered or
        // accompanied by unknown parameters, are one page, rendered once.
        int rendered = web.searchPages.renders();
        String same = Http.get(web.url() + "?utm_source=x&q=+hostile++").body();
        assertEquals(rendered, web.searchPages.renders(), "the same search again is served from the cache");
        assertTrue(same.contains("value=\"hostile\""), "the page shows the normal form of the words");
        Http.get(web.url() + "?q=hostile&country=EST");
        assertEquals(rendered + 1, web.searchPages.renders(), "another filter is another page");
        String extra = """
                @prefix cip: <https://w3id.org/cipnet/ontology#> .
                @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                @prefix dct: <http://purl.org/dc/terms/> .
                @prefix prov: <http://www.w3.org/ns/prov#> .
                @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
                <https://w3id.org/cipnet/ee/source/test-hostile> a cip:SourceDocument ; dct:title "A test source"@en ;
                  foaf:page <https://example.org/> ; cip:accessDate "2026-11-01"^^xsd:date .
                <%s> a cip:ClusterOrganisation ;
                  prov:wasDerivedFrom <https://w3id.org/cipnet/ee/source/test-hostile> ;
                  skos:prefLabel "%s"@en ;
                  cip:country <http://publications.europa.eu/resource/authority/country/EST> ;
                  foaf:homepage <javascript:window.pwned=1> ;
                  cip:formerName "<!--<script>window.pwned=1</script>"@en .
                """.formatted(IRI, name);
        StringBuilder body = new StringBuilder();
        for (Path f : org.cipnet.rdf.RdfFiles.collect(List.of(Checkout.files().data().resolve("ee")))) body.append(Files.readString(f)).append('\n');
        body.append(extra);
        // The gate refuses a javascript: homepage (shapes/links.ttl) ...
        var refused = Http.post(node.baseUrl() + "ee/publish", "text/turtle", body.toString(), "Authorization", Http.basic("agency", "correct horse battery"));
        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("javascript:window.pwned=1"), refused.body());
        // ... and the page still treats what does pass (a script in a name) as text.
        String passing = body.toString().replace("<javascript:window.pwned=1>", "<https://example.org/hostile>");
        var res = Http.post(node.baseUrl() + "ee/publish", "text/turtle", passing, "Authorization", Http.basic("agency", "correct horse battery"));
        assertEquals(200, res.statusCode(), res.body());
        // The web front sees the new version within a few refresh periods: the page kept for the old snapshot is not served for the new one.
        long until = System.currentTimeMillis() + 60_000;
        while (!Http.get(web.url() + "?q=hostile").body().contains(name)) {
            assertTrue(System.currentTimeMillis() < until, "the search finds the published cluster within a minute");
            Thread.sleep(500);
        }
        assertTrue(Http.get(web.url() + "?q=hostile+&utm_source=x").body().contains(name), "the request's other forms follow the new snapshot too");
        WebDriver browser = Browser.get();
        browser.get(web.url() + "cluster?id=" + URLEncoder.encode(IRI, StandardCharsets.UTF_8));
        assertEquals(name, browser.findElement(By.id("name")).getText());
        assertTrue(browser.findElements(By.cssSelector("a[href^='javascript']")).isEmpty(), "no javascript: link");
        assertTrue(browser.findElement(By.id("other-names")).getText().contains("<!--<script>"), "the former name is text");
        assertNull(Browser.js("return window.pwned"));
        assertFalse(browser.findElements(By.tagName("footer")).isEmpty());
        browser.get(web.url() + "?q=" + URLEncoder.encode("<!--<script>", StandardCharsets.UTF_8));
        assertNull(Browser.js("return window.pwned"));
        Browser.consoleErrors();
    }
}
