package org.cipnet.federation.planner;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.util.List;

import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.sse.SSE;
import org.cipnet.federation.members.MemberCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each planner step alone, algebra in and algebra out: the input is SSE (stars already planned
 * where the step expects them), the step runs as a pass of its own, and the output must equal the
 * expected SSE — or the input itself where the step must not apply. The catalogue is
 * {@link GoldenPlansTest}'s: {@code cip:period}, {@code time:hasBeginning} and
 * {@code cip:observedEntity} stay within a member, {@code cip:collaboratesWith} does not,
 * {@code cip:actorType} leads into the reference graph, which both members hold; {@code skos:prefLabel}
 * has 1800 triples in all, {@code cip:collaboratesWith} 12, {@code cip:operatedBy} none.
 */
class PlannerStepsTest {
    private static final PrefixMapping PREFIXES = PrefixMapping.Factory.create()
            .setNsPrefix("cip", "https://w3id.org/cipnet/ontology#")
            .setNsPrefix("skos", "http://www.w3.org/2004/02/skos/core#")
            .setNsPrefix("time", "http://www.w3.org/2006/time#")
            .setNsPrefix("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#")
            .setNsPrefix("cat", "https://w3id.org/cipnet/vocab/eco-category/")
            .setNsPrefix("star", "urn:cipnet:")
            .lock();

    private static MemberCatalog catalog;
    private static CostModel costs;

    @BeforeAll
    static void catalogue() throws IOException {
        catalog = GoldenPlansTest.catalog();
        costs = new CostModel(catalog);
    }

    private static Op op(String sse) {
        return SSE.parseOp(sse, PREFIXES);
    }

    /**
     * {@code steps} as one pass: over everything outside SERVICE, since the stars of the input are
     * given and inside them is what the members run (the planner makes its stars on the way up, so
     * no step of it rewrites their insides either).
     */
    private static Op run(List<Step> steps, Op in) {
        return Transformer.transformSkipService(new Pass(steps), in);
    }

    /** {@code steps} as one pass over {@code in} give {@code expected}. */
    private static void assertRewrites(List<Step> steps, String in, String expected) {
        Op out = run(steps, op(in));
        assertEquals(op(expected), out, () -> "expected\n" + op(expected).toString(PREFIXES) + "got\n" + out.toString(PREFIXES));
    }

    private static void assertRewrites(Step step, String in, String expected) {
        assertRewrites(List.of(step), in, expected);
    }

    private static void assertUnchanged(Step step, String in) {
        assertRewrites(step, in, in);
    }

    // Abbreviations of the SSE: the service marker of a star (star:star is <urn:cipnet:star>).
    private static final String CO_COLLABORATES = "(service star:star (bgp (?co cip:collaboratesWith ?p)))";
    private static final String P_LABEL = "(service star:star (bgp (?p skos:prefLabel ?l)))";
    /** Catalogue query 05's kind of filter over the beginning only PERIOD_BEGINNING's OPTIONAL binds. */
    private static final String NO_OR_EARLIER_BEGINNING = "(|| (! (bound ?b)) (< (str ?b) (str ?a)))";
    private static final String PERIOD_BEGINNING = "(service star:star (leftjoin (bgp (?a cip:period ?i)) (bgp (?i time:hasBeginning ?b))))";

    @Nested
    class StarsFromPatternsStep {
        private Step step() {
            return new StarsFromPatterns(catalog, costs);
        }

        @Test
        void subjectsLinkedAcrossMembersAreAChainCheapestFirst() {
            assertRewrites(step(), "(bgp (?p skos:prefLabel ?l) (?co cip:collaboratesWith ?p))", "(sequence " + CO_COLLABORATES + P_LABEL + ")");
        }

        @Test
        void aSubjectReachedAlongAMemberLocalLinkJoinsTheStarThatReachesIt() {
            assertRewrites(step(), "(bgp (?a cip:period ?i) (?i time:hasBeginning ?b))",
                    "(service star:star (bgp (?a cip:period ?i) (?i time:hasBeginning ?b)))");
        }

