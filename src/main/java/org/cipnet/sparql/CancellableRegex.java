package org.cipnet.sparql;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.walker.Walker;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.expr.E_Function;
import org.apache.jena.sparql.expr.E_Regex;
import org.apache.jena.sparql.expr.E_StrReplace;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprFunctionN;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprTransform;
import org.apache.jena.sparql.expr.ExprTransformCopy;
import org.apache.jena.sparql.expr.ExprVisitorBase;
import org.apache.jena.sparql.expr.aggregate.AggFoldList;
import org.apache.jena.sparql.expr.aggregate.AggFoldMap;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.RegexEngine;
import org.apache.jena.sparql.expr.nodevalue.NodeValueOps;
import org.apache.jena.sparql.function.FunctionEnv;
import org.apache.jena.sparql.syntax.syntaxtransform.ElementTransformCopyBase;
import org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps;
import org.apache.jena.sparql.util.Context;

/**
 * {@code REGEX} and {@code REPLACE} that stop when their query is cancelled. ARQ checks its
 * timeout between solutions, but one match of a pattern such as {@code ^(.*a){20}$} can backtrack
 * for hours inside a single call, keeping a core busy long after the timeout and the client. Here
 * the text is matched through a {@link CharSequence} that looks at the query's cancel signal (set
 * by ARQ's timeout) every few thousand characters read, and throws {@link QueryCancelledException}.
 * ARQ has no hook for its built-in functions, so {@link #apply} puts subclasses of its own
 * expressions in their place: the same semantics (flags, replacement, language tags) and the same
 * SPARQL text when printed — the federator applies it to a plan whose member requests are printed
 * from it. Used by the nodes (on the query) and the federator (on the plan): one implementation.
 * The same functions called by IRI ({@code fn:matches}, {@code fn:replace}) are these, through
 * {@link PublicFunctions}.
 */
public final class CancellableRegex {
    private CancellableRegex() {}

    /**
     * The query with every REGEX and REPLACE (filters, binds, projections, EXISTS, subqueries) made
     * cancellable. {@code text} is the query as text (as sent, or printed): a query whose text names
     * neither function is left as it is without a copy; the text is taken, not printed anew, because
     * printing the query cost a node as much per request as a quarter of parsing it.
     */
    public static Query apply(Query query, String text) {
        if (!mentionsRegex(text != null ? text : query.toString())) return query;
        return QueryTransformOps.transform(query, new ElementTransformCopyBase(), EXPRESSIONS);
    }

    /**
     * Why the query cannot run here, when a {@code FOLD} aggregate (ARQ's) holds a REGEX or REPLACE
     * (by keyword, or by function IRI such as {@code fn:matches}):
     * ARQ orders and folds those values with a comparator of its own, outside the execution, where
     * neither this class's expressions nor the query's cancel signal reach, so one catastrophic
     * pattern there would run on past every timeout. {@code text} is the query as text: only a
     * query that names FOLD (a keyword, which cannot be escaped) is compiled to look.
     */
    public static java.util.Optional<String> unwatchedFold(Query query, String text) {
        if (text != null && !text.toLowerCase(java.util.Locale.ROOT).contains("fold")) return java.util.Optional.empty();
        boolean[] found = new boolean[1];
        ExprVisitorBase regexes = new ExprVisitorBase() {
            @Override
            public void visit(ExprFunctionN func) {
                if (func instanceof E_Regex || func instanceof E_StrReplace
                        || func instanceof E_Function f && PublicFunctions.isPatternMatch(f.getFunctionIRI())) found[0] = true;
            }
        };
        Walker.walk(Algebra.compile(query), new OpVisitorBase() {
            @Override
            public void visit(OpGroup group) {
                for (ExprAggregator agg : group.getAggregators())
                    if ((agg.getAggregator() instanceof AggFoldList || agg.getAggregator() instanceof AggFoldMap) && agg.getAggregator().getExprList() != null)
                        for (Expr e : agg.getAggregator().getExprList()) Walker.walk(e, regexes);
            }
        }, new ExprVisitorBase());
        return found[0] ? java.util.Optional.of("REGEX and REPLACE are not accepted inside FOLD here: ARQ evaluates a FOLD's ordering outside the query, where its timeout cannot stop a pattern match")
                : java.util.Optional.empty();
    }

    /** The plan with every REGEX and REPLACE made cancellable. */
    public static Op apply(Op op) {
        return Transformer.transform(new TransformCopy(), EXPRESSIONS, op);
    }

    private static final ExprTransform EXPRESSIONS = new ExprTransformCopy() {
        @Override
        public Expr transform(ExprFunctionN func, ExprList args) {
            if (func instanceof E_Regex && !(func instanceof Regex)) return regex(args);
            if (func instanceof E_StrReplace && !(func instanceof Replace)) return replace(args);
            return super.transform(func, args);
        }
    };

    private static boolean mentionsRegex(String text) {
        String s = text.toLowerCase(java.util.Locale.ROOT);
        return s.contains("regex") || s.contains("replace");
    }

    private static Regex regex(ExprList args) {
        return new Regex(args.get(0), args.get(1), args.size() > 2 ? args.get(2) : null);
    }

    private static Replace replace(ExprList args) {
        return new Replace(args.get(0), args.get(1), args.get(2), args.size() > 3 ? args.get(3) : null);
    }

