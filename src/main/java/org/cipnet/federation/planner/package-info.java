/**
 * Where work runs: rewrites ARQ algebra so that each subject-star of a basic graph pattern becomes
 * one pushed-down request per relevant member (exact because of the ownership contract: every
 * triple about a subject lies with one member), joined by bind joins at the federator.
 *
 * <p>{@link org.cipnet.federation.planner.Planner#plan} is the one entry point. It applies named
 * steps bottom-up: {@code StarsFromPatterns} (subject-stars, member-local joins folded, chains
 * cheapest first, filters over the pattern with their stars), {@code FiltersIntoStars} (filters left
 * above stars), {@code OptionalsIntoStars} and {@code UnionsIntoStars} (OPTIONAL and UNION, or a
 * path of alternatives, about a star's subject or a member-local object, inside its request),
 * {@code BindJoins} (bind join or hash join; bound OPTIONAL), {@code PushAggregates} (partial
 * aggregates or distinct rows at the members) — these six in one pass, as each sees what the others
 * made below it — then {@code PushTopN}, and {@code PushDistinct} with {@code UnionsOfStars} (a union
 * no join saw, one service). {@code CostModel} is the only
 * reader of the members' statistics; {@link org.cipnet.federation.planner.Markers} names the
 * services a plan sends; {@code RequestText} prints a star as the SPARQL a member receives.
 */
package org.cipnet.federation.planner;
