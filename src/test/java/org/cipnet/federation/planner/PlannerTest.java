package org.cipnet.federation.planner;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.OpWalker;
import org.apache.jena.sparql.algebra.op.OpLeftJoin;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.graph.GraphFactory;
import org.cipnet.federation.members.MemberCatalog;
import org.junit.jupiter.api.Test;

/**
 * The federation planner ({@link Planner}), algebra in and algebra out: ARQ's algebra of a query (optimised as
 * the engine does) goes in, the planned algebra comes out, and the tests read which stars it sends
 * and what each carries. The members' statistics come from VoID documents written here: two
 * contract members whose link sets say that {@code cip:observedEntity} stays within a member and
 * {@code cip:collaboratesWith} does not.
 */
class PlannerTest {
    private static final String PREFIXES = """
            PREFIX cip: <https://w3id.org/cipnet/ontology#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX time: <http://www.w3.org/2006/time#>
            """;

    private static String voidOf(String id) {
        return voidOf(id, "");
    }

    /** A member's VoID, with {@code more} Turtle (link sets, say) after the shared statistics. */
    private static String voidOf(String id, String more) {
        return """
                @prefix void: <http://rdfs.org/ns/void#> .
                @prefix cip: <https://w3id.org/cipnet/ontology#> .
                @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
                @prefix time: <http://www.w3.org/2006/time#> .
                <#d> a void:Dataset ; void:triples 10000 ; void:uriSpace "https://example.org/%1$s/" ;
                  void:propertyPartition [ void:property cip:observedEntity ; void:triples 40 ] ,
                    [ void:property cip:actorType ; void:triples 40 ] ,
                    [ void:property cip:collaboratesWith ; void:triples 10 ] ,
                    [ void:property cip:period ; void:triples 200 ] ,
                    [ void:property cip:clusterCategory ; void:triples 300 ] ,
                    [ void:property time:hasBeginning ; void:triples 200 ] ,
                    [ void:property time:inXSDgYear ; void:triples 300 ] ,
                    [ void:property skos:prefLabel ; void:triples 3000 ] .
                <#l1> a void:Linkset ; void:subjectsTarget <#d> ; void:objectsTarget <https://example.org/other> ;
                  void:linkPredicate cip:collaboratesWith ; void:triples 4 .
                """.formatted(id) + more;
    }

    private static final MemberCatalog CATALOG = catalog(GraphFactory.createDefaultGraph(), "");

    /** Members a and b with this reference graph at the federator and {@code moreVoid} in each member's VoID. */
    private static MemberCatalog catalog(org.apache.jena.graph.Graph reference, String moreVoid) {
        return TestCatalogs.of(reference, id -> voidOf(id, moreVoid), false); // "do you hold the reference graph?": none does
    }

    /** The planned algebra of a query, as the federation engine makes it. */
    static Op plan(String query) {
        return plan(query, CATALOG);
    }

    private static Op plan(String query, MemberCatalog catalog) {
        return PlanCounts.plan(QueryFactory.create(PREFIXES + query), catalog);
    }

    /** The pushed-down services of a plan, by service IRI, in the order of the plan. */
    static List<OpService> services(Op plan) {
        List<OpService> out = new ArrayList<>();
        OpWalker.walk(plan, new OpVisitorBase() {
            @Override
            public void visit(OpService s) {
                out.add(s);
            }
        });
        return out;
    }

    @Test
    void languageFallbackAboutAnObjectReachedAlongAMemberLocalLinkRunsInsideTheStar() {
        Op plan = plan("""
                SELECT ?co ?name WHERE {
                  ?o cip:observedEntity ?co ; cip:actorType ?t
                  OPTIONAL { ?co skos:prefLabel ?nb FILTER(lang(?nb) = "nb") }
                  OPTIONAL { ?co skos:prefLabel ?en FILTER(lang(?en) = "en") }
                  BIND(COALESCE(?nb, ?en) AS ?name) }""");
        List<OpService> services = services(plan);
        assertEquals(1, services.size(), "one star carries both OPTIONALs: " + plan);
        assertEquals(Markers.STAR, services.get(0).getService(), plan.toString());
        Star star = Star.of(services.get(0).getSubOp());
        assertEquals(2, star.optionals().size(), plan.toString());
        for (Star.Optional o : star.optionals()) assertEquals(1, o.filters().size(), "each OPTIONAL keeps its FILTER: " + plan);
        assertEquals(0, PlanCounts.leftJoins(plan), plan.toString());
    }

