package org.cipnet.federation.planner;

import java.util.List;

import org.apache.jena.sparql.algebra.Op;
import org.cipnet.federation.members.MemberCatalog;

/**
 * The federation planner: ARQ's optimised algebra in, the algebra the federator runs out, in which
 * each {@code SERVICE <urn:cipnet:…>} ({@link Markers}) is work sent to the members. The rewrites
 * are named steps ({@link Step}), applied bottom-up in passes, in this order:
 *
 * <ol>
 * <li>one pass of {@link StarsFromPatterns}, {@link FiltersIntoStars}, {@link OptionalsIntoStars},
 * {@link JoinsBeforeOptionals}, {@link UnionsIntoStars}, {@link BindJoins} and {@link PushAggregates},
 * asked in that order at each operator. They share the pass because each one's rewrite of an operator
 * is what the others see at its parent: a union folds into a star of a bind join's sequence, the
 * star an OPTIONAL was folded into takes the star joined after it (before a bind join would chain
 * the two) and then the filter above both over the OPTIONAL's variable, a bind join is chosen once a
 * union or an OPTIONAL has become part of a star and on the estimates of what is below (a pushed-
 * down aggregate estimates differently from the stars it came from), a filter goes into a star a
 * union has joined, and an aggregate pushes down over stars that unions were folded into. Run one
 * after another, a step would miss the rewrites a later step makes below it, or see the sequences
 * and filters a step before it made, which the single pass never revisits: the date alternatives'
 * plan would keep its filter at the federator and its period apart from the participation's star
 * ({@code GoldenPlansTest} holds the plans the single pass gives);</li>
 * <li>{@link PushTopN};</li>
 * <li>{@link PushDistinct} and {@link UnionsOfStars}, in one pass (one acts on DISTINCT over a single
 * star, the other on unions, and neither reads what the other makes).</li>
 * </ol>
 *
 * {@code PushTopN} and {@code PushDistinct} only read a single star right under their operator and
 * nothing above reads what they change (a star's estimate is the same with its top-N or DISTINCT
 * inside), so they run in passes of their own; {@code UnionsOfStars} takes the unions of stars that
 * the first pass left where no join saw them, so it must come after that pass. Statistics are read only by the {@link CostModel}.
 */
public final class Planner {
    private Planner() {}

    /** The plan of ARQ's optimised algebra of a query over the catalogue's members. */
    public static Op plan(Op optimized, MemberCatalog catalog) {
        Op op = optimized;
        for (Pass pass : passes(catalog)) op = pass.apply(op);
        return op;
    }

    /** The passes of one planning (a step may remember what it planned, so they serve one query). */
    static List<Pass> passes(MemberCatalog catalog) {
        CostModel costs = new CostModel(catalog);
        StarsFromPatterns stars = new StarsFromPatterns(catalog, costs);
        return List.of(
                new Pass(List.of(stars, new FiltersIntoStars(), new OptionalsIntoStars(catalog), new JoinsBeforeOptionals(catalog), new UnionsIntoStars(catalog),
                        new BindJoins(costs),
                        new PushAggregates(stars))),
                new Pass(new PushTopN()),
                new Pass(List.of(new PushDistinct(), new UnionsOfStars())));
    }
}
