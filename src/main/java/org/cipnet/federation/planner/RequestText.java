package org.cipnet.federation.planner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprFunction;
import org.apache.jena.sparql.util.ExprUtils;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.shared.impl.PrefixMappingImpl;
import org.apache.jena.sparql.serializer.SerializationContext;

/**
 * Writes the SPARQL text sent to members. Variables with names SPARQL cannot spell (ARQ's blank-node
 * and renamed variables) get plain aliases; blank nodes from earlier results are written as
 * {@code <_:label>}, which Jena-based members (every cipnet node) resolve to the same blank node.
 */
public final class RequestText {
    private RequestText() {}

    /** A filter may travel to a member if it has no EXISTS and names only plain variables. */
    public static boolean pushable(Expr e) {
        if (containsOp(e)) return false;
        return e.getVarsMentioned().stream().allMatch(v -> plain(v.getVarName()));
    }

    private static boolean containsOp(Expr e) {
        if (e instanceof ExprFunctionOp) return true;
        if (e instanceof ExprFunction f) return f.getArgs().stream().anyMatch(RequestText::containsOp);
        return false;
    }

    static boolean plain(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*");
    }

    /** A request: its text and how to read result variable names back. */
    public record Request(String text, Map<String, Var> vars) {}

    /**
     * {@code SELECT vars WHERE { VALUES … triples FILTER … }}; {@code values} may be empty (no
     * VALUES block) and {@code joinVars} are the variables the VALUES rows bind.
     */
    public static Request select(Star star, List<Var> joinVars, List<Binding> values) {
        Map<Var, String> names = new LinkedHashMap<>();
        for (Var v : star.vars()) names.put(v, plain(v.getVarName()) ? v.getVarName() : "cipv" + names.size());
        StringBuilder sb = new StringBuilder("SELECT");
        if (star.distinct() != null) {
            sb.append(" DISTINCT");
            star.distinct().forEach(v -> sb.append(" ?").append(names.get(v)));
        } else {
            if (names.isEmpty()) sb.append(" *");
            names.values().forEach(n -> sb.append(" ?").append(n));
        }
        sb.append(" WHERE {");
        if (!values.isEmpty() && !joinVars.isEmpty()) {
            sb.append(" VALUES (");
            for (Var v : joinVars) sb.append(" ?").append(names.get(v));
            sb.append(" ) {");
            for (Binding b : values) {
                sb.append(" (");
                for (Var v : joinVars) sb.append(' ').append(b.contains(v) ? term(b.get(v)) : "UNDEF");
                sb.append(" )");
            }
            sb.append(" }");
        }
        body(sb, star, names);
        sb.append(" }");
        if (star.limit() >= 0) {
            sb.append(" ORDER BY");
            for (var c : star.order()) {
                String x = expr(c.getExpression());
                sb.append(c.getDirection() == org.apache.jena.query.Query.ORDER_DESCENDING ? " DESC(" + x + ")" : " ASC(" + x + ")");
            }
            sb.append(" LIMIT ").append(star.limit());
        }
        Map<String, Var> back = new LinkedHashMap<>();
        names.forEach((v, n) -> back.put(n, v));
        return new Request(sb.toString(), back);
    }

    /** An expression in plain SPARQL: no prefixes, since the request declares none. */
    static String expr(Expr e) {
        var w = new org.apache.jena.atlas.io.IndentedLineBuffer();
        ExprUtils.fmtSPARQL(w, e, new SerializationContext(new PrefixMappingImpl()));
        return w.asString();
    }

    /** {@code SELECT ?g … (AGG(…) AS ?cipaggN) … WHERE { triples FILTER … } GROUP BY ?g …}: a member's partial aggregates. */
    public static Request grouped(Star star, List<Var> groupVars, List<org.apache.jena.sparql.expr.ExprAggregator> aggregators) {
        Map<Var, String> names = new LinkedHashMap<>();
        for (Var v : star.vars()) names.put(v, v.getVarName());
        StringBuilder sb = new StringBuilder("SELECT");
        Map<String, Var> back = new LinkedHashMap<>();
        for (Var v : groupVars) {
            sb.append(" ?").append(v.getVarName());
            back.put(v.getVarName(), v);
        }
        var cxt = new SerializationContext(new PrefixMappingImpl());
        for (var ea : aggregators) {
            sb.append(" (").append(ea.getAggregator().asSparqlExpr(cxt)).append(" AS ?").append(ea.getVar().getVarName()).append(')');
            back.put(ea.getVar().getVarName(), ea.getVar());
        }
        sb.append(" WHERE {");
        body(sb, star, names);
        sb.append(" }");
        if (!groupVars.isEmpty()) {
            sb.append(" GROUP BY");
            for (Var v : groupVars) sb.append(" ?").append(v.getVarName());
        }
        return new Request(sb.toString(), back);
    }

    /** The star's triples, its filters, its lookups, its unions, then its OPTIONAL groups. */
    private static void body(StringBuilder sb, Star star, Map<Var, String> names) {
        triples(sb, star.triples(), star.filters(), names);
        for (Star.Lookup l : star.lookups()) {
            sb.append(" {");
            triples(sb, l.triples(), l.filters(), names);
            sb.append(" } UNION { GRAPH <").append(org.cipnet.federation.members.MemberCatalog.REFERENCE_GRAPH).append("> {");
            triples(sb, l.triples(), l.filters(), names);
            sb.append(" } }");
        }
        for (Star.Union u : star.unions()) {
            String sep = " {";
            for (Star.Lookup branch : u.branches()) {
                sb.append(sep);
                triples(sb, branch.triples(), branch.filters(), names);
                sb.append(" }");
                sep = " UNION {";
            }
        }
        for (Star.Optional o : star.optionals()) {
            sb.append(" OPTIONAL {");
            triples(sb, o.triples(), o.filters(), names);
            sb.append(" }");
        }
    }

    private static void triples(StringBuilder sb, List<Triple> triples, List<Expr> filters, Map<Var, String> names) {
        for (Triple t : triples)
            sb.append(' ').append(term(t.getSubject(), names)).append(' ').append(term(t.getPredicate(), names))
                    .append(' ').append(term(t.getObject(), names)).append(" .");
        for (Expr e : filters) sb.append(" FILTER(").append(expr(e)).append(')');
    }

    private static String term(Node n, Map<Var, String> names) {
        if (n.isVariable()) return "?" + names.get(Var.alloc(n));
        return term(n);
    }

    /** A ground RDF term in SPARQL syntax. */
    public static String term(Node n) {
        if (n.isBlank()) return "<_:" + n.getBlankNodeLabel() + ">";
        return NodeFmtLib.strNT(n);
    }

}