    @Test
    void anOptionalWithItsFilterAfterASmallLeftSideIsABoundLeftJoinCarryingTheFilter() {
        Op plan = plan("""
                SELECT ?co ?p ?l WHERE {
                  ?co cip:collaboratesWith ?p
                  OPTIONAL { ?p skos:prefLabel ?l FILTER(lang(?l) = "nb") } }""");
        List<OpService> services = services(plan);
        assertEquals(2, services.size(), plan.toString());
        assertEquals(Markers.OPTIONAL_STAR, services.get(1).getService(), "a bind join keeping unmatched rows: " + plan);
        Star optional = Star.of(services.get(1).getSubOp());
        assertEquals(1, optional.filters().size(), "the FILTER travels with the optional star: " + plan);
        assertEquals(0, PlanCounts.leftJoins(plan), plan.toString());
    }

    @Test
    void anOptionalFilterOverALeftSideVariableStaysAtTheFederator() {
        Op plan = plan("""
                SELECT ?co ?p ?l WHERE {
                  ?co cip:collaboratesWith ?p ; skos:prefLabel ?name
                  OPTIONAL { ?p skos:prefLabel ?l FILTER(?l != ?name) } }""");
        assertTrue(services(plan).stream().noneMatch(s -> s.getService().equals(Markers.OPTIONAL_STAR)), plan.toString());
        assertEquals(1, PlanCounts.leftJoins(plan), "a left join with its filter over both sides, at the federator: " + plan);
    }

    /**
     * Catalogue query 05's shape: an OPTIONAL about the period whose variables another star of the
     * left side also uses, where the period's star does not always bind them, is not folded into it.
     */
    @Test
    void anOptionalSharingAVariableWithAnotherStarIsNotFoldedIntoItsSubjectsStar() {
        Op plan = plan("""
                SELECT * WHERE {
                  ?a cip:period ?i . ?x cip:clusterCategory ?begin
                  OPTIONAL { ?i time:hasBeginning ?begin } }""");
        for (OpService s : services(plan))
            if (s.getService().equals(Markers.STAR))
                assertTrue(Star.of(s.getSubOp()).optionals().isEmpty(), "no star holds the OPTIONAL: " + plan);
    }

    @Test
    void anOptionalAboutTheSubjectOfOneStarOfASequenceRunsInsideThatStar() {
        Op plan = plan("""
                SELECT * WHERE {
                  ?co cip:collaboratesWith ?p . ?p cip:clusterCategory ?c
                  OPTIONAL { ?p skos:prefLabel ?l FILTER(lang(?l) = "en") } }""");
        assertEquals(0, PlanCounts.leftJoins(plan), plan.toString());
        long folded = services(plan).stream().filter(s -> s.getService().equals(Markers.STAR))
                .filter(s -> Star.of(s.getSubOp()).optionals().size() == 1).count();
        assertEquals(1, folded, plan.toString());
    }

    /** Whether some pushed-down star carries a filter that mentions exactly these variables. */
    static boolean starFilters(Op plan, String... vars) {
        java.util.Set<Var> want = new java.util.HashSet<>();
        for (String v : vars) want.add(Var.alloc(v));
        return services(plan).stream().map(s -> Star.of(s.getSubOp())).filter(java.util.Objects::nonNull)
                .anyMatch(star -> star.filters().stream().anyMatch(f -> f.getVarsMentioned().equals(want)));
    }

    /** The plan of {@code query} leaves this many filter expressions at the federator, and some pushed-down star filters on exactly these variables. */
    private static void assertFiltersPlaced(String query, long atTheFederator, String... starVars) {
        Op plan = plan(query);
        assertEquals(atTheFederator, PlanCounts.filters(plan), plan.toString());
        assertTrue(starFilters(plan, starVars), plan.toString());
    }

