package org.cipnet.validation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.expr.*;
import org.apache.jena.sparql.function.FunctionEnv;

/**
 * Filters of a query that runs over the whole data graph (a SPARQL target, or a constraint run
 * once for all focus nodes), with each part that reads one or two variables only and costs a string test
 * evaluated once per value of that variable. {@code cipsh:LinkSchemeShape}'s target tests two
 * regular expressions on every triple, one on its predicate, of which the data has a few dozen;
 * the ownership shape tests three prefixes on the subject of every triple. Taken: only parts made
 * of functions whose answer depends on their arguments alone (no NOW(), RAND(), BNODE(), no
 * EXISTS, no functions of an extension), so the same value gives the same answer, or the same
 * error, each time. Each evaluation of a query gets parts of its own, so nothing is kept from one
 * query to the next.
 */
final class FilterMemo {
    private FilterMemo() {}

    /** Functions whose value is a function of their arguments' values. */
    private static final Set<Class<?>> PURE = Set.of(E_Str.class, E_IsIRI.class, E_IsURI.class, E_IsLiteral.class, E_IsBlank.class,
            E_Lang.class, E_Datatype.class, E_Bound.class, E_StrLength.class, E_Regex.class, E_StrStartsWith.class, E_StrEndsWith.class,
            E_StrContains.class, E_LogicalAnd.class, E_LogicalOr.class, E_LogicalNot.class);
    /** What makes keeping the answer worth a lookup. */
    private static final Set<Class<?>> COSTLY = Set.of(E_Regex.class, E_StrStartsWith.class, E_StrEndsWith.class, E_StrContains.class);

    /** {@code op} with its filters' one- and two-variable string tests kept per value. */
    static Op apply(Op op) {
        return Transformer.transform(new TransformCopy() {
            @Override
            public Op transform(OpFilter filter, Op sub) {
                ExprList exprs = new ExprList();
                boolean changed = false;
                for (Expr e : filter.getExprs()) {
                    Expr m = memo(e);
                    changed |= m != e;
                    exprs.add(m);
                }
                return changed ? OpFilter.filterDirect(exprs, sub) : super.transform(filter, sub);
            }
        }, op);
    }

    /**
     * {@code e} with its one- and two-variable, pure, costly parts kept per value; {@code e} itself when there
     * are none. Through {@code &&}, {@code ||} and {@code !} first: a cheap test beside a costly one
     * ({@code isIRI(?o) && !REGEX(STR(?o), …)}) still decides the row before any lookup, and the
     * values it rules out are never kept.
     */
    private static Expr memo(Expr e) {
        if (e instanceof E_LogicalOr or) {
            Expr l = memo(or.getArg1()), r = memo(or.getArg2());
            return l == or.getArg1() && r == or.getArg2() ? e : new E_LogicalOr(l, r);
        }
        if (e instanceof E_LogicalAnd and) {
            Expr l = memo(and.getArg1()), r = memo(and.getArg2());
            return l == and.getArg1() && r == and.getArg2() ? e : new E_LogicalAnd(l, r);
        }
        if (e instanceof E_LogicalNot not) {
            Expr a = memo(not.getArg());
            return a == not.getArg() ? e : new E_LogicalNot(a);
        }
        Set<Var> vars = ExprVars.getVarsMentioned(e);
        return !vars.isEmpty() && vars.size() <= 2 && pure(e) && costly(e) ? new Memo(e, List.copyOf(vars)) : e;
    }

    private static boolean pure(Expr e) {
        if (e instanceof ExprVar || e instanceof NodeValue) return true;
        if (!PURE.contains(e.getClass())) return false;
        for (Expr a : ((ExprFunction) e).getArgs()) if (!pure(a)) return false;
        return true;
    }

    private static boolean costly(Expr e) {
        if (!(e instanceof ExprFunction f)) return false;
        if (COSTLY.contains(e.getClass())) return true;
        for (Expr a : f.getArgs()) if (costly(a)) return true;
        return false;
    }

    /**
     * One part: its value, or its error, for each value (unbound included) of its variable, or of
     * its two variables together, met so far. Two: the ownership shape tests every triple's subject
     * against the dataset's one URI space, {@code STRSTARTS(STR(?value), STR(?space))}.
     */
    private static final class Memo extends ExprFunction1 {
        private static final Object UNBOUND = new Object();
        private final List<Var> vars;
        private final Map<Object, Object> answers = new HashMap<>();

        Memo(Expr part, List<Var> vars) {
            super(part, "cipnet:memo");
            this.vars = vars;
        }

        @Override
        protected NodeValue evalSpecial(Binding binding, FunctionEnv env) {
            Object key = key(binding, vars.get(0));
            if (vars.size() == 2) key = List.of(key, key(binding, vars.get(1)));
            Object answer = answers.get(key);
            if (answer == null) {
                try {
                    answer = expr.eval(binding, env);
                } catch (ExprEvalException error) {
                    answer = error;
                }
                answers.put(key, answer);
            }
            if (answer instanceof ExprEvalException error) throw error;
            return (NodeValue) answer;
        }

        private static Object key(Binding binding, Var var) {
            Node value = binding.get(var);
            return value == null ? UNBOUND : value;
        }

        @Override
        public NodeValue eval(NodeValue v) {
            throw new IllegalStateException("evaluated through evalSpecial");
        }

        @Override
        public Expr copy(Expr part) {
            return new Memo(part, vars);
        }
    }
}
