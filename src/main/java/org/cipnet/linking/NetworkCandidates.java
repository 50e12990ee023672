package org.cipnet.linking;

import static org.cipnet.sparql.Syntax.select;
import static org.cipnet.sparql.Syntax.triples;
import static org.cipnet.sparql.Syntax.values;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.syntax.ElementBind;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementUnion;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.cipnet.vocab.CIP;

/**
 * Reads the candidates from a SPARQL endpoint (the federator, or any store holding the network's
 * graphs) with two queries: every name of every linkable thing, and the organisations' evidence.
 * Each is a union of stars (one property each), which a cipnet federator sends to every member in
 * one request per star.
 */
public final class NetworkCandidates {
    private NetworkCandidates() {}

    static final String FOAF = "http://xmlns.com/foaf/0.1/";
    static final String ADMS = "http://www.w3.org/ns/adms#";
    /** The type Observatory categories (and regional-cluster keys) are reconciled as: the category scheme. */
    public static final String OBSERVATORY_CATEGORY = CIP.VOCAB + "eco-category";
    public static final String REGIONAL_CLUSTER = CIP.VOCAB + "regional-cluster";
    static final String ECOSYSTEM = CIP.VOCAB + "ecosystem";

    /** The linkable classes, cluster organisation first (the reconciliation service's default). */
    public static final List<String> CLASSES = List.of(CIP.ClusterOrganisation, CIP.ClusterProgramme, CIP.NS + "FundingProgramme",
            CIP.NS + "Programme", CIP.Agency, CIP.NS + "TransnationalProject");

    private static final Var S = Var.alloc("s"), TYPE = Var.alloc("type"), P = Var.alloc("p"), V = Var.alloc("v");
    private static final List<String> NAME_PROPERTIES = List.of(SKOS.prefLabel.getURI(), SKOS.altLabel.getURI(), CIP.NS + "formerName", SKOS.notation.getURI());
    private static final List<String> EVIDENCE = List.of(CIP.country, CIP.NS + "city", CIP.NS + "region", CIP.NS + "industrialEcosystem",
            CIP.NS + "clusterCategory", CIP.NS + "organisesCluster", FOAF + "homepage");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Everything the matcher needs, read from {@code endpoint}. */
    public static Matcher load(String endpoint) {
        Map<String, Builder> things = new LinkedHashMap<>();
        Map<String, String> conceptLabels = new HashMap<>();
        for (Binding b : rows(endpoint, namesQuery())) {
            String s = b.get(S).getURI(), type = b.get(TYPE).getURI(), p = b.get(P).getURI();
            Node v = b.get(V);
            if (!v.isLiteral()) continue;
            if (type.equals(ECOSYSTEM) || type.equals(OBSERVATORY_CATEGORY) || type.equals(REGIONAL_CLUSTER)) {
                if (p.equals(SKOS.prefLabel.getURI()) && v.getLiteralLanguage().equals("en")) conceptLabels.put(s, v.getLiteralLexicalForm());
                if (type.equals(ECOSYSTEM)) continue;
            }
            Builder t = things.computeIfAbsent(s, Builder::new);
            t.types.add(type.equals(REGIONAL_CLUSTER) ? OBSERVATORY_CATEGORY : type);
            t.names.add(v.getLiteralLexicalForm());
            if (p.equals(SKOS.prefLabel.getURI())) t.labels.putIfAbsent(v.getLiteralLanguage(), v.getLiteralLexicalForm());
        }
        for (Binding b : rows(endpoint, evidenceQuery())) {
            Builder t = things.get(b.get(S).getURI());
            Node v = b.get(V);
            if (t == null) continue;
            String p = b.get(P).getURI();
            String value = v.isURI() ? v.getURI() : v.getLiteralLexicalForm();
            switch (p.substring(p.lastIndexOf('#') + 1)) {
                case "country" -> t.country = Countries.alpha3(value);
                case "city" -> t.city = t.city == null ? value : t.city;
                case "region" -> t.regions.add(value);
                case "industrialEcosystem", "clusterCategory", "organisesCluster" -> t.categories.add(value); // a regional-cluster key is a category cell
                default -> {
                    if (p.equals(FOAF + "homepage")) t.domain = Identifiers.domain(value);
                    else t.identifiers.add(Identifiers.normalise(value)); // adms:identifier notation or page
                }
            }
        }
        List<Candidate> out = new ArrayList<>();
        for (Builder t : things.values()) out.add(t.build());
        return new Matcher(out, conceptLabels);
    }