        @Test
        void aFilterOverThePatternGoesWithTheStarThatBindsItsVariablesTheOthersStayAbove() {
            assertRewrites(step(), "(filter (exprlist (= ?l \"x\") (!= ?co ?l)) (bgp (?co cip:collaboratesWith ?p) (?p skos:prefLabel ?l)))",
                    "(filter (!= ?co ?l) (sequence " + CO_COLLABORATES + "(service star:star (filter (= ?l \"x\") (bgp (?p skos:prefLabel ?l))))))");
        }

        /** ARQ cuts a BGP around a path into pieces; neighbouring stars joined along a member-local link merge again. */
        @Test
        void neighbourStarsOfASequenceMergeAlongAMemberLocalLink() {
            assertRewrites(step(), "(sequence (service star:star (bgp (?a cip:period ?i))) (service star:star (bgp (?i time:hasBeginning ?b))))",
                    "(service star:star (bgp (?a cip:period ?i) (?i time:hasBeginning ?b)))");
        }

        @Test
        void neighbourStarsLinkedAcrossMembersStayApart() {
            assertUnchanged(step(), "(sequence " + CO_COLLABORATES + P_LABEL + ")");
        }

        @Test
        void aPathIsNoPattern() {
            assertUnchanged(step(), "(path ?a (path+ cip:collaboratesWith) ?b)");
        }
    }

    @Nested
    class FiltersIntoStarsStep {
        private final Step step = new FiltersIntoStars();

        /** ARQ's filter placement leaves a filter above a MINUS, which only drops rows of its left side. */
        @Test
        void aFilterAboveAMinusGoesIntoTheStarOnItsLeft() {
            assertRewrites(step, "(filter (< (str ?a) (str ?b)) (minus (service star:star (bgp (?c cip:collaborator ?a) (?c cip:collaborator ?b))) "
                    + "(service star:star (bgp (?c skos:prefLabel ?l)))))",
                    "(minus (service star:star (filter (< (str ?a) (str ?b)) (bgp (?c cip:collaborator ?a) (?c cip:collaborator ?b)))) "
                            + "(service star:star (bgp (?c skos:prefLabel ?l))))");
        }

        @Test
        void aFilterEveryBranchOfAStarsUnionBindsGoesIntoEachBranch() {
            assertRewrites(step, "(filter (= (str ?x) \"y\") (service star:star (join (bgp (?co cip:clusterCategory ?k)) "
                    + "(union (bgp (?co cip:collaboratesWith ?x)) (bgp (?co cip:period ?x))))))",
                    "(service star:star (join (bgp (?co cip:clusterCategory ?k)) (union (filter (= (str ?x) \"y\") (bgp (?co cip:collaboratesWith ?x))) "
                            + "(filter (= (str ?x) \"y\") (bgp (?co cip:period ?x))))))");
        }

        @Test
        void aFilterOverTwoStarsStaysAbove() {
            assertUnchanged(step, "(filter (!= ?co ?l) (sequence " + CO_COLLABORATES + P_LABEL + "))");
        }

        /** A filter with EXISTS cannot be sent. */
        @Test
        void aFilterThatCannotBeSentStaysAbove() {
            assertUnchanged(step, "(filter (exists (bgp (?p cip:period ?i))) " + P_LABEL + ")");
        }

        /** Catalogue query 05's filter over the beginning only its OPTIONAL binds: after the star's left join, in its request. */
        @Test
        void aFilterOverAVariableOnlyTheStarsOptionalBindsGoesAfterTheLeftJoin() {
            assertRewrites(step, "(filter " + NO_OR_EARLIER_BEGINNING + " (sequence " + CO_COLLABORATES + PERIOD_BEGINNING + "))",
                    "(sequence " + CO_COLLABORATES + "(service star:star (filter " + NO_OR_EARLIER_BEGINNING + " "
                            + "(leftjoin (bgp (?a cip:period ?i)) (bgp (?i time:hasBeginning ?b))))))");
        }