    /**
     * The bench's two-variable filter: at the end of the group, after an OPTIONAL the star holds.
     * ARQ's own filter placement already puts it on the BGP, which the planner then reads as the
     * star's filter; this guards that path, not the filters left above stars (the MINUS case below).
     */
    @Test
    void aFilterOverTwoVariablesOfAStarHoldingAnOptionalGoesWithTheStar() {
        assertFiltersPlaced("SELECT * WHERE { ?c cip:collaborator ?a , ?b . OPTIONAL { ?c skos:prefLabel ?l } FILTER(STR(?a) < STR(?b)) }", 0, "a", "b");
    }

    /** A filter over one star of a chain (ARQ places it on that star's BGP too; a guard like the one above). */
    @Test
    void aFilterOverOneStarOfAChainGoesWithThatStar() {
        assertFiltersPlaced("SELECT * WHERE { ?co cip:collaboratesWith ?p OPTIONAL { ?p skos:prefLabel ?l } "
                + "?co cip:clusterCategory ?k . FILTER(STR(?co) < STR(?k)) }", 0, "co", "k");
    }

    /**
     * A filter over a variable only the star's OPTIONAL binds, its other variables the star's own,
     * goes into the star's request after its left join: the members send only the rows that pass.
     */
    @Test
    void aFilterOverAnOptionalVariableGoesIntoTheStarAfterItsOptional() {
        Op plan = plan("SELECT * WHERE { ?co cip:collaboratesWith ?p . ?p cip:clusterCategory ?k . OPTIONAL { ?p skos:prefLabel ?l } "
                + "FILTER(STR(?p) < STR(?k)) FILTER(!BOUND(?l) || STR(?l) < STR(?k)) }");
        assertEquals(0, PlanCounts.filters(plan), plan.toString());
        assertTrue(starFilters(plan, "p", "k"), plan.toString());
        assertEquals(List.of(Set.of(Var.alloc("l"), Var.alloc("k"))), filtersAfterOptionals(plan), plan.toString());
    }

    /** ?co is bound outside the star that holds the OPTIONAL: the filter cannot run over that star's rows, and stays. */
    @Test
    void aFilterOverAnOptionalVariableAndAVariableBoundOutsideTheStarStaysAtTheFederator() {
        Op plan = plan("SELECT * WHERE { ?co cip:collaboratesWith ?p . ?p cip:clusterCategory ?k . OPTIONAL { ?p skos:prefLabel ?l } "
                + "FILTER(!BOUND(?l) || STR(?l) < STR(?co)) }");
        assertEquals(1, PlanCounts.filters(plan), plan.toString());
        assertEquals(List.of(), filtersAfterOptionals(plan), plan.toString());
    }

    /** The variables of each filter the plan's stars run after their OPTIONALs. */
    private static List<Set<Var>> filtersAfterOptionals(Op plan) {
        return services(plan).stream().map(s -> Star.of(s.getSubOp())).filter(java.util.Objects::nonNull)
                .flatMap(star -> star.after().stream()).map(e -> e.getVarsMentioned()).toList();
    }

    /**
     * Catalogue query 05's shape: the period's year, written after the OPTIONAL of its beginning,
     * joins the period's star before the OPTIONAL (cip:period stays within a member), and the
     * filter over the beginning follows the left join in the same request: one star, nothing left
     * at the federator.
     */
    @Test
    void aStarAfterAnOptionalJoinsItsStarBeforeTheOptionalWithTheFilterOverTheOptionalVariable() {
        Op plan = plan("""
                SELECT * WHERE {
                  ?a cip:clusterCategory ?k ; cip:period ?i
                  OPTIONAL { ?i time:hasBeginning ?b }
                  ?i time:inXSDgYear ?y
                  FILTER(!BOUND(?b) || STR(?b) <= STR(?y)) }""");
        List<OpService> services = services(plan);
        assertEquals(1, services.size(), plan.toString());
        Star star = Star.of(services.get(0).getSubOp());
        assertEquals(1, star.optionals().size(), plan.toString());
        assertTrue(star.requiredVars().contains(Var.alloc("y")), "the later star joins before the OPTIONAL: " + plan);
        assertEquals(List.of(Set.of(Var.alloc("b"), Var.alloc("y"))), filtersAfterOptionals(plan), plan.toString());
        assertEquals(0, PlanCounts.filters(plan) + PlanCounts.leftJoins(plan), plan.toString());
    }