    /**
     * Every name: the union of {@code VALUES ?type {classes} ?s a ?type ; <p> ?v BIND(<p> AS ?p)} for
     * each name property, and the same for the code lists' concepts ({@code skos:inScheme}).
     */
    public static Query namesQuery() {
        ElementUnion any = new ElementUnion();
        for (String p : NAME_PROPERTIES) {
            any.addElement(star(CLASSES, RDF.type.asNode(), p));
            any.addElement(star(List.of(OBSERVATORY_CATEGORY, REGIONAL_CLUSTER, ECOSYSTEM), SKOS.inScheme.asNode(), p));
        }
        return select(any, S, TYPE, P, V);
    }

    /**
     * The evidence: one star per fact ({@code ?s a ?type ; <p> ?v}), and identifiers
     * ({@code ?s a ?type ; adms:identifier ?i . ?i skos:notation|foaf:page ?v}).
     */
    public static Query evidenceQuery() {
        ElementUnion any = new ElementUnion();
        for (String p : EVIDENCE) any.addElement(star(CLASSES, RDF.type.asNode(), p));
        Var i = Var.alloc("i");
        for (String p : List.of(SKOS.notation.getURI(), FOAF + "page")) {
            ElementGroup ids = new ElementGroup();
            ids.addElement(values(TYPE, CLASSES));
            ids.addElement(triples(Triple.create(S, RDF.type.asNode(), TYPE), Triple.create(S, NodeFactory.createURI(ADMS + "identifier"), i),
                    Triple.create(i, NodeFactory.createURI(p), V)));
            ids.addElement(new ElementBind(P, NodeValue.makeNode(NodeFactory.createURI(p))));
            any.addElement(ids);
        }
        return select(any, S, P, V);
    }

    /** {@code VALUES ?type {types} ?s <typePredicate> ?type ; <p> ?v BIND(<p> AS ?p)}. */
    private static ElementGroup star(List<String> types, Node typePredicate, String p) {
        ElementGroup g = new ElementGroup();
        g.addElement(values(TYPE, types));
        g.addElement(triples(Triple.create(S, typePredicate, TYPE), Triple.create(S, NodeFactory.createURI(p), V)));
        g.addElement(new ElementBind(P, NodeValue.makeNode(NodeFactory.createURI(p))));
        return g;
    }

    /**
     * The rows of a SELECT, read with Jena's SPARQL JSON reader. A cipnet endpoint states its
     * result cap (X-Cipnet-Result-Cap): an answer that reaches it may have been cut, so it fails
     * rather than leave candidates out.
     */
    private static List<Binding> rows(String endpoint, Query q) {
        HttpResponse<InputStream> res;
        try {
            res = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofMinutes(5))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/sparql-results+json")
                    .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(q.toString(), StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + endpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + endpoint, e);
        }
        List<Binding> out = new ArrayList<>();
        try (InputStream body = res.body()) {
            if (res.statusCode() != 200)
                throw new IllegalStateException(endpoint + " answered HTTP " + res.statusCode() + ": " + new String(body.readAllBytes(), StandardCharsets.UTF_8).strip());
            var rs = ResultSetMgr.read(body, ResultSetLang.RS_JSON);
            while (rs.hasNext()) out.add(rs.nextBinding());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the answer of " + endpoint + ": " + e.getMessage(), e);
        }
        var cap = res.headers().firstValue("X-Cipnet-Result-Cap");
        if (cap.isPresent() && out.size() >= Long.parseLong(cap.get().strip()))
            throw new IllegalStateException(endpoint + " cut the candidates at its result cap of " + cap.get().strip() + " rows: raise the federator's --result-cap");
        return out;
    }

    private static final class Builder {
        final String iri;
        final Set<String> types = new LinkedHashSet<>(), regions = new LinkedHashSet<>(), categories = new LinkedHashSet<>(), identifiers = new LinkedHashSet<>();
        final Map<String, String> labels = new LinkedHashMap<>();
        final List<String> names = new ArrayList<>();
        String country, city, domain;

        Builder(String iri) { this.iri = iri; }

        Candidate build() {
            identifiers.remove(null);
            return new Candidate(iri, Set.copyOf(types), Map.copyOf(labels), List.copyOf(new LinkedHashSet<>(names)), country, city,
                    Set.copyOf(regions), Set.copyOf(categories), domain, Set.copyOf(identifiers));
        }
    }
}