        /** ?co is bound outside the star: over the star's rows alone the filter cannot be evaluated. */
        @Test
        void aFilterOverAnOptionalVariableAndOneBoundOutsideTheStarStaysAbove() {
            assertUnchanged(step, "(filter (|| (! (bound ?b)) (!= ?b ?co)) (sequence " + CO_COLLABORATES + PERIOD_BEGINNING + "))");
        }

        /**
         * The star after it binds ?b where the OPTIONAL did not: a row the member would let through
         * (?b unbound) is bound there, and may fail the filter at the federator.
         */
        @Test
        void aFilterOverAnOptionalVariableAnotherStarAlsoBindsStaysAbove() {
            assertUnchanged(step, "(filter " + NO_OR_EARLIER_BEGINNING + " (sequence " + PERIOD_BEGINNING + "(service star:star (bgp (?b skos:prefLabel ?l)))))");
        }

        /**
         * A BIND in a group of its own (joined, or in an OPTIONAL) binds ?b where the star's OPTIONAL
         * did not, as another star would; ARQ's mentioned variables of it leave ?b out.
         */
        @Test
        void aFilterOverAnOptionalVariableABindAlsoBindsStaysAbove() {
            assertUnchanged(step, "(filter " + NO_OR_EARLIER_BEGINNING + " (join " + PERIOD_BEGINNING + "(extend ((?b \"2015\")) (table unit))))");
            assertUnchanged(step, "(filter " + NO_OR_EARLIER_BEGINNING + " (leftjoin " + PERIOD_BEGINNING + "(extend ((?b \"2015\")) (table unit))))");
        }
    }

    @Nested
    class OptionalsIntoStarsStep {
        private Step step() {
            return new OptionalsIntoStars(catalog);
        }

        @Test
        void anOptionalAboutTheSubjectRunsInsideTheStar() {
            assertRewrites(step(), "(leftjoin (service star:star (bgp (?co cip:clusterCategory cat:3))) (service star:star (bgp (?co cip:collaboratesWith ?partner))))",
                    "(service star:star (leftjoin (bgp (?co cip:clusterCategory cat:3)) (bgp (?co cip:collaboratesWith ?partner))))");
        }

        @Test
        void anOptionalWithItsFilterAboutAnObjectReachedAlongAMemberLocalLinkRunsInsideTheStar() {
            assertRewrites(step(), "(leftjoin (service star:star (bgp (?o cip:observedEntity ?co))) (service star:star (bgp (?co skos:prefLabel ?nb))) (= (lang ?nb) \"nb\"))",
                    "(service star:star (leftjoin (bgp (?o cip:observedEntity ?co)) (bgp (?co skos:prefLabel ?nb)) (= (lang ?nb) \"nb\")))");
        }

        @Test
        void anOptionalAboutOneStarOfASequenceRunsInsideThatStar() {
            assertRewrites(step(), "(leftjoin (sequence " + CO_COLLABORATES + "(service star:star (bgp (?p cip:clusterCategory ?c)))) "
                    + "(service star:star (bgp (?p skos:prefLabel ?l))))",
                    "(sequence " + CO_COLLABORATES + "(service star:star (leftjoin (bgp (?p cip:clusterCategory ?c)) (bgp (?p skos:prefLabel ?l)))))");
        }

        /** Reached along a link that leaves the member: the label may lie with another member. */
        @Test
        void anOptionalAboutAnObjectReachedAcrossMembersStaysALeftJoin() {
            assertUnchanged(step(), "(leftjoin " + CO_COLLABORATES + P_LABEL + ")");
        }

        /**
         * A BIND before the star gives ?b, which the OPTIONAL binds too, a value in every row: the
         * OPTIONAL must match it, which the star's members, not given it, would not see.
         */
        @Test
        void anOptionalOverAVariableABindBeforeItDefinesStaysALeftJoin() {
            assertUnchanged(step(), "(leftjoin (sequence (extend ((?b \"2015\")) (table unit)) (service star:star (bgp (?a cip:period ?i)))) "
                    + "(service star:star (bgp (?i time:hasBeginning ?b))))");
        }
    }

