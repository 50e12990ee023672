package org.cipnet.federation.exec;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.expr.E_Regex;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprFunctionN;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprTransformCopy;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.RegexEngine;
import org.apache.jena.sparql.expr.nodevalue.NodeValueOps;
import org.apache.jena.sparql.function.FunctionEnv;

/**
 * REGEX that a timeout can stop. Java's matcher never looks at the clock, so a pattern that
 * backtracks catastrophically ({@code ^(.*a){20}$}) would keep a core busy long after the query's
 * timeout and after the client left. Here the matcher reads its text through a {@link CharSequence}
 * that looks at the query's cancel signal as it is read, and throws once the query is cancelled.
 * Same semantics (Jena's own pattern compilation and flags), same SPARQL text when printed.
 */
final class CancellableRegex extends E_Regex {
    private final Pattern constant;

    private CancellableRegex(Expr expr, Expr pattern, Expr flags) {
        super(expr, pattern, flags);
        Pattern p = null;
        if (pattern.isConstant() && pattern.getConstant().isString() && (flags == null || (flags.isConstant() && flags.getConstant().isString())))
            p = RegexEngine.makePattern("Regex", pattern.getConstant().getString(), flags == null ? null : flags.getConstant().getString());
        this.constant = p;
    }

    /** The plan with every REGEX made cancellable. */
    static Op apply(Op op) {
        return Transformer.transform(new TransformCopy(), new ExprTransformCopy() {
            @Override
            public Expr transform(ExprFunctionN func, ExprList args) {
                if (func instanceof E_Regex && !(func instanceof CancellableRegex))
                    return new CancellableRegex(args.get(0), args.get(1), args.size() > 2 ? args.get(2) : null);
                return super.transform(func, args);
            }
        }, op);
    }

    @Override
    public NodeValue eval(List<NodeValue> args, FunctionEnv env) {
        Node arg = NodeValueOps.checkAndGetStringLiteral("REGEX", args.get(0));
        Pattern p = constant;
        if (p == null) {
            NodeValue pattern = args.get(1), flags = args.size() > 2 ? args.get(2) : null;
            if (!pattern.isString() || (flags != null && !flags.isString())) throw new ExprEvalException("REGEX: pattern and flags must be strings");
            p = RegexEngine.makePattern("Regex", pattern.getString(), flags == null ? null : flags.getString());
        }
        AtomicBoolean cancel = env instanceof ExecutionContext cxt ? cxt.getCancelSignal() : null;
        CharSequence text = arg.getLiteralLexicalForm();
        return NodeValue.booleanReturn(p.matcher(cancel == null ? text : new Watched(text, cancel)).find());
    }

    /** Text that throws once the query is cancelled, looked at every few thousand characters read. */
    private record Watched(CharSequence text, AtomicBoolean cancel, int[] reads) implements CharSequence {
        Watched(CharSequence text, AtomicBoolean cancel) {
            this(text, cancel, new int[1]);
        }

        @Override
        public char charAt(int index) {
            if ((++reads[0] & 0xFFF) == 0 && cancel.get()) throw new QueryCancelledException();
            return text.charAt(index);
        }

        @Override
        public int length() { return text.length(); }

        @Override
        public CharSequence subSequence(int start, int end) { return new Watched(text.subSequence(start, end), cancel, reads); }

        @Override
        public String toString() { return text.toString(); }
    }
}