    /** ARQ's filter placement leaves a filter above a MINUS: it goes into the star on the MINUS's left. */
    @Test
    void aFilterAboveAMinusGoesWithTheStarOnItsLeft() {
        assertFiltersPlaced("SELECT * WHERE { ?c cip:collaborator ?a , ?b . MINUS { ?c skos:prefLabel ?l } FILTER(STR(?a) < STR(?b)) }", 0, "a", "b");
    }

    /** The bench's union-about-subject: both branches are about the star's subject, so the union runs in its request. */
    @Test
    void aUnionAboutAStarsSubjectRunsInsideTheStarsRequest() {
        Op plan = plan("SELECT ?co ?x WHERE { ?co a cip:ClusterOrganisation ; cip:clusterCategory ?k . "
                + "{ ?co cip:collaboratesWith ?x } UNION { ?co cip:period ?x } UNION { ?co skos:prefLabel ?x } }");
        assertEquals(0, PlanCounts.unions(plan), plan.toString());
        List<OpService> services = services(plan);
        assertEquals(1, services.size(), plan.toString());
        Star star = Star.of(services.get(0).getSubOp());
        assertEquals(1, star.unions().size(), plan.toString());
        assertEquals(3, star.unions().get(0).branches().size(), plan.toString());
    }

    @Test
    void aUnionWithABranchAboutAnotherSubjectIsInNoStar() {
        Op plan = plan("SELECT ?co ?x WHERE { ?co a cip:ClusterOrganisation ; cip:collaboratesWith ?p . "
                + "{ ?co cip:period ?x } UNION { ?p skos:prefLabel ?x } }");
        assertUnionApart(plan);
    }

    /** The union is not inside any star's request: it is at the federator or a union of stars of its own. */
    private static void assertUnionApart(Op plan) {
        long inStars = services(plan).stream().filter(s -> s.getService().equals(Markers.STAR))
                .filter(s -> !Star.of(s.getSubOp()).unions().isEmpty()).count();
        assertEquals(0, inStars, plan.toString());
        long apart = services(plan).stream().filter(s -> s.getService().equals(Markers.STARS)).count();
        assertEquals(1, PlanCounts.unions(plan) + apart, plan.toString());
    }

    /**
     * Catalogue query 08's shape: a union whose branches are stars about different subjects, which
     * no star can take, is one service of its own: asked without join values, one request per
     * member with both branches, instead of one per branch.
     */
    @Test
    void aUnionOfStarsAboutDifferentSubjectsIsOneServiceOfItsOwn() {
        Op plan = plan("SELECT ?from ?to WHERE { { ?a cip:collaboratesWith ?b } UNION { ?c cip:observedEntity ?a ; cip:actorType ?b } "
                + "?a skos:prefLabel ?from . ?b skos:prefLabel ?to }");
        assertEquals(0, PlanCounts.unions(plan), plan.toString());
        List<OpService> stars = services(plan).stream().filter(s -> s.getService().equals(Markers.STARS)).toList();
        assertEquals(1, stars.size(), plan.toString());
        assertEquals(2, StarUnion.branches(stars.get(0)).size(), plan.toString());
    }

    /** A union that no join sees (the whole query, under a filter) is one service, its nested unions flattened into it. */
    @Test
    void aUnionNoJoinSeesIsOneServiceWithEveryBranch() {
        Op plan = plan("SELECT ?s ?l ?k WHERE { { ?s skos:prefLabel ?l } UNION { ?s skos:altLabel ?l } UNION { ?s cip:clusterCategory ?k } FILTER(bound(?s)) }");
        assertEquals(0, PlanCounts.unions(plan), plan.toString());
        List<OpService> stars = services(plan).stream().filter(s -> s.getService().equals(Markers.STARS)).toList();
        assertEquals(1, stars.size(), plan.toString());
        assertEquals(3, StarUnion.branches(stars.get(0)).size(), plan.toString());
    }