    @Nested
    class JoinsBeforeOptionalsStep {
        private Step step() {
            return new JoinsBeforeOptionals(catalog);
        }

        /** Catalogue query 05's shape: the period's end, written after the OPTIONAL of its beginning, joins the star before it. */
        @Test
        void aStarJoinedAfterAnOptionalJoinsTheStarThatReachesItBeforeTheOptional() {
            assertRewrites(step(), "(join " + PERIOD_BEGINNING + "(service star:star (filter (isLiteral ?e) (bgp (?i time:hasEnd ?e)))))",
                    "(service star:star (leftjoin (filter (isLiteral ?e) (bgp (?a cip:period ?i) (?i time:hasEnd ?e))) (bgp (?i time:hasBeginning ?b))))");
        }

        /** ?i, which the OPTIONAL and the later star share, is bound in every row of the left side: the same holds in one star of a sequence. */
        @Test
        void aStarJoinedAfterASequenceJoinsTheElementHoldingTheOptional() {
            assertRewrites(step(), "(join (sequence " + CO_COLLABORATES + PERIOD_BEGINNING + ") (service star:star (bgp (?i time:hasEnd ?e))))",
                    "(sequence " + CO_COLLABORATES + "(service star:star (leftjoin (bgp (?a cip:period ?i) (?i time:hasEnd ?e)) (bgp (?i time:hasBeginning ?b)))))");
        }

        /**
         * ?b, which the later star shares with the second OPTIONAL, the left side binds only where
         * its first OPTIONAL matched: joined first, the later star would bind it for the second.
         */
        @Test
        void aVariableTheLeftSideBindsOnlyPossiblyKeepsTheJoinAfterTheOptional() {
            assertUnchanged(step(), "(join (service star:star (leftjoin (leftjoin (bgp (?a cip:period ?i)) (bgp (?i time:hasBeginning ?b))) (bgp (?i time:inXSDgYear ?b)))) "
                    + "(service star:star (bgp (?i time:hasEnd ?b))))");
        }

        @Test
        void aVariableOnlyTheOptionalBindsKeepsTheJoinAfterTheOptional() {
            assertUnchanged(step(), "(join " + PERIOD_BEGINNING + "(service star:star (bgp (?i time:hasEnd ?b))))");
        }

        /** Reached along a link that leaves the member: the later star's triples may lie with another member. */
        @Test
        void aStarReachedAcrossMembersStaysApart() {
            assertUnchanged(step(), "(join (service star:star (leftjoin (bgp (?co cip:collaboratesWith ?p)) (bgp (?co skos:prefLabel ?l)))) "
                    + "(service star:star (bgp (?p cip:period ?i))))");
        }
    }

    @Nested
    class UnionsIntoStarsStep {
        private Step step() {
            return new UnionsIntoStars(catalog);
        }

        @Test
        void aUnionAboutAStarsSubjectRunsInsideTheStar() {
            assertRewrites(step(), "(join (service star:star (bgp (?co cip:clusterCategory cat:3))) "
                    + "(union (service star:star (bgp (?co cip:collaboratesWith ?x))) (service star:star (bgp (?co cip:period ?x)))))",
                    "(service star:star (join (bgp (?co cip:clusterCategory cat:3)) (union (bgp (?co cip:collaboratesWith ?x)) (bgp (?co cip:period ?x)))))");
        }

        /** The date form's alternatives, about an object the star reaches along a member-local link, as a union in the star. */
        @Test
        void alternativesOfASequenceJoinTheStarThatReachesTheirSubject() {
            assertRewrites(step(), "(sequence (service star:star (bgp (?a cip:period ?i))) (path ?i (alt time:inXSDDate time:inXSDgYear) ?year))",
                    "(service star:star (join (bgp (?a cip:period ?i)) (union (bgp (?i time:inXSDDate ?year)) (bgp (?i time:inXSDgYear ?year)))))");
        }

