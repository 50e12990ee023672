package org.cipnet.web;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.cipnet.testing.Checkout;
import org.cipnet.testing.TestNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Yellow Pages in a real headless Chromium (Debian's chromium and chromedriver, installed by
 * the project's test script) against the shipped network. Screenshots go to target/screenshots/.
 */
class WebBrowserTest {
    static WebFront web;
    static WebDriver browser;
    static final Path SHOTS = Path.of("target", "screenshots");

    @BeforeAll
    static void start() throws Exception {
        TestNetwork net = TestNetwork.get();
        web = WebFront.start(net.federator.sparqlUrl(), net.members, Checkout.files().queries(), 0);
        assertTrue(Files.isExecutable(Path.of("/usr/bin/chromedriver")), "Debian's chromium-driver is installed (scripts/test installs it)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--user-data-dir=" + Files.createTempDirectory("cipnet-chromium"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (web != null) web.close();
    }

    @AfterEach
    void noConsoleErrors() {
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertTrue(severe.isEmpty(), "console errors: " + severe);
    }

    private static void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static WebDriverWait waitUp() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    /** A Latvian cluster organisation whose Latvian name has diacritics, and that name. */
    private static String[] latvianCluster() {
        var g = TestNetwork.get().central;
        Node type = NodeFactory.createURI("https://w3id.org/cipnet/ontology#ClusterOrganisation");
        for (var t : g.find(Node.ANY, RDF.type.asNode(), type).toList()) {
            Node co = t.getSubject();
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
        WebElement before = browser.findElement(By.id("count"));
        browser.findElement(By.id("search")).click();
        waitUp().until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(before));
        waitUp().until(d -> d.getCurrentUrl().contains("q=") && !d.findElements(By.id("count")).isEmpty());
        shot("search");
        WebElement link = browser.findElements(By.cssSelector("#results a")).stream()
                .filter(a -> a.getAttribute("href").contains(java.net.URLEncoder.encode(lv[0], java.nio.charset.StandardCharsets.UTF_8)))
                .findFirst().orElseThrow(() -> new AssertionError("searching '" + plain + "' lists " + lv[0]));
        link.click();
        waitUp().until(d -> d.findElement(By.id("labels")).isDisplayed());
        shot("profile");
        String labels = browser.findElement(By.id("labels")).getText();
        assertTrue(labels.contains("en "), labels);
        assertTrue(labels.contains("lv " + lv[1]), labels);
        assertNotNull(browser.findElement(By.id("rdf-link")).getAttribute("href"));
    }

    @Test
    void aFormerNameFindsTheRenamedClusterAndSaysSo() throws Exception {
        var g = TestNetwork.get().central;
        Node former = NodeFactory.createURI("https://w3id.org/cipnet/ontology#formerName");
        // A former name that is not part of any current name of the same organisation.
        var t = g.find(Node.ANY, former, Node.ANY).toList().stream()
                .filter(x -> g.find(x.getSubject(), SKOS.prefLabel.asNode(), Node.ANY).toList().stream()
                        .noneMatch(l -> Html.fold(l.getObject().getLiteralLexicalForm()).contains(Html.fold(x.getObject().getLiteralLexicalForm()))))
                .findFirst().orElseThrow(() -> new AssertionError("the shipped data records a former name"));
        String name = t.getObject().getLiteralLexicalForm();
        browser.get(web.url() + "?q=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8));
        String iri = java.net.URLEncoder.encode(t.getSubject().getURI(), java.nio.charset.StandardCharsets.UTF_8);
        WebElement row = browser.findElements(By.cssSelector("#results tr")).stream()
                .filter(r -> r.findElements(By.cssSelector("a[href*='" + iri + "']")).size() > 0)
                .findFirst().orElseThrow(() -> new AssertionError("searching the former name '" + name + "' lists " + t.getSubject()));
        assertTrue(row.getText().contains("also known as " + name), row.getText());
    }

    @Test
    void compareShowsAChartForTwoCountries() throws Exception {
        browser.get(web.url() + "compare?country=NOR&country=LVA");
        waitUp().until(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return window.chartReady === true")));
        Object drawn = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return Chart.getChart(document.getElementById('chart')).data.datasets.length");
        assertEquals(2L, drawn);
        shot("compare");
        assertTrue(browser.findElement(By.id("comparison")).getText().contains("Norway"));
    }

    @Test
    void twoClustersPickedOnTheComparePageAreComparedSideBySide() throws Exception {
        browser.get(web.url() + "compare");
        var pick = new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("pick")));
        List<WebElement> options = pick.getOptions();
        assertTrue(options.size() > 20, "every cluster organisation can be picked: " + options.size());
        WebElement a = options.get(0), b = options.get(options.size() - 1);
        String first = a.getText().replaceFirst(" \\([^)]*\\)$", ""), last = b.getText().replaceFirst(" \\([^)]*\\)$", "");
        pick.selectByIndex(0);
        pick.selectByIndex(options.size() - 1);
        browser.findElement(By.id("compare-clusters")).click();
        waitUp().until(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return window.chartReady === true")));
        List<String> headers = browser.findElements(By.cssSelector("#comparison tr:first-child th")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("", first, last), headers);
        assertEquals(2, new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("pick"))).getAllSelectedOptions().size(),
                "the picked clusters stay selected");
    }

    @Test
    void aProfileLinksItsIdentifierInAnotherRegistry() throws Exception {
        var g = TestNetwork.get().central;
        var id = g.find(Node.ANY, NodeFactory.createURI("http://www.w3.org/ns/adms#identifier"), Node.ANY).toList().stream()
                .filter(t -> g.find(t.getObject(), NodeFactory.createURI("http://xmlns.com/foaf/0.1/page"), Node.ANY).hasNext())
                .findFirst().orElseThrow(() -> new AssertionError("the shipped data has an identifier with a page"));
        String page = g.find(id.getObject(), NodeFactory.createURI("http://xmlns.com/foaf/0.1/page"), Node.ANY).next().getObject().getURI();
        browser.get(web.url() + "cluster?id=" + java.net.URLEncoder.encode(id.getSubject().getURI(), java.nio.charset.StandardCharsets.UTF_8));
        List<String> links = browser.findElements(By.cssSelector("#identifiers a")).stream().map(a -> a.getAttribute("href")).toList();
        assertTrue(links.contains(page), "links " + page + ": " + links);
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
    }
}