    /** Text whose reading stops with {@link QueryCancelledException} once the query is cancelled. */
    private record Watched(CharSequence text, AtomicBoolean cancelled, int[] reads) implements CharSequence {
        @Override
        public char charAt(int index) {
            if ((++reads[0] & 0xFFF) == 0 && (cancelled.get() || Thread.currentThread().isInterrupted()))
                throw new QueryCancelledException();
            return text.charAt(index);
        }

        @Override public int length() { return text.length(); }
        @Override public CharSequence subSequence(int start, int end) { return new Watched(text.subSequence(start, end), cancelled, reads); }
        @Override public String toString() { return text.toString(); }
    }

    /**
     * The text, watched by the query's cancel signal (the execution's, else its context's). Where
     * none is at hand the match is refused: ARQ evaluates a few expressions outside the execution,
     * in its global context (the ORDER BY of a {@code FOLD} aggregate), where nothing would stop it.
     */
    private static CharSequence watched(String text, FunctionEnv env) {
        AtomicBoolean cancel = env instanceof ExecutionContext ex ? ex.getCancelSignal() : null;
        if (cancel == null && env != null && env.getContext() != null) cancel = Context.getCancelSignal(env.getContext());
        if (cancel == null) throw unwatched();
        return new Watched(text, cancel, new int[1]);
    }

    /**
     * Evaluation without an environment: ARQ's constant folding, at optimisation, where no cancel
     * signal reaches and {@code REGEX("aaa…b", "^(.*a){20}$")} would run for hours. Refused, the
     * expression stays as it is and is evaluated with the query, watched.
     */
    private static ExprEvalException unwatched() {
        return new ExprEvalException("evaluated only within a query, where its cancel signal is watched");
    }

    /** A constant pattern compiled once; null when not constant or not valid (then each evaluation reports it, as ARQ does). */
    private static Pattern constant(String label, Expr pattern, Expr flags) {
        if (!pattern.isConstant() || (flags != null && !flags.isConstant())) return null;
        try {
            return compile(label, pattern.getConstant(), flags == null ? null : flags.getConstant());
        } catch (ExprEvalException e) {
            return null;
        }
    }

    private static Pattern compile(String label, NodeValue pattern, NodeValue flags) {
        String f = flags == null ? null : NodeValueOps.checkAndGetStringLiteral(label, flags).getLiteralLexicalForm();
        if (f != null && !f.matches("[smixq]*"))
            throw new ExprEvalException(label + ": only 'smixq' are legal as pattern flags: got \"" + f + "\"");
        return RegexEngine.makePattern(label, NodeValueOps.checkAndGetStringLiteral(label, pattern).getLiteralLexicalForm(), f);
    }

    /** {@code REGEX(text, pattern [, flags])}. */
    static final class Regex extends E_Regex {
        private final Pattern constant;

        Regex(Expr text, Expr pattern, Expr flags) {
            super(text, pattern, flags);
            constant = constant("REGEX", pattern, flags);
        }

        @Override
        public NodeValue eval(List<NodeValue> args, FunctionEnv env) {
            Node text = NodeValueOps.checkAndGetStringLiteral("REGEX", args.get(0));
            Pattern p = constant != null ? constant : compile("REGEX", args.get(1), args.size() > 2 ? args.get(2) : null);
            return NodeValue.booleanReturn(p.matcher(watched(text.getLiteralLexicalForm(), env)).find());
        }

        @Override
        public NodeValue eval(List<NodeValue> args) { throw unwatched(); }

        /** ARQ's rewrites (substitution, folding) copy expressions: the copy stays cancellable. */
        @Override
        public Expr copy(ExprList newArgs) { return regex(newArgs); }
    }

    /** {@code REPLACE(text, pattern, replacement [, flags])}, with ARQ's handling of empty matches and language tags. */
    static final class Replace extends E_StrReplace {
        private final Pattern constant;

        Replace(Expr text, Expr pattern, Expr replacement, Expr flags) {
            super(text, pattern, replacement, flags);
            constant = constant("REPLACE", pattern, flags);
        }

        @Override
        public NodeValue eval(List<NodeValue> args, FunctionEnv env) {
            Node text = NodeValueOps.checkAndGetStringLiteral("replace", args.get(0));
            String rep = NodeValueOps.checkAndGetStringLiteral("replace", args.get(2)).getLiteralLexicalForm();
            Pattern pattern = constant != null ? constant : compile("REPLACE", args.get(1), args.size() > 3 ? args.get(3) : null);
            Matcher m = pattern.matcher(watched(text.getLiteralLexicalForm(), env));
            StringBuilder sb = null;
            try {
                while (m.find()) {
                    if (sb == null) sb = new StringBuilder();
                    else if (m.start() == m.end()) continue;
                    m.appendReplacement(sb, rep);
                }
            } catch (IndexOutOfBoundsException ex) {
                throw new ExprEvalException("IndexOutOfBounds", ex);
            }
            if (sb == null) return args.get(0);
            m.appendTail(sb);
            String out = sb.toString();
            if (out.equals(text.getLiteralLexicalForm())) return args.get(0);
            String lang = text.getLiteralLanguage();
            return lang.isEmpty() ? NodeValue.makeString(out) : NodeValue.makeLangString(out, lang);
        }

        @Override
        public NodeValue eval(List<NodeValue> args) { throw unwatched(); }

        @Override
        public Expr copy(ExprList newArgs) { return replace(newArgs); }
    }
}