        @Test
        void aUnionWithABranchAboutAnotherSubjectStaysAtTheFederator() {
            assertUnchanged(step(), "(join (service star:star (bgp (?co cip:collaboratesWith ?p))) "
                    + "(union (service star:star (bgp (?co cip:period ?x))) (service star:star (bgp (?p skos:prefLabel ?x)))))");
        }

        @Test
        void alternativesReachedAcrossMembersStayAPath() {
            assertUnchanged(step(), "(sequence (service star:star (bgp (?a cip:collaboratesWith ?i))) (path ?i (alt time:inXSDDate time:inXSDgYear) ?year))");
        }
    }

    @Nested
    class BindJoinsStep {
        private Step step() {
            return new BindJoins(costs);
        }

        private static final String OPERATED_BY = "(service star:star (bgp (?p cip:operatedBy ?a)))";
        private static final String A_LABEL = "(service star:star (bgp (?a skos:prefLabel ?l)))";

        @Test
        void aSmallLeftSideBindsTheStarsOnTheRight() {
            assertRewrites(step(), "(join " + OPERATED_BY + A_LABEL + ")", "(sequence " + OPERATED_BY + A_LABEL + ")");
        }

        @Test
        void aLargeLeftSideStaysAHashJoin() {
            assertUnchanged(step(), "(join " + A_LABEL + OPERATED_BY + ")");
        }

        @Test
        void anOptionalStarAfterASmallLeftSideIsABoundLeftJoinCarryingItsFilter() {
            assertRewrites(step(), "(leftjoin " + CO_COLLABORATES + P_LABEL + " (= (lang ?l) \"nb\"))",
                    "(sequence " + CO_COLLABORATES + "(service star:optional-star (filter (= (lang ?l) \"nb\") (bgp (?p skos:prefLabel ?l)))))");
        }

        /** The filter mentions a variable of the left side: over the optional star alone it would give other rows. */
        @Test
        void anOptionalWhoseFilterMentionsTheLeftSideStaysALeftJoin() {
            assertUnchanged(step(), "(leftjoin " + CO_COLLABORATES + P_LABEL + " (!= ?l ?co))");
        }
    }

    @Nested
    class PushAggregatesStep {
        private Step step() {
            return new PushAggregates(new StarsFromPatterns(catalog, costs));
        }

        @Test
        void aCountOverOneStarIsSummedFromTheMembersCounts() {
            assertRewrites(step(), "(group (?level) ((?.0 (count ?p))) (service star:star (bgp (?p cip:level ?level))))",
                    "(group (?level) ((?.0 (sum ?cipagg0))) (service star:aggregate (group (?level) ((?cipagg0 (count ?p))) (bgp (?p cip:level ?level)))))");
        }

        @Test
        void aCountOfDistinctObjectsIsOverTheMembersDistinctRows() {
            assertRewrites(step(), "(group (?level) ((?.0 (count distinct ?eco))) (service star:star (bgp (?p cip:level ?level) (?p cip:participant ?eco))))",
                    "(group (?level) ((?.0 (count distinct ?eco))) (service star:star (distinct (project (?level ?eco) (bgp (?p cip:level ?level) (?p cip:participant ?eco))))))");
        }

        /** GROUP_CONCAT of all values neither decomposes nor sees distinct values only. */
        @Test
        void aGroupConcatStaysAtTheFederator() {
            assertUnchanged(step(), "(group (?level) ((?.0 (group_concat ?p))) (service star:star (bgp (?p cip:level ?level))))");
        }

        @Test
        void aGroupOverTwoStarsStaysAtTheFederator() {
            assertUnchanged(step(), "(group (?co) ((?.0 (count ?l))) (sequence " + CO_COLLABORATES + P_LABEL + "))");
        }

