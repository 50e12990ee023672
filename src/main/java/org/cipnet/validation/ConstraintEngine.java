package org.cipnet.validation;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.jena.mem2.GraphMem2Fast;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphMapLink;
import org.apache.jena.sparql.core.Substitute;
import org.apache.jena.sparql.engine.Plan;
import org.apache.jena.sparql.engine.PlanOp;
import org.apache.jena.sparql.engine.QueryEngineFactory;
import org.apache.jena.sparql.engine.QueryEngineRegistry;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.main.QueryEngineMain;
import org.apache.jena.sparql.util.Context;

/**
 * Runs the SPARQL constraints of the shapes ({@code sh:sparql}) on a validation's data graph. Jena
 * runs such a constraint once per focus node, and compiled and optimised the same query again for
 * each of them: that was most of a publication's SHACL time. This engine compiles and optimises
 * each constraint's query once, with {@code $this} free, and puts each focus node into the
 * optimised algebra, as Jena puts it into the unoptimised one. It answers only queries on a
 * {@link Data} graph, so every other query in the process runs as before.
 */
final class ConstraintEngine extends QueryEngineMain {

    /** The data graph of one validation: the marker by which this engine recognises its queries. */
    static final class Data extends GraphMem2Fast {}

    // Weak keys: a constraint with a path gets a new Query object per focus node, and shapes may be reloaded.
    private static final Map<Query, Op> COMPILED = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<Query, Op> OPTIMISED = Collections.synchronizedMap(new WeakHashMap<>());

    private static final QueryEngineFactory FACTORY = new QueryEngineFactory() {
        @Override
        public boolean accept(Query query, DatasetGraph dataset, Context context) {
            return dataset instanceof DatasetGraphMapLink link && link.getDefaultGraph() instanceof Data;
        }

        @Override
        public Plan create(Query query, DatasetGraph dataset, Binding input, Context context) {
            return new ConstraintEngine(query, dataset, input, context).getPlan();
        }

        @Override
        public boolean accept(Op op, DatasetGraph dataset, Context context) {
            return false;
        }

        @Override
        public Plan create(Op op, DatasetGraph dataset, Binding input, Context context) {
            throw new UnsupportedOperationException("algebra is not run on validation data");
        }
    };

    private static final AtomicBoolean REGISTERED = new AtomicBoolean();

    /** Puts the engine in Jena's registry, once. */
    static void install() {
        if (REGISTERED.compareAndSet(false, true)) QueryEngineRegistry.addFactory(FACTORY);
    }

    private final Query query;

    private ConstraintEngine(Query query, DatasetGraph dataset, Binding input, Context context) {
        super(query, dataset, input, context);
        this.query = query;
    }

    @Override
    protected Op createOp(Query q) {
        return COMPILED.computeIfAbsent(q, super::createOp);
    }

    @Override
    protected Plan createPlan() {
        Op op = OPTIMISED.computeIfAbsent(query, q -> modifyOp(getOp()));
        Binding start = getStartBinding();
        if (start != null && !start.isEmpty()) op = Substitute.substitute(op, start);
        return new PlanOp(getOp(), this, evaluate(op, dataset, start, context));
    }
}