    /**
     * A query-level VALUES block, which ARQ joins after the pattern, binds the stars as one given
     * first does: the star is asked for the values only, and into each branch of a union, where a
     * branch's BIND sets a variable the block does not bind.
     */
    @Test
    void aValuesBlockAfterThePatternBindsTheStars() {
        String values = " VALUES ?co { <https://example.org/a/c1> <https://example.org/b/c2> }";
        Op star = plan("SELECT * WHERE { ?co cip:clusterCategory ?k ; skos:prefLabel ?l }" + values);
        assertValuesFirst(star);
        Op union = plan("SELECT * WHERE { { ?co cip:clusterCategory ?k } UNION { ?x cip:observedEntity ?co ; cip:actorType ?k } "
                + "UNION { ?co cip:collaboratesWith ?p BIND(\"link\" AS ?how) . ?p skos:prefLabel ?k } }" + values);
        assertValuesFirst(union);
        assertEquals(0, PlanCounts.atTheFederator(union, o -> o instanceof org.apache.jena.sparql.algebra.op.OpJoin ? 1 : 0), union.toString());
    }

    /**
     * Every pushed-down service of the plan gets input rows: it follows another element of a
     * sequence (a VALUES table, a BIND over a star that follows one); none is asked without them.
     */
    private static void assertValuesFirst(Op plan) {
        List<OpService> all = services(plan);
        assertFalse(all.isEmpty(), plan.toString());
        long[] bound = {0};
        OpWalker.walk(plan, new OpVisitorBase() {
            @Override
            public void visit(org.apache.jena.sparql.algebra.op.OpSequence seq) {
                bound[0] += seq.getElements().stream().skip(1).filter(e -> e instanceof OpService).count();
            }
        });
        assertEquals(all.size(), bound[0], plan.toString());
        assertTrue(plan.toString().contains("(table (vars ?co)"), plan.toString());
    }

    /** A union with a branch that is no star (a join across members) stays ARQ's union: the stars of it are asked one by one. */
    @Test
    void aUnionWithABranchThatIsNoStarStaysAUnion() {
        Op plan = plan("SELECT * WHERE { { ?s skos:prefLabel ?l } UNION { ?s cip:collaboratesWith ?p . ?p skos:prefLabel ?l } }");
        assertEquals(1, PlanCounts.unions(plan), plan.toString());
        assertTrue(services(plan).stream().noneMatch(s -> s.getService().equals(Markers.STARS)), plan.toString());
    }

    /**
     * A union branch sharing a variable with an OPTIONAL that the union's star does not bind is not
     * folded into it: the OPTIONAL would see the union's variable earlier than in the query.
     */
    @Test
    void aUnionSharingAVariableWithAnOptionalIsNotFoldedIntoItsSubjectsStar() {
        Op plan = plan("SELECT * WHERE { ?co cip:clusterCategory ?k OPTIONAL { ?co cip:period ?x } "
                + "{ ?co cip:collaboratesWith ?x } UNION { ?co skos:prefLabel ?x } }");
        assertUnionApart(plan);
    }

    /**
     * Among stars only joined, a union about one star's subject goes into that star even where it
     * shares a variable with another star: a join of joins is the same in any grouping.
     */
    @Test
    void aUnionSharingAVariableWithAnotherJoinedStarIsFoldedIntoItsSubjectsStar() {
        Op plan = plan("SELECT * WHERE { ?co cip:clusterCategory ?k . ?y cip:period ?x . "
                + "{ ?co cip:collaboratesWith ?x } UNION { ?co skos:prefLabel ?x } }");
        assertEquals(0, PlanCounts.unions(plan), plan.toString());
        assertEquals(1, services(plan).stream().filter(s -> Star.of(s.getSubOp()).unions().size() == 1).count(), plan.toString());
    }

    /** Catalogue query 13's shape over this test's predicates: branches that say which link a row came by. */
    private static final String ROLES = "SELECT ?co ?role ?t WHERE { { ?o cip:observedEntity ?co BIND(\"observes\" AS ?role) } "
            + "UNION { ?o %s ?co BIND(\"other\" AS ?role) } ?o cip:period ?i . ?co skos:prefLabel ?t FILTER(lang(?t) = \"en\") }";