        /**
         * With the step that planned the pattern (the two share a pass for this): the code-list
         * label is joined at the members, from their copy of the reference graph, so the count still
         * runs there. Without it the label would be a second star and the group would stay above.
         */
        @Test
        void aPatternWithACodeListLookupIsPlannedAgainWithTheLookupInsideTheStar() {
            StarsFromPatterns stars = new StarsFromPatterns(catalog, costs);
            assertRewrites(List.of(stars, new PushAggregates(stars)),
                    "(group (?label) ((?.0 (count ?o))) (bgp (?o cip:actorType ?t) (?t skos:prefLabel ?label)))",
                    "(group (?label) ((?.0 (sum ?cipagg0))) (service star:aggregate (group (?label) ((?cipagg0 (count ?o))) "
                            + "(join (bgp (?o cip:actorType ?t)) (union (bgp (?t skos:prefLabel ?label)) "
                            + "(graph <https://w3id.org/cipnet/graph/reference> (bgp (?t skos:prefLabel ?label))))))))");
        }
    }

    @Nested
    class PushTopNStep {
        private final Step step = new PushTopN();

        @Test
        void eachMemberReturnsItsOwnTopK() {
            assertRewrites(step, "(top (10 (desc ?l)) (project (?p ?l) " + P_LABEL + "))",
                    "(top (10 (desc ?l)) (project (?p ?l) (service star:star (top (10 (desc ?l)) (bgp (?p skos:prefLabel ?l))))))");
        }

        @Test
        void aTopKOverTwoStarsStaysAtTheFederator() {
            assertUnchanged(step, "(top (10 ?l) (sequence " + CO_COLLABORATES + P_LABEL + "))");
        }

        @Test
        void aTopKAlreadyPushedIsNotPushedAgain() {
            assertUnchanged(step, "(top (10 ?l) (service star:star (top (10 ?l) (bgp (?p skos:prefLabel ?l)))))");
        }
    }

    @Nested
    class PushDistinctStep {
        private final Step step = new PushDistinct();

        @Test
        void eachMemberAnswersDistinctRows() {
            assertRewrites(step, "(distinct (project (?l) " + P_LABEL + "))",
                    "(distinct (project (?l) (service star:star (distinct (project (?l) (bgp (?p skos:prefLabel ?l)))))))");
        }

        /** ?x is bound above the star, by BIND: the members cannot project it. */
        @Test
        void aDistinctOverAVariableTheStarDoesNotBindStaysAtTheFederator() {
            assertUnchanged(step, "(distinct (project (?x) (extend ((?x 1)) " + P_LABEL + ")))");
        }

        @Test
        void aDistinctOverTwoStarsStaysAtTheFederator() {
            assertUnchanged(step, "(distinct (project (?l) (sequence " + CO_COLLABORATES + P_LABEL + ")))");
        }
    }

    /**
     * Why the star, filter, optional, union, bind-join and aggregate steps share one pass: a union
     * folds into a star of the sequence that a bind join made below it (here the star that reaches
     * the union's subject along {@code cip:operatedBy}, which no link set shows to leave a member).
     * Run one after another, the union step would see the join before the bind-join step made it a
     * sequence, and leave the union at the federator. Once the union is in that star, the label star
     * it reaches along the same member-local link merges with it too: one request per member.
     */
    @Test
    void aUnionFoldsIntoAStarOfTheSequenceABindJoinMadeBelowIt() {
        Op in = op("(join (join (bgp (?p cip:operatedBy ?a)) (bgp (?a skos:prefLabel ?l))) (union (bgp (?a cip:collaboratesWith ?x)) (bgp (?a cip:period ?x))))");
        Op expected = op("(service star:star (join (bgp (?p cip:operatedBy ?a) (?a skos:prefLabel ?l)) (union (bgp (?a cip:collaboratesWith ?x)) (bgp (?a cip:period ?x)))))");
        Op out = Planner.plan(in, catalog);
        assertEquals(expected, out, () -> out.toString(PREFIXES));
        Op apart = in;
        for (Step s : List.of(new StarsFromPatterns(catalog, costs), new UnionsIntoStars(catalog), new BindJoins(costs))) apart = run(List.of(s), apart);
        assertNotEquals(expected, apart, "steps in passes of their own give another plan: " + apart);
    }
}
