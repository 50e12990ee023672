package org.cipnet.sparql;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.expr.E_Function;
import org.apache.jena.sparql.expr.E_Regex;
import org.apache.jena.sparql.expr.E_StrReplace;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprFunctionN;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprTransformCopy;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.RegexEngine;
import org.apache.jena.sparql.expr.nodevalue.NodeValueOps;
import org.apache.jena.sparql.function.FunctionBase;
import org.apache.jena.sparql.function.FunctionEnv;
import org.apache.jena.sparql.function.FunctionRegistry;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.syntax.syntaxtransform.ElementTransformCopyBase;
import org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps;
import org.apache.jena.sparql.util.Context;

/**
 * {@code REGEX} and {@code REPLACE} that stop when their query is cancelled. ARQ checks its
 * timeout between solutions, but one match of a pattern such as {@code ^(.*a){20}$} can backtrack
 * for hours inside a single call, keeping a core busy long after the timeout and the client. Here
 * the text is matched through a {@link CharSequence} that looks at the query's cancel signal (set
 * by ARQ's timeout) every few thousand characters read, and throws {@link QueryCancelledException}.
 * ARQ has no hook for its built-in REGEX and REPLACE, so {@link #apply} rewrites them into calls of
 * the same functions registered under cipnet's own IRIs; the semantics (flags, replacement,
 * language tags) are ARQ's.
 */
public final class CancellableRegex {
    private CancellableRegex() {}

    static final String REGEX = "urn:cipnet:function:regex";
    static final String REPLACE = "urn:cipnet:function:replace";

    static {
        FunctionRegistry.get().put(REGEX, Regex.class);
        FunctionRegistry.get().put(REPLACE, Replace.class);
    }

    /** The query with every REGEX and REPLACE (filters, binds, projections, EXISTS, subqueries) made cancellable. */
    public static Query apply(Query query) {
        if (!mentionsRegex(query)) return query;
        return QueryTransformOps.transform(query, new ElementTransformCopyBase(), new ExprTransformCopy() {
            @Override
            public Expr transform(ExprFunctionN func, ExprList args) {
                if (func instanceof E_Regex) return new E_Function(REGEX, args);
                if (func instanceof E_StrReplace) return new E_Function(REPLACE, args);
                return super.transform(func, args);
            }
        });
    }

    private static boolean mentionsRegex(Query query) {
        String s = query.toString().toLowerCase(java.util.Locale.ROOT);
        return s.contains("regex") || s.contains("replace");
    }

    /** Text whose reading stops with {@link QueryCancelledException} once the query is cancelled. */
    private record Watched(String text, AtomicBoolean cancelled, int[] reads) implements CharSequence {
        @Override
        public char charAt(int index) {
            if ((++reads[0] & 0xFFF) == 0 && (cancelled.get() || Thread.currentThread().isInterrupted()))
                throw new QueryCancelledException();
            return text.charAt(index);
        }

        @Override public int length() { return text.length(); }
        @Override public CharSequence subSequence(int start, int end) { return new Watched(text.substring(start, end), cancelled, reads); }
        @Override public String toString() { return text; }
    }

    private static CharSequence watched(String text, FunctionEnv env) {
        Context cxt = env == null ? null : env.getContext();
        AtomicBoolean cancel = cxt == null ? null : Context.getCancelSignal(cxt);
        return new Watched(text, cancel == null ? new AtomicBoolean() : cancel, new int[1]);
    }

    /** Evaluates the arguments like {@link FunctionBase}, keeping the environment for the cancel signal. */
    private abstract static class WithEnv extends FunctionBase {
        private Pattern constant;

        @Override
        public void build(String uri, ExprList args, Context context) {
            super.build(uri, args, context);
            Expr pattern = args.get(1), flags = args.size() > minArgs() ? args.get(minArgs()) : null;
            if (pattern.isConstant() && (flags == null || flags.isConstant()))
                constant = compile(pattern.getConstant(), flags == null ? null : flags.getConstant());
        }

        @Override
        public NodeValue exec(Binding binding, ExprList args, String uri, FunctionEnv env) {
            List<NodeValue> values = args.getList().stream().map(e -> e.eval(binding, env)).toList();
            Pattern p = constant != null ? constant : compile(values.get(1), values.size() > minArgs() ? values.get(minArgs()) : null);
            return exec(values, p, env);
        }

        @Override
        public NodeValue exec(List<NodeValue> args) {
            throw new IllegalStateException("evaluated with its environment");
        }

        abstract int minArgs();
        abstract String label();
        abstract NodeValue exec(List<NodeValue> args, Pattern pattern, FunctionEnv env);

        private Pattern compile(NodeValue pattern, NodeValue flags) {
            String f = flags == null ? null : NodeValueOps.checkAndGetStringLiteral(label(), flags).getLiteralLexicalForm();
            if (f != null && !f.matches("[smixq]*"))
                throw new ExprEvalException(label() + ": only 'smixq' are legal as pattern flags: got \"" + f + "\"");
            return RegexEngine.makePattern(label(), NodeValueOps.checkAndGetStringLiteral(label(), pattern).getLiteralLexicalForm(), f);
        }

        @Override
        public void checkBuild(String uri, ExprList args) {
            if (args.size() < minArgs() || args.size() > minArgs() + 1)
                throw new org.apache.jena.query.QueryBuildException(label() + ": wrong number of arguments");
        }
    }

    /** {@code REGEX(text, pattern [, flags])}. */
    public static final class Regex extends WithEnv {
        @Override int minArgs() { return 2; }
        @Override String label() { return "REGEX"; }

        @Override
        NodeValue exec(List<NodeValue> args, Pattern pattern, FunctionEnv env) {
            Node text = NodeValueOps.checkAndGetStringLiteral("REGEX", args.get(0));
            return NodeValue.makeBoolean(pattern.matcher(watched(text.getLiteralLexicalForm(), env)).find());
        }
    }

    /** {@code REPLACE(text, pattern, replacement [, flags])}, with ARQ's handling of empty matches and language tags. */
    public static final class Replace extends WithEnv {
        @Override int minArgs() { return 3; }
        @Override String label() { return "REPLACE"; }

        @Override
        NodeValue exec(List<NodeValue> args, Pattern pattern, FunctionEnv env) {
            Node text = NodeValueOps.checkAndGetStringLiteral("replace", args.get(0));
            String rep = NodeValueOps.checkAndGetStringLiteral("replace", args.get(2)).getLiteralLexicalForm();
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
    }
}