    /**
     * Catalogue query 13's shape: a union whose branches bind a constant joins the star about their
     * subject inside its request, and the star about the object every branch reaches along a
     * member-local link joins each branch there too — one star, nothing left at the federator.
     */
    @Test
    void aUnionWithConstantBindsAndTheStarItReachesRunInOneStar() {
        Op plan = plan(ROLES.formatted("cip:actorType"));
        List<OpService> services = services(plan);
        assertEquals(1, services.size(), plan.toString());
        assertEquals(0, PlanCounts.unions(plan), plan.toString());
        assertEquals(0, PlanCounts.atTheFederator(plan, o -> o instanceof org.apache.jena.sparql.algebra.op.OpExtend ? 1 : 0), "the binds are inside the star: " + plan);
        Star star = Star.of(services.get(0).getSubOp());
        assertEquals(1, star.unions().size(), plan.toString());
        assertTrue(services.get(0).getSubOp() instanceof org.apache.jena.sparql.algebra.op.OpJoin j
                && j.getLeft() instanceof org.apache.jena.sparql.algebra.op.OpUnion, "the branches' rows drive the member's join: " + plan);
        for (Star.Branch b : star.unions().get(0).branches()) {
            assertEquals(java.util.Set.of(Var.alloc("role")), b.binds().keySet(), plan.toString());
            assertEquals(2, b.triples().size(), "the branch's link and the label of what it reaches: " + plan);
            assertEquals(1, b.filters().size(), "the label's filter with it: " + plan);
        }
    }

    /** A branch whose link crosses members (cip:collaboratesWith): the star about its object stays a star of its own. */
    @Test
    void aStarReachedAlongALinkThatCrossesMembersIsNotJoinedIntoTheBranches() {
        Op plan = plan(ROLES.formatted("cip:collaboratesWith"));
        assertEquals(0, PlanCounts.unions(plan), "the union is still in the star about its subject: " + plan);
        assertEquals(2, services(plan).size(), plan.toString());
    }

    /**
     * With a plain member (no URI space: it may hold triples about anyone's subjects), no link is
     * member-local, so the star reached from the branches stays apart.
     */
    @Test
    void withAPlainMemberTheStarReachedFromTheBranchesStaysApart() {
        MemberCatalog withPlain = TestCatalogs.of(GraphFactory.createDefaultGraph(), id -> voidOf(id, ""), false,
                List.of(org.cipnet.federation.members.Member.plain("c", "http://127.0.0.1:9/c/sparql")));
        Op plan = plan(ROLES.formatted("cip:actorType"), withPlain);
        assertEquals(2, services(plan).size(), plan.toString());
    }

    /**
     * The date form of ontology/MODEL.md: the alternatives about the beginning, which the period's
     * star reaches along a member-local predicate, run as a union inside that star's request, with
     * the filter on the date in each branch.
     */
    @Test
    void dateAlternativesRunAsAUnionInsideTheStarThatReachesThem() {
        Op plan = plan("SELECT ?a ?year WHERE { ?a cip:period ?i . "
                + "?i time:hasBeginning/(time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear) ?year FILTER(STR(?year) = \"2010\") }");
        assertEquals(0, PlanCounts.unions(plan), plan.toString());
        assertEquals(0, PlanCounts.filters(plan), plan.toString());
        assertFalse(plan.toString().contains("(path"), plan.toString());
        List<OpService> services = services(plan);
        assertEquals(1, services.size(), plan.toString());
        Star star = Star.of(services.get(0).getSubOp());
        assertEquals(3, star.unions().get(0).branches().size(), plan.toString());
        for (Star.Branch b : star.unions().get(0).branches()) assertEquals(1, b.filters().size(), plan.toString());
    }

    /** Alternatives nothing reaches stay ARQ's path: as a union of stars in a sequence, they would be asked once per row. */
    @Test
    void alternativesThatJoinNoStarStayAPath() {
        Op plan = plan("SELECT * WHERE { ?a cip:collaboratesWith ?i . ?i time:inXSDDate|time:inXSDgYear ?year }");
        assertTrue(plan.toString().contains("(path"), plan.toString());
        assertEquals(0, PlanCounts.unions(plan), plan.toString());
    }

