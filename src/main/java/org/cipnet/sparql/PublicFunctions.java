package org.cipnet.sparql;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;

import org.apache.jena.query.ARQ;
import org.apache.jena.query.QueryBuildException;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.function.Function;
import org.apache.jena.sparql.function.FunctionEnv;
import org.apache.jena.sparql.function.FunctionFactory;
import org.apache.jena.sparql.function.FunctionBase2;
import org.apache.jena.sparql.function.FunctionRegistry;
import org.apache.jena.sparql.function.library.Math_pow;
import org.apache.jena.sparql.pfunction.PropertyFunctionFactory;
import org.apache.jena.sparql.pfunction.PropertyFunctionRegistry;
import org.apache.jena.sparql.util.Context;

/**
 * The functions a public endpoint evaluates. ARQ's registries load any class on the class path by
 * IRI ({@code <java:…>}, and ARQ's own {@code afn:}/{@code apf:} namespaces), which lets anyone
 * call {@code afn:wait} (a sleep no timeout stops), {@code afn:print} (writes to the server's
 * console), {@code afn:context} (reads the query's settings) or {@code apf:strSplit} (splits by a
 * pattern of the caller's choosing, which can backtrack for hours). Here only the functions ARQ
 * registers up front are known — SPARQL's and XPath's, the casts and a few of ARQ's — and every
 * other IRI is an unknown function (an evaluation error, as SPARQL says), or for a property, an
 * ordinary predicate. {@code fn:matches}, {@code fn:replace} and their {@code sparql:} names are
 * {@link CancellableRegex}'s REGEX and REPLACE, so no spelling of a pattern match escapes the
 * query's timeout: a function IRI can be split over a prefix or written with {@code \\u} escapes,
 * so no look at the query's text can tell whether one is called. {@code math:pow} of two integers
 * refuses a result of more than {@link #MAX_POW_BITS} bits ({@code math:pow(3, 1000000000)} would
 * build a number of about 200 MB in one call no timeout stops).
 *
 * <p>The registries are the process's, not a served dataset's: ARQ evaluates some expressions in
 * its own global context (the ORDER BY of a {@code FOLD} aggregate, for one), which a dataset's
 * registry would not reach.
 */
public final class PublicFunctions {
    private PublicFunctions() {}

    private static final String FN = "http://www.w3.org/2005/xpath-functions#";
    private static final String SPARQL = "http://www.w3.org/ns/sparql#";
    private static final String MATH = "http://www.w3.org/2005/xpath-functions/math#";

    /** The largest {@code math:pow} result of two integers, in bits (about 128 KB). */
    public static final long MAX_POW_BITS = 1 << 20;

    private static final List<String> MATCHES = List.of(FN + "matches", SPARQL + "regex");
    private static final List<String> REPLACES = List.of(FN + "replace", SPARQL + "replace");

    /** Whether a function called by this IRI is a pattern match (REGEX or REPLACE under another name). */
    static boolean isPatternMatch(String iri) {
        return MATCHES.contains(iri) || REPLACES.contains(iri);
    }

    private static boolean installed;

    /** Every query of this process sees only the fixed set of functions from now on; a second call does nothing. */
    public static synchronized void install() {
        if (installed) return;
        Context global = ARQ.getContext();
        FunctionRegistry functions = new Registered(FunctionRegistry.get(global));
        for (String uri : MATCHES) functions.put(uri, uri2 -> new Watched(false));
        for (String uri : REPLACES) functions.put(uri, uri2 -> new Watched(true));
        functions.put(MATH + "pow", uri -> new BoundedPow());
        FunctionRegistry.set(global, functions);
        PropertyFunctionRegistry.set(global, new RegisteredProperties(PropertyFunctionRegistry.get(global)));
        installed = true;
    }

    /** The functions registered now, and no loading by IRI later. */
    private static final class Registered extends FunctionRegistry {
        Registered(FunctionRegistry from) {
            for (Iterator<String> it = from.keys(); it.hasNext(); ) {
                String uri = it.next();
                put(uri, from.get(uri));
            }
        }

        @Override
        public FunctionFactory get(String uri) {
            return isRegistered(uri) ? super.get(uri) : null;
        }
    }

    /** The property functions registered now (ARQ's list functions, {@code rdfs:member}), and no loading by IRI later. */
    private static final class RegisteredProperties extends PropertyFunctionRegistry {
        RegisteredProperties(PropertyFunctionRegistry from) {
            for (Iterator<String> it = from.keys(); it.hasNext(); ) {
                String uri = it.next();
                PropertyFunctionFactory f = from.get(uri);
                if (f != null) put(uri, f);
            }
        }

        @Override
        public boolean manages(String uri) {
            return isRegistered(uri);
        }

        @Override
        public PropertyFunctionFactory get(String uri) {
            return isRegistered(uri) ? super.get(uri) : null;
        }
    }

    /** {@code fn:matches} / {@code fn:replace} called by IRI, evaluated as the cancellable REGEX / REPLACE. */
    private static final class Watched implements Function {
        private final boolean replace;
        private Expr expr;

        Watched(boolean replace) {
            this.replace = replace;
        }

        @Override
        public void build(String uri, ExprList args, Context context) {
            int min = replace ? 3 : 2;
            if (args.size() < min || args.size() > min + 1)
                throw new QueryBuildException(uri + " takes " + min + " or " + (min + 1) + " arguments, not " + args.size());
            expr = replace
                    ? new CancellableRegex.Replace(args.get(0), args.get(1), args.get(2), args.size() > 3 ? args.get(3) : null)
                    : new CancellableRegex.Regex(args.get(0), args.get(1), args.size() > 2 ? args.get(2) : null);
        }

        @Override
        public NodeValue exec(Binding binding, ExprList args, String uri, FunctionEnv env) {
            return expr.eval(binding, env);
        }
    }

    /** Jena's {@code math:pow}, except that a power of two integers with more than {@link #MAX_POW_BITS} bits is an evaluation error. */
    private static final class BoundedPow extends FunctionBase2 {
        private final Math_pow pow = new Math_pow();

        @Override
        public NodeValue exec(NodeValue x, NodeValue y) {
            if (x.isInteger() && y.isInteger() && y.getInteger().signum() > 0 && x.getInteger().abs().compareTo(BigInteger.ONE) > 0) {
                BigInteger bits = BigInteger.valueOf(x.getInteger().bitLength() - 1L).multiply(y.getInteger());
                if (bits.compareTo(BigInteger.valueOf(MAX_POW_BITS)) > 0)
                    throw new ExprEvalException("math:pow: the result would have more than " + MAX_POW_BITS + " bits");
            }
            return pow.exec(x, y);
        }
    }
}
