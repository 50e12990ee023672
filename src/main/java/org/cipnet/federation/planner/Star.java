package org.cipnet.federation.planner;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.expr.Expr;

/**
 * Triple patterns sharing one subject, plus the filters that only mention their variables. All
 * triples about one subject lie with one member, so a star's answer over the federation is the
 * bag union of its answers at each member and the reference graph.
 */
public record Star(Node subject, List<Triple> triples, List<Expr> filters, List<org.apache.jena.query.SortCondition> order, long limit,
                   List<Var> distinct) {

    public Star(Node subject, List<Triple> triples, List<Expr> filters) {
        this(subject, triples, filters, List.of(), -1, null);
    }

    /** The same star without top-k or DISTINCT projection: for bind joins, where a per-member limit would be wrong. */
    public Star unlimited() {
        return new Star(subject, triples, filters);
    }

    public Set<Var> vars() {
        Set<Var> out = new LinkedHashSet<>();
        for (Triple t : triples)
            for (Node n : new Node[] {t.getSubject(), t.getPredicate(), t.getObject()})
                if (n.isVariable()) out.add(Var.alloc(n));
        return out;
    }
}
