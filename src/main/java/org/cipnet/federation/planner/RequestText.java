package org.cipnet.federation.planner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.jena.atlas.io.IndentedLineBuffer;
import org.apache.jena.query.Query;
import org.apache.jena.query.Syntax;
import org.apache.jena.shared.impl.PrefixMappingImpl;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpAsQuery;
import org.apache.jena.sparql.algebra.TableFactory;
import org.apache.jena.sparql.algebra.op.OpDistinct;
import org.apache.jena.sparql.algebra.op.OpExtend;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.op.OpJoin;
import org.apache.jena.sparql.algebra.op.OpOrder;
import org.apache.jena.sparql.algebra.op.OpProject;
import org.apache.jena.sparql.algebra.op.OpSlice;
import org.apache.jena.sparql.algebra.op.OpTable;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.core.VarExprList;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.ExprFunction;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.graph.NodeTransformLib;
import org.apache.jena.sparql.serializer.SerializationContext;
import org.apache.jena.sparql.serializer.SerializerRegistry;
import org.apache.jena.sparql.util.NodeToLabelMapBNode;

/**
 * The SPARQL requests sent to members, built as algebra (the star's {@link Star#op() op}, with VALUES,
 * ORDER BY and LIMIT, projection, DISTINCT or grouping around it) and printed with {@link OpAsQuery}.
 * Variables with names SPARQL cannot spell (ARQ's blank-node and renamed variables) get plain
 * aliases; blank nodes from earlier results are written as {@code <_:label>}, which Jena-based
 * members (every cipnet node) resolve to the same blank node. Only contract members and the
 * federator's own graph are sent stars (plain members are read whole, {@code PlainMembers}), so
 * that form never reaches a store that does not keep labels. No prefixes are declared.
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

    /** Compiled once: {@code String.matches} compiled it on every call, 1-4% of the federator's CPU per query. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static boolean plain(String name) {
        return PLAIN.matcher(name).matches();
    }

    /** A request: its text and how to read result variable names back. */
    public record Request(String text, Map<String, Var> vars) {}

    /**
     * {@code SELECT vars WHERE { VALUES … star }} (or {@code SELECT DISTINCT}, or with ORDER BY and
     * LIMIT for a top-k star); {@code values} may be empty (no VALUES block) and {@code joinVars}
     * are the variables the VALUES rows bind (a row may leave some UNDEF).
     */
    public static Request select(Star star, List<Var> joinVars, List<Binding> values) {
        Map<Var, Var> alias = aliases(star);
        boolean valued = !values.isEmpty() && !joinVars.isEmpty();
        Op op = star.op(valued ? new HashSet<>(joinVars) : Set.of());
        if (valued) op = OpJoin.create(values(joinVars, values), op);
        if (star.limit() >= 0) op = new OpOrder(op, star.order());
        List<Var> projected = star.distinct() != null ? star.distinct() : new ArrayList<>(star.vars());
        if (!projected.isEmpty()) op = new OpProject(op, projected); // none: SELECT *, the rows still count
        if (star.distinct() != null) op = OpDistinct.create(op);
        if (star.limit() >= 0) op = new OpSlice(op, Long.MIN_VALUE, star.limit());
        return request(op, alias);
    }

    /**
     * {@code SELECT vars WHERE { { star } UNION { star } … }}: plain stars asked together, without
     * join values; a row binds the variables of the branch it came from. One star is its own request.
     */
    public static Request union(List<Star> stars) {
        return union(stars, List.of(), List.of());
    }

    /**
     * {@code SELECT vars WHERE { VALUES … { star } UNION { star } … }}: plain stars asked together
     * with the same join values (none when {@code values} is empty); a row binds the variables of
     * the branch it came from. One star is its own request.
     */
    public static Request union(List<Star> stars, List<Var> joinVars, List<Binding> values) {
        if (stars.size() == 1) return select(stars.get(0), joinVars, values);
        boolean valued = !values.isEmpty() && !joinVars.isEmpty();
        Set<Var> vars = new java.util.LinkedHashSet<>();
        Op op = null;
        for (Star s : stars) {
            vars.addAll(s.vars());
            Op branch = s.op(valued ? new HashSet<>(joinVars) : Set.of());
            op = op == null ? branch : org.apache.jena.sparql.algebra.op.OpUnion.create(op, branch);
        }
        if (valued) op = OpJoin.create(values(joinVars, values), op);
        return request(new OpProject(op, new ArrayList<>(vars)), aliases(vars));
    }

    /** The VALUES block of the rows' join variables (an input row binds more). */
    private static Op values(List<Var> joinVars, List<Binding> rows) {
        var table = TableFactory.create(joinVars);
        for (Binding b : rows) {
            var row = Binding.builder();
            for (Var v : joinVars) if (b.contains(v)) row.add(v, b.get(v));
            table.addBinding(row.build());
        }
        return OpTable.create(table);
    }

    /** {@code SELECT ?g … (AGG(…) AS ?cipaggN) … WHERE { star } GROUP BY ?g …}: a member's partial aggregates. */
    public static Request grouped(Star star, List<Var> groupVars, List<ExprAggregator> aggregators) {
        Map<Var, Var> alias = aliases(star);
        VarExprList keys = new VarExprList();
        groupVars.forEach(keys::add);
        // As ARQ compiles SELECT (AGG AS ?x): the aggregate into an internal variable, then ?x bound to it.
        List<ExprAggregator> internal = new ArrayList<>();
        for (ExprAggregator ea : aggregators) internal.add(new ExprAggregator(Var.alloc(ARQConstants.allocVarMarker + internal.size()), ea.getAggregator()));
        Op op = OpGroup.create(star.op(), keys, internal);
        List<Var> projected = new ArrayList<>(groupVars);
        for (int i = 0; i < aggregators.size(); i++) {
            op = OpExtend.create(op, aggregators.get(i).getVar(), new ExprVar(internal.get(i).getVar()));
            projected.add(aggregators.get(i).getVar());
        }
        return request(new OpProject(op, projected), alias);
    }

    /**
     * Plain aliases {@code ?cipvN} for the star's variables (or these) SPARQL cannot spell, none of
     * them a name the star uses already.
     */
    private static Map<Var, Var> aliases(Star star) {
        return aliases(star.vars());
    }

    private static Map<Var, Var> aliases(Set<Var> vars) {
        Set<String> taken = new HashSet<>();
        vars.forEach(v -> taken.add(v.getVarName()));
        Map<Var, Var> alias = new LinkedHashMap<>();
        int n = 0;
        for (Var v : vars) {
            if (plain(v.getVarName())) continue;
            String name;
            do name = "cipv" + n++; while (taken.contains(name));
            alias.put(v, Var.alloc(name));
        }
        return alias;
    }

    /** The op with aliases in, printed; result names read back through the aliases. */
    private static Request request(Op op, Map<Var, Var> alias) {
        Op renamed = alias.isEmpty() ? op : NodeTransformLib.transform(n -> n.isVariable() ? alias.getOrDefault(Var.alloc(n), Var.alloc(n)) : n, op);
        Query query = OpAsQuery.asQuery(renamed);
        Map<String, Var> back = new LinkedHashMap<>();
        Map<Var, Var> original = new LinkedHashMap<>();
        alias.forEach((from, to) -> original.put(to, from));
        for (Var v : query.getProjectVars()) back.put(v.getVarName(), original.getOrDefault(v, v));
        return new Request(text(query), back);
    }

    /**
     * SPARQL 1.1 text without prefixes, blank nodes written {@code <_:label>}: ARQ's serializer with
     * blank nodes as (fake) URIs, the form its parser reads back as the blank node of that label.
     */
    static String text(Query query) {
        IndentedLineBuffer out = new IndentedLineBuffer();
        out.setFlatMode(true); // one line: explain lists one request a line
        SerializationContext cxt = new SerializationContext(new PrefixMappingImpl(), new NodeToLabelMapBNode("b", true));
        query.visit(SerializerRegistry.get().getQuerySerializerFactory(Syntax.syntaxSPARQL_11).create(Syntax.syntaxSPARQL_11, cxt, out));
        return out.asString();
    }
}
