package org.cipnet.linking;

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
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.apache.jena.sparql.expr.E_Str;
import org.apache.jena.sparql.expr.E_StrStartsWith;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.syntax.ElementFilter;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementUnion;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.cipnet.vocab.CIP;
import static org.cipnet.sparql.Syntax.select;
import static org.cipnet.sparql.Syntax.triples;
import static org.cipnet.sparql.Syntax.values;

/**
 * Reads the candidates from a SPARQL endpoint (the federator, or any store holding the network's
 * graphs) with two queries: every name of every linkable thing, and the organisations' evidence.
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
            CIP.NS + "clusterCategory", FOAF + "homepage");

    /** Everything the matcher needs, read from {@code endpoint}. */
    public static Matcher load(String endpoint) {
        Map<String, Builder> things = new LinkedHashMap<>();
        Map<String, String> conceptLabels = new HashMap<>();
        for (Binding b : rows(endpoint, namesQuery())) {
            String s = b.get(S).getURI(), type = b.get(TYPE).getURI(), p = b.get(P).getURI();
            Node v = b.get(V);
            if (!v.isLiteral()) continue;
            if (type.equals(ECOSYSTEM) || type.equals(OBSERVATORY_CATEGORY)) {
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
            if (v.isURI() && v.getURI().startsWith(REGIONAL_CLUSTER + "/")) {
                // A regional-cluster key the organisation points to: reconcilable by its code even without a concept.
                things.computeIfAbsent(v.getURI(), Builder::new).types.add(OBSERVATORY_CATEGORY);
                things.get(v.getURI()).names.add(Matcher.lastSegment(v.getURI()));
                continue;
            }
            String value = v.isURI() ? v.getURI() : v.getLiteralLexicalForm();
            switch (p.substring(p.lastIndexOf('#') + 1)) {
                case "country" -> t.country = Countries.alpha3(value);
                case "city" -> t.city = t.city == null ? value : t.city;
                case "region" -> t.regions.add(value);
                case "industrialEcosystem", "clusterCategory" -> t.categories.add(value);
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

    private static List<Binding> rows(String endpoint, Query q) {
        List<Binding> out = new ArrayList<>();
        try (var qe = QueryExecHTTP.service(endpoint).query(q).build()) {
            qe.select().forEachRemaining(out::add);
        }
        return out;
    }

    /**
     * {@code SELECT ?s ?type ?p ?v { { VALUES ?type {classes} ?s a ?type } UNION { VALUES ?type {schemes}
     * ?s skos:inScheme ?type } VALUES ?p {names} ?s ?p ?v }}
     */
    static Query namesQuery() {
        ElementGroup classes = new ElementGroup();
        classes.addElement(values(TYPE, CLASSES));
        classes.addElement(triples(Triple.create(S, RDF.type.asNode(), TYPE)));
        ElementGroup schemes = new ElementGroup();
        schemes.addElement(values(TYPE, List.of(OBSERVATORY_CATEGORY, REGIONAL_CLUSTER, ECOSYSTEM)));
        schemes.addElement(triples(Triple.create(S, SKOS.inScheme.asNode(), TYPE)));
        ElementUnion either = new ElementUnion();
        either.addElement(classes);
        either.addElement(schemes);
        ElementGroup where = new ElementGroup();
        where.addElement(either);
        where.addElement(values(P, NAME_PROPERTIES));
        where.addElement(triples(Triple.create(S, P, V)));
        return select(where, S, TYPE, P, V);
    }

    /**
     * {@code SELECT ?s ?p ?v { VALUES ?type {classes} ?s a ?type { VALUES ?p {evidence} ?s ?p ?v } UNION
     * { ?s adms:identifier ?i VALUES ?p {notation page} ?i ?p ?v } UNION { ?s ?p ?v FILTER(STRSTARTS(STR(?v), regional-cluster/)) } }}
     */
    static Query evidenceQuery() {
        Var i = Var.alloc("i");
        ElementGroup facts = new ElementGroup();
        facts.addElement(values(P, EVIDENCE));
        facts.addElement(triples(Triple.create(S, P, V)));
        ElementGroup ids = new ElementGroup();
        ids.addElement(triples(Triple.create(S, NodeFactory.createURI(ADMS + "identifier"), i)));
        ids.addElement(values(P, List.of(SKOS.notation.getURI(), FOAF + "page")));
        ids.addElement(triples(Triple.create(i, P, V)));
        ElementGroup keys = new ElementGroup();
        keys.addElement(triples(Triple.create(S, P, V)));
        keys.addElement(new ElementFilter(new E_StrStartsWith(new E_Str(new ExprVar(V)), NodeValue.makeString(REGIONAL_CLUSTER + "/"))));
        ElementUnion any = new ElementUnion();
        any.addElement(facts);
        any.addElement(ids);
        any.addElement(keys);
        ElementGroup where = new ElementGroup();
        where.addElement(values(TYPE, CLASSES));
        where.addElement(triples(Triple.create(S, RDF.type.asNode(), TYPE)));
        where.addElement(any);
        return select(where, S, P, V);
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
