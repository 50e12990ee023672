package org.cipnet.federation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.cipnet.federation.members.Member;
import org.cipnet.opendata.DcatDescriptions;
import org.cipnet.opendata.RdfNegotiation;
import org.cipnet.vocab.CIP;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /catalog}: the network's DCAT-AP 3.0.1 catalogue (Turtle, JSON-LD or RDF/XML by
 * {@code Accept}). One {@code dcat:Dataset} per member, as the member's node describes it at
 * {@code /CC/dcat} (built there from the graph's own self-description, with the node's SPARQL
 * endpoint and dumps); the federated endpoint as the catalogue's service. A member that serves no
 * DCAT (a plain SPARQL store) is listed as a service only. Members' descriptions are kept 30 seconds.
 */
final class NetworkCatalog extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkCatalog.class);
    static final String CATALOG = CIP.BASE + "net/catalog";
    private static final Duration KEEP = Duration.ofSeconds(30);

    /** The catalogue's current members (one that answers only after the start is taken as it then describes itself). */
    private final java.util.function.Supplier<List<Member>> members;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Fetched fetched;

    private record Fetched(Instant at, List<Graph> datasets, Map<String, String> plain) {}

    NetworkCatalog(java.util.function.Supplier<List<Member>> members) {
        this.members = members;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        RdfNegotiation.write(res, catalog(FederationDescription.base(req)), req.getHeader("Accept"));
    }

    Graph catalog(String base) {
        Fetched f = members();
        return DcatDescriptions.catalog(NodeFactory.createURI(CATALOG), "Cluster Information Point network catalogue",
                "The national cluster graphs of the Cluster Information Point network, each published and hosted by its "
                        + "national agency, and the federated SPARQL endpoint that queries them as one.",
                NodeFactory.createURI(CIP.BASE + "net/network/cip"), f.datasets(), f.plain(),
                new DcatDescriptions.Access(base + "sparql", base + "sparql"), Instant.now());
    }

    private Fetched members() {
        Fetched f = fetched;
        if (f != null && f.at().plus(KEEP).isAfter(Instant.now())) return f;
        List<Graph> datasets = new ArrayList<>();
        Map<String, String> plain = new LinkedHashMap<>();
        for (Member m : members.get()) {
            Optional<Graph> d = FederationDescription.nodeDocument(m, "dcat").flatMap(url -> fetch(m, url));
            if (d.isPresent()) datasets.add(d.get());
            else plain.put(m.id(), m.sparql());
        }
        f = new Fetched(Instant.now(), datasets, plain);
        fetched = f;
        return f;
    }

    private Optional<Graph> fetch(Member m, String url) {
        try {
            var r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/turtle").timeout(m.timeout()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                LOG.info("member {} gave no DCAT description at {} (HTTP {}): listed as a service only", m.id(), url, r.statusCode());
                return Optional.empty();
            }
            return Optional.of(RDFParser.fromString(r.body(), Lang.TURTLE).base(url).toGraph());
        } catch (IOException | RiotException e) {
            LOG.info("member {} gave no DCAT description at {} ({}): listed as a service only", m.id(), url, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
