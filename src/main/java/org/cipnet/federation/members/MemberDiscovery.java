package org.cipnet.federation.members;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDFS;
import org.cipnet.rdf.RdfInputException;
import org.cipnet.vocab.CIP;

/**
 * Turns what a user gives on the command line ({@code URL} or {@code id=URL}) into a member. The URL
 * may be a SPARQL endpoint ({@code http://host/ds/sparql}, used as given) or a cipnet node's dataset
 * URL ({@code http://host/no}). The member's SPARQL 1.1 Service Description (a plain GET of the
 * endpoint) and VoID ({@code rdfs:seeAlso} of the description, else {@code …/void} next to the
 * endpoint) are read once, each within {@link #TIMEOUT}: a VoID that names the endpoint gives its URI
 * space and statistics; {@code sd:feature cip:StableBlankNodeLabels} says blank-node labels may be
 * sent back. A member that offers neither is a plain endpoint: no URI space, no stable labels.
 */
public final class MemberDiscovery {
    private MemberDiscovery() {}

    /** The bound on each discovery request. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final String SD = "http://www.w3.org/ns/sparql-service-description#";
    private static final String VOID = "http://rdfs.org/ns/void#";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();

    /** What a member says about itself; {@code answered} is false when its endpoint gave no HTTP answer at all. */
    record Described(String endpoint, String uriSpace, String voidUrl, boolean stableLabels, boolean answered) {}

    /**
     * A member as discovered from {@code url} (as given). {@code answered} is false when its
     * endpoint gave no answer (down, still starting, or a gateway saying its server is: 502, 503,
     * 504): it is then a plain endpoint for now, and worth asking again at that URL.
     */
    public record Discovery(Member member, String url, boolean answered) {}

    /** Members from {@code URL} / {@code id=URL} arguments, with unique ids. */
    public static List<Member> resolve(List<String> specs) throws RdfInputException {
        return resolveAll(specs).stream().map(Discovery::member).toList();
    }