    /** The bench's date-alternatives question: participations, their periods' beginnings, the date form's alternatives. */
    private static final String DATE_ALTERNATIVES = "SELECT ?co ?level ?year WHERE { ?p cip:participant ?co ; cip:level ?level ; cip:period ?i . "
            + "?i time:hasBeginning/(time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear) ?year FILTER(STR(?year) = \"2010\") }";

    /** A reference graph like cipnet's: a programme level whose period and beginning are blank nodes. */
    private static org.apache.jena.graph.Graph referenceWithLevelPeriods() {
        return org.apache.jena.riot.RDFParser.fromString(PREFIXES.replace("PREFIX ", "@prefix ").replace(">\n", "> .\n") + """
                <https://w3id.org/cipnet/vocab/programme-level/x> cip:period [ time:hasBeginning [ time:inXSDgYear "2002" ] ] .
                """, org.apache.jena.riot.Lang.TURTLE).toGraph();
    }

    /**
     * The reference graph uses cip:period and time:hasBeginning too (a programme level's period), but
     * with blank-node objects, which only the reference graph describes: the members' periods are
     * still member-local, so the participation star, its period's beginning and the date
     * alternatives (the sequence path, cut by ARQ into a step and the alternatives) are one star
     * with the alternatives as a union inside it, the filter in each branch.
     */
    @Test
    void dateAlternativesFoldAlongLinksTheReferenceGraphUsesWithinItself() {
        Op plan = plan(DATE_ALTERNATIVES, catalog(referenceWithLevelPeriods(), ""));
        assertFalse(plan.toString().contains("(path"), plan.toString());
        assertEquals(0, PlanCounts.unions(plan), plan.toString());
        assertEquals(0, PlanCounts.filters(plan), plan.toString());
        List<OpService> services = services(plan);
        assertEquals(1, services.size(), plan.toString());
        Star star = Star.of(services.get(0).getSubOp());
        assertEquals(4, star.triples().size(), "participant, level, period and the period's beginning: " + plan);
        assertEquals(1, star.unions().size(), plan.toString());
        assertEquals(3, star.unions().get(0).branches().size(), plan.toString());
        for (Star.Branch b : star.unions().get(0).branches()) assertEquals(1, b.filters().size(), plan.toString());
    }

    /**
     * A reference graph whose cip:period points into a member's space: a join along cip:period could
     * cross from the reference graph to that member, so the period's beginning is not joined inside
     * the participation star's request.
     */
    @Test
    void aReferenceLinkIntoAMembersSpaceKeepsTheJoinApart() {
        var reference = referenceWithLevelPeriods();
        reference.add(org.apache.jena.graph.NodeFactory.createURI("https://w3id.org/cipnet/vocab/programme-level/y"),
                org.apache.jena.graph.NodeFactory.createURI("https://w3id.org/cipnet/ontology#period"),
                org.apache.jena.graph.NodeFactory.createURI("https://example.org/b/period/1"));
        assertPeriodsNotJoined(plan(DATE_ALTERNATIVES, catalog(reference, "")));
    }

    /** Members whose link sets count cip:period objects described in the reference graph: no fold either. */
    @Test
    void membersLinksIntoTheReferenceGraphKeepTheJoinApart() {
        String intoReference = """
                <#l2> a void:Linkset ; void:subjectsTarget <#d> ; void:objectsTarget <https://w3id.org/cipnet/graph/reference> ;
                  void:linkPredicate cip:period ; void:triples 3 .
                """;
        assertPeriodsNotJoined(plan(DATE_ALTERNATIVES, catalog(referenceWithLevelPeriods(), intoReference)));
    }

    private static void assertPeriodsNotJoined(Op plan) {
        for (OpService s : services(plan)) {
            Star star = Star.of(s.getSubOp());
            if (star == null) continue;
            boolean period = star.triples().stream().anyMatch(t -> t.getPredicate().getURI().endsWith("#period"));
            boolean beginning = star.triples().stream().anyMatch(t -> t.getPredicate().getURI().endsWith("#hasBeginning"));
            assertFalse(period && beginning, "the period's beginning is not in the participation star: " + plan);
        }
        assertTrue(services(plan).size() > 1, plan.toString());
    }
}
