package org.cipnet.reconcile;

import java.util.ArrayList;
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
import org.apache.jena.sparql.expr.E_LangMatches;
import org.apache.jena.sparql.expr.E_Lang;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.syntax.ElementBind;
import org.apache.jena.sparql.syntax.ElementFilter;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementOptional;
import org.apache.jena.sparql.syntax.ElementUnion;
import org.apache.jena.vocabulary.SKOS;
import org.cipnet.linking.Countries;
import org.cipnet.vocab.CIP;
import static org.cipnet.sparql.Syntax.select;
import static org.cipnet.sparql.Syntax.triples;
import static org.cipnet.sparql.Syntax.values;

/**
 * Data extension: the requested properties of the requested entities, read with one federated
 * query. Code-list values (ecosystems, categories, levels, label levels) come as entities of this
 * service ({@code {id, name}}); countries, cities, regions, homepages and identifiers as strings.
 */
final class Extension {
    private Extension() {}

    private static final Var S = Var.alloc("s"), P = Var.alloc("p"), V = Var.alloc("v"), L = Var.alloc("l");

    /** entity → property → values, each value {@code {id, name}} or {@code {str}}. */
    static Map<String, Map<String, List<Map<String, Object>>>> rows(String endpoint, List<String> ids, List<String> properties) {
        Map<String, Map<String, List<Map<String, Object>>>> rows = new LinkedHashMap<>();
        for (String id : ids) {
            Map<String, List<Map<String, Object>>> r = new LinkedHashMap<>();
            for (String p : properties) r.put(p, new ArrayList<>());
            rows.put(id, r);
        }
        if (ids.isEmpty() || properties.isEmpty()) return rows;
        Map<String, Set<String>> seen = new LinkedHashMap<>();
        try (var qe = QueryExecHTTP.service(endpoint).query(query(ids)).build()) {
            qe.select().forEachRemaining(b -> {
                String s = b.get(S).getURI(), p = b.get(P).getURI();
                Map<String, List<Map<String, Object>>> r = rows.get(s);
                if (r == null || !r.containsKey(p)) return;
                Node v = b.get(V);
                Map<String, Object> value = value(p, v, b.get(L));
                if (seen.computeIfAbsent(s + " " + p, k -> new LinkedHashSet<>()).add(value.toString())) r.get(p).add(value);
            });
        }
        return rows;
    }

    private static Map<String, Object> value(String p, Node v, Node label) {
        Map<String, Object> m = new LinkedHashMap<>();
        String text = v.isURI() ? v.getURI() : v.getLiteralLexicalForm();
        if (p.equals(CIP.country)) m.put("str", Countries.name(Countries.alpha3(text) == null ? text : Countries.alpha3(text)));
        else if (p.equals(CIP.NS + "region")) m.put("str", text.substring(text.lastIndexOf('/') + 1));
        else if (v.isURI() && text.startsWith(CIP.VOCAB)) {
            m.put("id", text);
            m.put("name", label != null ? label.getLiteralLexicalForm() : text.substring(text.lastIndexOf('/') + 1));
        } else m.put("str", text);
        return m;
    }

    /**
     * {@code SELECT ?s ?p ?v ?l { VALUES ?s {ids} { VALUES ?p {direct} ?s ?p ?v } UNION
     * { ?x cip:participant ?s ; cip:level ?v BIND(cip:level AS ?p) } UNION
     * { ?s cip:hasLabelAward ?a . ?a cip:labelLevel ?v BIND(cip:labelLevel AS ?p) } UNION
     * { ?s adms:identifier ?i . ?i cip:registry ?p ; skos:notation ?v }
     * OPTIONAL { ?v skos:prefLabel ?l FILTER(langMatches(lang(?l), "en")) } }}
     */
    static Query query(List<String> ids) {
        Var x = Var.alloc("x"), a = Var.alloc("a"), i = Var.alloc("i");
        ElementGroup direct = new ElementGroup();
        direct.addElement(values(P, List.of(CIP.country, CIP.NS + "city", CIP.NS + "region", CIP.NS + "industrialEcosystem", CIP.NS + "clusterCategory", Schema.FOAF_HOMEPAGE)));
        direct.addElement(triples(Triple.create(S, P, V)));
        ElementGroup levels = new ElementGroup();
        levels.addElement(triples(Triple.create(x, uri(CIP.NS + "participant"), S), Triple.create(x, uri(CIP.NS + "level"), V)));
        levels.addElement(new ElementBind(P, NodeValue.makeNode(uri(CIP.NS + "level"))));
        ElementGroup labels = new ElementGroup();
        labels.addElement(triples(Triple.create(S, uri(CIP.NS + "hasLabelAward"), a), Triple.create(a, uri(CIP.NS + "labelLevel"), V)));
        labels.addElement(new ElementBind(P, NodeValue.makeNode(uri(CIP.NS + "labelLevel"))));
        ElementGroup identifiers = new ElementGroup();
        identifiers.addElement(triples(Triple.create(S, uri(Schema.ADMS_IDENTIFIER), i), Triple.create(i, uri(CIP.registry), P),
                Triple.create(i, SKOS.notation.asNode(), V)));
        ElementUnion any = new ElementUnion();
        any.addElement(direct);
        any.addElement(levels);
        any.addElement(labels);
        any.addElement(identifiers);
        ElementGroup label = new ElementGroup();
        label.addElement(triples(Triple.create(V, SKOS.prefLabel.asNode(), L)));
        label.addElement(new ElementFilter(new E_LangMatches(new E_Lang(new ExprVar(L)), NodeValue.makeString("en"))));
        ElementGroup where = new ElementGroup();
        where.addElement(values(S, ids));
        where.addElement(any);
        where.addElement(new ElementOptional(label));
        return select(where, S, P, V, L);
    }

    private static Node uri(String iri) {
        return NodeFactory.createURI(iri);
    }


}