    /** As {@link #resolve}, with whether each member answered. */
    public static List<Discovery> resolveAll(List<String> specs) throws RdfInputException {
        List<Discovery> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            String id = eq > 0 && spec.substring(0, eq).matches("[A-Za-z0-9_.-]+") ? spec.substring(0, eq) : null;
            String url = id == null ? spec : spec.substring(eq + 1);
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new RdfInputException("--member " + spec + ": not a URL (" + e.getMessage() + ")");
            }
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null)
                throw new RdfInputException("--member " + spec + ": give an http(s) URL of a SPARQL endpoint, optionally as id=URL");
            Discovery d = discovery(id, url);
            Member m = d.member();
            if (!ids.add(m.id())) {
                if (id != null) throw new RdfInputException("--member " + spec + ": the id '" + id + "' is already taken");
                String base = m.id();
                int n = 2;
                while (!ids.add(base + "-" + n)) n++;
                m = new Member(base + "-" + n, m.sparql(), m.uriSpace(), m.voidUrl(), m.timeout(), m.maxConcurrent(), m.stableLabels());
            }
            out.add(new Discovery(m, d.url(), d.answered()));
        }
        return out;
    }

    /**
     * Refuses a federation in which one member's data would be read twice: the same endpoint given
     * twice (its rows would count twice: a silent wrong answer), two members with one id, or two
     * members that both declare the ownership contract for URI spaces of which one contains the other.
     */
    public static void requireDistinct(List<Member> members) throws RdfInputException {
        for (int i = 0; i < members.size(); i++)
            for (int j = 0; j < i; j++) {
                Member a = members.get(j), b = members.get(i);
                if (a.id().equals(b.id())) throw new RdfInputException("two members are named '" + a.id() + "': give each its own id (id=URL)");
                if (strip(a.sparql()).equals(strip(b.sparql())))
                    throw new RdfInputException("members " + a.id() + " and " + b.id() + " are the same endpoint (" + a.sparql()
                            + "): its answers would be counted twice; give each member once");
                if (a.contract() && b.contract() && (a.uriSpace().startsWith(b.uriSpace()) || b.uriSpace().startsWith(a.uriSpace())))
                    throw new RdfInputException("members " + a.id() + " and " + b.id() + " both own URI space " + a.uriSpace()
                            + (a.uriSpace().equals(b.uriSpace()) ? "" : " and " + b.uriSpace())
                            + ": a subject's triples would be read from both; give each member once");
            }
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** One member from its URL; {@code id} null for a name taken from the URL. */
    public static Member discover(String id, String url) {
        return discovery(id, url).member();
    }

    /** As {@link #discover}, with whether the member answered. */
    public static Discovery discovery(String id, String url) {
        Described d = describe(strip(url));
        String endpoint = d.endpoint();
        return new Discovery(new Member(id != null ? id : idFrom(endpoint), endpoint, d.uriSpace(), d.voidUrl(), Member.DEFAULT_TIMEOUT,
                Member.DEFAULT_CONCURRENCY, d.stableLabels()), url, d.answered());
    }

    /** Whether the endpoint's Service Description declares stable blank-node labels. */
    static boolean declaresStableLabels(String endpoint) {
        return serviceDescription(endpoint).map(MemberDiscovery::feature).orElse(false);
    }

    /** Whether any of these members' Service Descriptions names cipnet's reference graph as a named graph. */
    public static boolean anyNamesReference(List<Member> members) {
        Node ref = NodeFactory.createURI(MemberCatalog.REFERENCE_GRAPH);
        return members.stream().anyMatch(m -> serviceDescription(m.sparql())
                .map(g -> g.contains(Node.ANY, NodeFactory.createURI(SD + "name"), ref)).orElse(false));
    }

    static Described describe(String url) {
        boolean endpointUrl = url.endsWith("/sparql");
        String endpoint = endpointUrl ? url : url + "/sparql";
        Fetched first = fetch(endpoint);
        Optional<Graph> sd = first.graph().filter(MemberDiscovery::isServiceDescription);
        if (sd.isEmpty() && !endpointUrl && first.answered()) {
            // Not a cipnet dataset URL after all: the URL itself is the endpoint. Only when {url}/sparql
            // answered without a description: one that did not answer in time (a loaded or still
            // starting node) is no evidence against it, and taking the dataset URL as the endpoint
            // would make every query to it fail.
            endpoint = url;
            sd = serviceDescription(endpoint);
        }
        boolean stable = sd.map(MemberDiscovery::feature).orElse(false);
        List<String> voidUrls = new ArrayList<>();
        String ep = endpoint;
        sd.ifPresent(g -> g.find(NodeFactory.createURI(ep), RDFS.seeAlso.asNode(), Node.ANY)
                .forEachRemaining(t -> { if (t.getObject().isURI()) voidUrls.add(t.getObject().getURI()); }));
        if (endpoint.endsWith("/sparql")) voidUrls.add(endpoint.substring(0, endpoint.length() - "/sparql".length()) + "/void");
        for (String v : voidUrls) {
            Optional<Graph> voidGraph = turtle(v);
            if (voidGraph.isEmpty()) continue;
            Graph g = voidGraph.get();
            // The VoID must name the endpoint it describes; then its URI space is this member's.
            Node declared = g.find(Node.ANY, NodeFactory.createURI(VOID + "sparqlEndpoint"), Node.ANY).nextOptional()
                    .map(Triple::getObject).orElse(null);
            if (declared == null || !declared.isURI()) continue;
            String space = g.find(Node.ANY, NodeFactory.createURI(VOID + "uriSpace"), Node.ANY).nextOptional()
                    .map(t -> t.getObject().isLiteral() ? t.getObject().getLiteralLexicalForm() : t.getObject().isURI() ? t.getObject().getURI() : null)
                    .orElse(null);
            String declaredEndpoint = declared.getURI();
            boolean stableThere = stable || (!declaredEndpoint.equals(endpoint) && declaresStableLabels(declaredEndpoint));
            return new Described(declaredEndpoint, space, v, stableThere, true);
        }
        return new Described(endpoint, null, null, stable, first.answered() || sd.isPresent());
    }

    private static boolean feature(Graph g) {
        return g.contains(Node.ANY, NodeFactory.createURI(SD + "feature"), NodeFactory.createURI(CIP.StableBlankNodeLabels));
    }

    private static Optional<Graph> serviceDescription(String endpoint) {
        return turtle(endpoint).filter(MemberDiscovery::isServiceDescription);
    }

    private static boolean isServiceDescription(Graph g) {
        return g.contains(Node.ANY, org.apache.jena.vocabulary.RDF.type.asNode(), NodeFactory.createURI(SD + "Service"));
    }

    /** A Turtle document at the URL, or empty when there is none (any status but 200, a timeout, not RDF). */
    private static Optional<Graph> turtle(String url) {
        return fetch(url).graph();
    }

    /** What a GET of a Turtle document gave: {@code answered} is false when no HTTP answer came at all. */
    private record Fetched(Optional<Graph> graph, boolean answered) {}

    /** Tries a few times when no answer comes (a timeout, a refused connection), never after an HTTP answer. */
    private static Fetched fetch(String url) {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<byte[]> res = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                        .header("Accept", "text/turtle").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                // A gateway's "its server is down or busy" is no answer of the member's.
                if (res.statusCode() == 502 || res.statusCode() == 503 || res.statusCode() == 504) return new Fetched(Optional.empty(), false);
                if (res.statusCode() != 200 || res.body().length > 5_000_000) return new Fetched(Optional.empty(), true);
                Graph g = GraphFactory.createDefaultGraph();
                try {
                    RDFParser.source(new ByteArrayInputStream(res.body())).lang(Lang.TURTLE).base(url).parse(g);
                } catch (RuntimeException notTurtle) {
                    return new Fetched(Optional.empty(), true);
                }
                return new Fetched(Optional.of(g), true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Fetched(Optional.empty(), false);
            } catch (Exception e) {
                if (attempt >= FETCH_ATTEMPTS) return new Fetched(Optional.empty(), false);
            }
        }
    }

    /** Attempts per discovery document when no answer comes. */
    private static final int FETCH_ATTEMPTS = 3;

    /** A readable id from an endpoint URL: the path segment before {@code /sparql} (or {@code /query}), else the last one, else the host. */
    static String idFrom(String endpoint) {
        URI uri = URI.create(endpoint);
        List<String> segments = new ArrayList<>();
        for (String s : (uri.getPath() == null ? "" : uri.getPath()).split("/")) if (!s.isEmpty()) segments.add(s);
        while (!segments.isEmpty() && segments.get(segments.size() - 1).matches("(?i)sparql|query|endpoint|repositories")) segments.remove(segments.size() - 1);
        String raw = segments.isEmpty() ? uri.getHost() : segments.get(segments.size() - 1);
        String id = raw.replaceAll("[^A-Za-z0-9_.-]", "-");
        return id.isEmpty() ? "member" : id;
    }
}
