package org.cipnet.sparql;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.sparql.syntax.ElementData;
import org.apache.jena.sparql.syntax.ElementPathBlock;

/** Small builders for queries made with Jena's syntax API (no query text is concatenated). */
public final class Syntax {
    private Syntax() {}

    /** {@code SELECT vars WHERE where}. */
    public static Query select(Element where, Var... vars) {
        Query q = new Query();
        q.setQuerySelectType();
        for (Var v : vars) q.addResultVar(v);
        q.setQueryPattern(where);
        return q;
    }

    /** {@code VALUES ?var { <iri> … }}. */
    public static ElementData values(Var var, List<String> iris) {
        List<Binding> rows = new ArrayList<>();
        for (String iri : iris) rows.add(BindingFactory.binding(var, NodeFactory.createURI(iri)));
        return new ElementData(List.of(var), rows);
    }

    /** A basic graph pattern. */
    public static ElementPathBlock triples(Triple... ts) {
        ElementPathBlock b = new ElementPathBlock();
        for (Triple t : ts) b.addTriple(t);
        return b;
    }
}
