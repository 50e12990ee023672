package org.cipnet.federation;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.cipnet.testing.Http;
import org.cipnet.testing.TestNetwork;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Over the shipped graphs on real nodes: what the link sets show to be member-local runs at the
 * members as one request each, and still gives the single-store answer.
 */
class MemberLocalPushdownTest {
    static final String PREFIX = "PREFIX cip: <https://w3id.org/cipnet/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ";

    private static com.fasterxml.jackson.databind.JsonNode explain(String q) throws Exception {
        Http.query(TestNetwork.get().federator.sparqlUrl(), q, "application/sparql-results+json"); // load member statistics
        return explainFirstRun(q);
    }

    /** The explain of the query's own run, with whatever statistics and probe answers the federator holds. */
    private static com.fasterxml.jackson.databind.JsonNode explainFirstRun(String q) throws Exception {
        var r = Http.get(TestNetwork.get().federator.sparqlUrl() + "?explain=true&query=" + URLEncoder.encode(q, StandardCharsets.UTF_8), "Accept", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        return new ObjectMapper().readTree(r.body());
    }

    private static long membersHolding(String predicate) {
        return idsHolding(predicate).size();
    }

    /** The members (by id) whose graphs use the predicate. */
    private static java.util.Set<String> idsHolding(String predicate) {
        var p = org.apache.jena.graph.NodeFactory.createURI(predicate);
        return TestNetwork.get().nodes.stream().filter(n -> n.store().current().contains(org.apache.jena.graph.Node.ANY, p, org.apache.jena.graph.Node.ANY))
                .map(n -> n.country()).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The pattern of the pushed-down group that mentions {@code containing}; fails when there is none. */
    private static String pushedPattern(com.fasterxml.jackson.databind.JsonNode e, String containing) {
        for (var s : e.get("pushedDown")) if (s.get("pattern").asText().contains(containing)) return s.get("pattern").asText();
        return fail("no pushed-down group with " + containing + ": " + e.get("pushedDown"));
    }

    private static void assertPlanHas(com.fasterxml.jackson.databind.JsonNode e, String service) {
        assertTrue(e.get("plan").asText().contains(service), e.get("plan").asText());
    }

    /** How many of the requests sent mention any of these texts. */
    private static long requestsMentioning(com.fasterxml.jackson.databind.JsonNode e, String... texts) {
        return requests(e, r -> java.util.Arrays.stream(texts).anyMatch(r::contains));
    }

    /** How many of the requests sent are as {@code which} says. */
    private static long requests(com.fasterxml.jackson.databind.JsonNode e, java.util.function.Predicate<String> which) {
        long n = 0;
        for (var r : e.get("requestsSent")) if (which.test(r.asText())) n++;
        return n;
    }

    private static void assertSameAsOneStore(String q) throws Exception {
        var same = ResultCompare.compare(TestNetwork.get().federator.sparqlUrl(), TestNetwork.get().central, q);
        assertTrue(same.same(), same.federated() + "\n vs \n" + same.central());
    }

    @Test
    void aJoinAlongAMemberLocalLinkIsOneRequestPerRelevantMember() throws Exception {
        String q = PREFIX + "SELECT ?co ?level WHERE { ?co cip:hasLabelAward ?a . ?a cip:labelLevel ?level }";
        var e = explain(q);
        assertEquals(1, e.get("pushedDown").size(), "one pushed-down group: " + e.get("pushedDown"));
        long relevant = membersHolding("https://w3id.org/cipnet/ontology#hasLabelAward");
        assertEquals(relevant, e.get("requests").asLong(), e.toPrettyString());
        assertSameAsOneStore(q);
    }

    @Test
    void aCountPerCountryMovesPartialCountsNotRows() throws Exception {
        String q = PREFIX + "SELECT ?country (COUNT(?co) AS ?n) WHERE { ?co a cip:ClusterOrganisation ; cip:country ?country } GROUP BY ?country";
        var e = explain(q);
        long rows = 0;
        for (var m : e.get("members")) rows += m.get("rows").asLong();
        assertTrue(e.get("plan").asText().contains("urn:cipnet:aggregate"));
        assertTrue(rows <= TestNetwork.get().nodes.size(), "at most one partial count per member, got " + rows);
        assertSameAsOneStore(q);
    }

    @Test
    void aStarAfterAUnionIsBoundByTheUnionsRows() throws Exception {
        String q = PREFIX + "SELECT ?agency ?p WHERE { { ?p cip:operatedBy ?a } UNION { ?p cip:fundedBy ?a } "
                + "?a skos:prefLabel ?agency FILTER(langMatches(lang(?agency), 'en')) }";
        var e = explain(q);
        for (var r : e.get("requestsSent"))
            if (r.asText().contains("prefLabel")) {
                assertTrue(r.asText().contains("VALUES"), "the label star is a bind join on ?a: " + r.asText());
                assertTrue(r.asText().contains("FILTER langMatches"), "the filter travels with its star: " + r.asText());
            }
        assertSameAsOneStore(q);
    }

    @Test
    void anOptionalStarAfterASmallLeftSideIsABindJoinThatKeepsUnmatchedRows() throws Exception {
        // collaboratesWith crosses members (link sets say so): the partner's labels are asked of its owner, bound.
        String q = PREFIX + "SELECT ?co ?partner ?l WHERE { ?co cip:collaboratesWith ?partner OPTIONAL { ?partner skos:prefLabel ?l } }";
        var e = explain(q);
        assertPlanHas(e, "urn:cipnet:optional-star");
        for (var r : e.get("requestsSent"))
            if (r.asText().contains("prefLabel")) assertTrue(r.asText().contains("VALUES"), "bound by the partners: " + r.asText());
        assertSameAsOneStore(q);
    }

    /**
     * The language-fallback pattern after a small left side: the OPTIONAL's FILTER goes with the
     * bound optional star, so each member returns only the labels in that language.
     */
    @Test
    void anOptionalWithItsFilterIsABoundLeftJoinThatCarriesTheFilter() throws Exception {
        String q = PREFIX + "SELECT ?co ?partner ?l WHERE { ?co cip:collaboratesWith ?partner "
                + "OPTIONAL { ?partner skos:prefLabel ?l FILTER(lang(?l) = \"en\") } }";
        var e = explain(q);
        assertPlanHas(e, "urn:cipnet:optional-star");
        String optional = pushedPattern(e, "prefLabel");
        assertTrue(optional.contains("lang"), "with its filter: " + optional);
        assertFalse(e.get("plan").asText().contains("(leftjoin"), "no left join left at the federator: " + e.get("plan").asText());
        assertSameAsOneStore(q);
    }

    /**
     * The language fallback about an object reached along a member-local link (a participation's
     * cluster): both OPTIONALs, with their FILTERs, run inside the participation star's request —
     * one request per member holding participations, nothing else.
     */
    @Test
    void aLanguageFallbackAboutAMemberLocalObjectRunsInsideTheStarsRequest() throws Exception {
        String q = PREFIX + "SELECT ?p ?name WHERE { ?p cip:participant ?co ; cip:level ?level "
                + "OPTIONAL { ?co skos:prefLabel ?nb FILTER(lang(?nb) = \"nb\") } OPTIONAL { ?co skos:prefLabel ?en FILTER(lang(?en) = \"en\") } "
                + "BIND(COALESCE(?nb, ?en) AS ?name) }";
        var e = explain(q);
        assertEquals(1, e.get("pushedDown").size(), "one pushed-down group: " + e.get("pushedDown"));
        assertEquals(membersHolding("https://w3id.org/cipnet/ontology#participant"), e.get("requests").asLong(), e.toPrettyString());
        assertSameAsOneStore(q);
    }

    /** A FILTER over two variables of one star, which ARQ leaves above a MINUS, travels with that star. */
    @Test
    void aFilterOverTwoVariablesOfAStarAboveAMinusGoesWithTheStar() throws Exception {
        String q = PREFIX + "SELECT ?co ?partner WHERE { ?co cip:collaboratesWith ?partner MINUS { ?co cip:clusterCategory ?k } "
                + "FILTER(STR(?co) < STR(?partner)) }";
        var e = explain(q);
        String star = pushedPattern(e, "collaboratesWith");
        assertTrue(star.contains("(filter"), "the filter is inside the pushed-down star: " + star);
        var plan = org.apache.jena.sparql.sse.SSE.parseOp(e.get("plan").asText());
        assertEquals(0, org.cipnet.federation.planner.PlanCounts.filters(plan), "no filter left at the federator: " + plan);
        assertSameAsOneStore(q);
    }

    /**
     * UNION branches, or a path of alternatives (a union of one star per predicate), about a star's
     * subject run inside the star's request: one request per member holding the star.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"{ ?co cip:collaboratesWith ?x } UNION { ?co cip:industrialEcosystem ?x }",
            "?co cip:collaboratesWith|cip:industrialEcosystem ?x"})
    void branchesAboutAStarsSubjectRunInsideTheStarsRequest(String about) throws Exception {
        String q = PREFIX + "SELECT ?co ?x WHERE { ?co a cip:ClusterOrganisation ; cip:clusterCategory ?cat . " + about + " }";
        var e = explain(q);
        assertEquals(1, e.get("pushedDown").size(), "one pushed-down group: " + e.get("pushedDown"));
        assertTrue(pushedPattern(e, "clusterCategory").contains("(union"), "the branches are in the star's request: " + e.toPrettyString());
        long holding = membersHolding("https://w3id.org/cipnet/ontology#clusterCategory");
        assertTrue(e.get("requests").asLong() <= holding, "at most one request per member holding the star: " + e.toPrettyString());
        assertSameAsOneStore(q);
    }

    private static long membersHoldingAll(String... predicates) {
        return TestNetwork.get().nodes.stream().filter(n -> java.util.Arrays.stream(predicates).allMatch(p -> n.store().current()
                .contains(org.apache.jena.graph.Node.ANY, org.apache.jena.graph.NodeFactory.createURI(p), org.apache.jena.graph.Node.ANY))).count();
    }

    /**
     * The date form of ontology/MODEL.md about a participation's period: the reference graph uses
     * cip:period and time:hasBeginning too (a programme level's period), but only towards its own
     * blank nodes, so the participation, its period, the period's beginning and the three date
     * alternatives are one request per member holding them.
     */
    @Test
    void dateAlternativesAboutAParticipationsPeriodAreOneRequestPerMember() throws Exception {
        String q = PREFIX + "PREFIX time: <http://www.w3.org/2006/time#> SELECT ?co ?level ?year WHERE { ?p cip:participant ?co ; cip:level ?level ; "
                + "cip:period ?i . ?i time:hasBeginning/(time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear) ?year FILTER(STR(?year) >= \"2010\") }";
        var e = explain(q);
        assertEquals(1, e.get("pushedDown").size(), "one pushed-down group: " + e.get("pushedDown"));
        assertFalse(e.get("plan").asText().contains("(path"), "the path is in the star's request: " + e.get("plan").asText());
        long holding = membersHoldingAll("https://w3id.org/cipnet/ontology#participant", "https://w3id.org/cipnet/ontology#level",
                "https://w3id.org/cipnet/ontology#period", "http://www.w3.org/2006/time#hasBeginning");
        assertTrue(holding > 0, "the shipped data has participations with periods");
        assertEquals(holding, e.get("requests").asLong(), e.toPrettyString());
        assertSameAsOneStore(q);
    }

    /**
     * A join along cip:period that the reference graph's programme levels match as well as the
     * members' participations and awards: the reference graph's matches come from the federator's
     * own evaluation of the same star, the members' from theirs — the single-store answer, both kinds in it.
     */
    @Test
    void aJoinAlongPeriodsFindsTheReferenceGraphsAndTheMembers() throws Exception {
        String q = PREFIX + "PREFIX time: <http://www.w3.org/2006/time#> SELECT ?x ?since WHERE { ?x cip:period ?i . "
                + "?i time:hasBeginning/(time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear) ?since }";
        var same = ResultCompare.compare(TestNetwork.get().federator.sparqlUrl(), TestNetwork.get().central, q);
        assertTrue(same.same(), same.federated() + "\n vs \n" + same.central());
        assertTrue(same.federated().contains("https://w3id.org/cipnet/vocab/programme-level/"), "programme levels' periods: " + same.federated());
        assertTrue(same.federated().contains("https://w3id.org/cipnet/no/"), "members' periods: " + same.federated());
    }

    /**
     * Catalogue query 08: the labels and countries of both ends of a collaboration are the same star
     * under other variable names, asked without join values: one request per member answers both.
     */
    @Test
    void twoStarsThatDifferOnlyInTheirVariablesAreOneRequestPerMember() throws Exception {
        String q = java.nio.file.Files.readString(org.cipnet.rdf.ProjectFiles.locate().queries().resolve("08-cross-border-collaborations.rq"));
        var e = explain(q);
        long labelled = membersHoldingAll("http://www.w3.org/2004/02/skos/core#prefLabel", "https://w3id.org/cipnet/ontology#country");
        assertTrue(labelled > 0, "the shipped data has labelled organisations");
        assertEquals(labelled, requestsMentioning(e, "prefLabel"), "one label request per member, for both ends: " + e.get("requestsSent"));
        assertSameAsOneStore(q);
    }

    /** Whether every object of this predicate at every node is in that node's own space or in none (the premise of a member-local link). */
    private static boolean staysWithinItsMember(String predicate) {
        var p = org.apache.jena.graph.NodeFactory.createURI(predicate);
        for (var n : TestNetwork.get().nodes) {
            var it = n.store().current().find(org.apache.jena.graph.Node.ANY, p, org.apache.jena.graph.Node.ANY);
            while (it.hasNext()) {
                var o = it.next().getObject();
                String owner = o.isURI() ? org.cipnet.vocab.CIP.memberOf(o.getURI()) : null;
                if (owner != null && !owner.equals(n.country())) return false;
            }
        }
        return true;
    }

    /**
     * Catalogue query 13: the union whose branches bind the agency's role joins the programme's
     * label star inside its request, and since the shipped data's cip:operatedBy and cip:fundedBy
     * stay within their member, the agency's labels join each branch there too: one request per
     * member holding labels, where the union, the programme labels and the agency labels were three
     * rounds (two requests per member even with the labels shared).
     */
    @Test
    void aUnionWhoseBranchesBindTheRoleRunsWithBothLabelStarsInOneRequestPerMember() throws Exception {
        assertTrue(staysWithinItsMember("https://w3id.org/cipnet/ontology#operatedBy"), "the premise: operatedBy is member-local here");
        assertTrue(staysWithinItsMember("https://w3id.org/cipnet/ontology#fundedBy"), "the premise: fundedBy is member-local here");
        String q = java.nio.file.Files.readString(org.cipnet.rdf.ProjectFiles.locate().queries().resolve("13-programmes-per-agency.rq"));
        var e = explain(q);
        assertEquals(1, e.get("pushedDown").size(), "one pushed-down group: " + e.get("pushedDown"));
        var plan = org.apache.jena.sparql.sse.SSE.parseOp(e.get("plan").asText());
        assertEquals(0, org.cipnet.federation.planner.PlanCounts.unions(plan), "no union left at the federator: " + plan);
        assertEquals(membersHolding("http://www.w3.org/2004/02/skos/core#prefLabel"), e.get("requests").asLong(), e.toPrettyString());
        assertSameAsOneStore(q);
    }

    /**
     * The same shape along cip:collaboratesWith, which crosses members (and cip:industrialEcosystem,
     * which leads into the reference graph): the union still runs inside the organisation's star,
     * but the labels of what the branches reach are a star of their own, and the answer is the
     * single store's.
     */
    @Test
    void aUnionWithBindsAlongALinkThatCrossesMembersKeepsTheReachedStarApart() throws Exception {
        assertFalse(staysWithinItsMember("https://w3id.org/cipnet/ontology#collaboratesWith"), "the premise: collaborations cross members here");
        String q = PREFIX + "SELECT ?co ?how ?l WHERE { { ?co cip:collaboratesWith ?x BIND(\"collaborates\" AS ?how) } "
                + "UNION { ?co cip:industrialEcosystem ?x BIND(\"ecosystem\" AS ?how) } ?co cip:country ?c . ?x skos:prefLabel ?l FILTER(langMatches(lang(?l), \"en\")) }";
        var e = explain(q);
        var plan = org.apache.jena.sparql.sse.SSE.parseOp(e.get("plan").asText());
        assertEquals(0, org.cipnet.federation.planner.PlanCounts.unions(plan), "the union is in the organisation's star: " + plan);
        assertEquals(2, e.get("pushedDown").size(), "the label star apart: " + e.get("pushedDown"));
        assertSameAsOneStore(q);
    }

    /**
     * Catalogue query 08: its union's branches are stars about different subjects (an organisation's
     * direct links, a collaboration record), which no star can take; the union is still one request
     * per member holding either branch's data, where it was one per branch.
     */
    @Test
    void aUnionOfStarsAboutDifferentSubjectsIsOneRequestPerMember() throws Exception {
        String with = "https://w3id.org/cipnet/ontology#collaboratesWith", by = "https://w3id.org/cipnet/ontology#collaborator";
        assertTrue(membersHoldingAll(with, by) > 0, "the premise: some member holds both kinds of collaboration");
        String q = java.nio.file.Files.readString(org.cipnet.rdf.ProjectFiles.locate().queries().resolve("08-cross-border-collaborations.rq"));
        var e = explain(q);
        long holding = membersHolding(with) + membersHolding(by) - membersHoldingAll(with, by);
        assertEquals(holding, requestsMentioning(e, "collaboratesWith", "#collaborator>"), "one request per member holding either branch: " + e.get("requestsSent"));
        assertSameAsOneStore(q);
    }

    /**
     * The web front's label read: the whole query a union of single patterns, which no join sees.
     * One request per member holding any of the three predicates, where it was one per branch per
     * member (36 over the demo's 12 members).
     */
    @Test
    void aUnionThatIsTheWholeQueryIsOneRequestPerMember() throws Exception {
        String skos = "http://www.w3.org/2004/02/skos/core#";
        String q = PREFIX + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?s ?l ?r ?a WHERE { "
                + "{ ?s skos:prefLabel ?l } UNION { ?s rdfs:label ?r } UNION { ?s skos:altLabel ?a } }";
        var e = explain(q);
        var holding = new java.util.TreeSet<>(idsHolding(skos + "prefLabel"));
        holding.addAll(idsHolding("http://www.w3.org/2000/01/rdf-schema#label"));
        holding.addAll(idsHolding(skos + "altLabel"));
        assertTrue(holding.size() > 1, "the premise: several members hold labels");
        assertPlanHas(e, "urn:cipnet:stars");
        assertEquals(holding.size(), e.get("requests").asLong(), "one request per member holding labels: " + e.get("requestsSent"));
        assertSameAsOneStore(q);
        assertSameAsOneStore(PREFIX + "SELECT DISTINCT ?l WHERE { { ?s skos:prefLabel ?l } UNION { ?s skos:altLabel ?l } FILTER(lang(?l) = \"en\") }");
    }

    /**
     * A VALUES block after the pattern (as the web front reads profiles ahead) goes with every
     * request, into each branch of the union, also where the bound variable is an object reached
     * through alternatives folded into the star ({@code cip:participant|cip:observedEntity}).
     */
    @Test
    void aValuesBlockAfterTheUnionGoesWithEveryRequest() throws Exception {
        var rows = new ObjectMapper().readTree(Http.query(TestNetwork.get().federator.sparqlUrl(),
                PREFIX + "SELECT ?co WHERE { ?x cip:participant ?co } ORDER BY ?co LIMIT 2", "application/sparql-results+json").body())
                .get("results").get("bindings");
        assertEquals(2, rows.size(), rows.toString());
        String values = " VALUES ?co { <" + rows.get(0).get("co").get("value").asText() + "> <" + rows.get(1).get("co").get("value").asText() + "> }";
        String q = PREFIX + "SELECT * WHERE { { ?co skos:prefLabel ?l } UNION { ?x cip:participant|cip:observedEntity ?co ; ?xp ?xo } }" + values;
        var e = explain(q);
        assertTrue(e.get("requests").asLong() > 0, e.toPrettyString());
        assertEquals(e.get("requests").asLong(), requestsMentioning(e, "VALUES"), "every request carries the values: " + e.get("requestsSent"));
        assertSameAsOneStore(q);
    }

    /**
     * A VALUES block of two members' organisations after a union about them (their labels, and the
     * participations naming them along a member-local predicate): each owner is asked once for both
     * branches, not once per branch.
     */
    @Test
    void aValuesBlockAfterAUnionAboutItAsksEachOwnerOnceForAllBranches() throws Exception {
        var rows = new ObjectMapper().readTree(Http.query(TestNetwork.get().federator.sparqlUrl(),
                PREFIX + "SELECT DISTINCT ?co WHERE { ?x cip:participant ?co } ORDER BY ?co", "application/sparql-results+json").body())
                .get("results").get("bindings");
        var byMember = new java.util.TreeMap<String, String>();
        for (var r : rows) {
            String co = r.get("co").get("value").asText();
            byMember.putIfAbsent(co.replaceFirst("^(https://w3id\\.org/cipnet/[^/]+/).*", "$1"), co);
        }
        assertTrue(byMember.size() >= 2, "the premise: organisations of two members take part in something " + byMember);
        var two = byMember.values().stream().limit(2).toList();
        String q = PREFIX + "SELECT ?co ?l ?x WHERE { { ?co skos:prefLabel ?l } UNION { ?x cip:participant ?co } } VALUES ?co { <"
                + two.get(0) + "> <" + two.get(1) + "> }";
        var e = explain(q);
        assertEquals(2, e.get("requests").asLong(), "one request to each owner, both branches in it: " + e.get("requestsSent"));
        assertEquals(2, requestsMentioning(e, "UNION"), e.get("requestsSent").toString());
        assertSameAsOneStore(q);
    }

    /**
     * Objects bound to members' IRIs along a member-local predicate ({@code cip:hasLabelAward}: an
     * award lies with the member whose organisation holds it) go to those members only, though the
     * star's subject is not bound.
     */
    @Test
    void boundObjectsAlongAMemberLocalPredicateGoToTheirOwnersOnly() throws Exception {
        String award = "https://w3id.org/cipnet/ontology#hasLabelAward";
        var byMember = new java.util.TreeMap<String, String>();
        for (var n : TestNetwork.get().nodes)
            n.store().current().find(org.apache.jena.graph.Node.ANY, org.apache.jena.graph.NodeFactory.createURI(award), org.apache.jena.graph.Node.ANY)
                    .nextOptional().ifPresent(t -> byMember.put(n.country(), t.getObject().getURI()));
        assertTrue(byMember.size() > 2, "the premise: more members hold awards than the two asked about " + byMember);
        var two = byMember.values().stream().limit(2).toList();
        String q = PREFIX + "SELECT ?co ?a WHERE { ?co cip:hasLabelAward ?a } VALUES ?a { <" + two.get(0) + "> <" + two.get(1) + "> }";
        var e = explain(q);
        assertEquals(2, e.get("requests").asLong(), "one request to each award's owner: " + e.get("requestsSent"));
        assertSameAsOneStore(q);
    }

    /** A union of stars about different subjects after a small left side: each branch is a bind join on the left rows' values. */
    @Test
    void aUnionOfStarsAfterASmallLeftSideIsABindJoinPerBranch() throws Exception {
        String q = PREFIX + "SELECT ?co ?x WHERE { ?co cip:hasLabelAward ?aw . { ?co cip:collaboratesWith ?x } UNION { ?x cip:collaborator ?co } }";
        var e = explain(q);
        long asked = requestsMentioning(e, "collaborat");
        assertTrue(asked > 0, "the branches are asked: " + e.get("requestsSent"));
        assertPlanHas(e, "urn:cipnet:stars");
        assertEquals(asked, requests(e, r -> r.contains("collaborat") && r.contains("VALUES")), "bound by the left rows: " + e.get("requestsSent"));
        assertSameAsOneStore(q);
    }

    /** The same union inside an OPTIONAL (a left join, its right side asked once): one request per member holding either branch. */
    @Test
    void aUnionOfStarsInsideAnOptionalIsOneRequestPerMember() throws Exception {
        String q = PREFIX + "SELECT ?co ?x WHERE { ?co cip:hasLabelAward ?aw OPTIONAL { { ?co cip:collaboratesWith ?x } UNION { ?x cip:collaborator ?co } } }";
        var e = explain(q);
        String with = "https://w3id.org/cipnet/ontology#collaboratesWith", by = "https://w3id.org/cipnet/ontology#collaborator";
        assertEquals(membersHolding(with) + membersHolding(by) - membersHoldingAll(with, by), requestsMentioning(e, "collaborat"), e.get("requestsSent").toString());
        assertSameAsOneStore(q);
    }

    @Test
    void anOptionalAboutTheStarsSubjectRunsInsideTheStarsRequest() throws Exception {
        String q = PREFIX + "SELECT ?co ?cat ?y WHERE { ?co cip:hasLabelAward ?a OPTIONAL { ?co cip:clusterCategory ?cat } "
                + "OPTIONAL { ?co <https://schema.org/foundingDate> ?y FILTER(str(?y) > \"2005\") } }";
        var e = explain(q);
        assertFalse(e.get("plan").asText().contains("urn:cipnet:optional-star"), e.get("plan").asText());
        long relevant = membersHolding("https://w3id.org/cipnet/ontology#hasLabelAward");
        assertEquals(relevant, e.get("requests").asLong(), e.toPrettyString());
        for (var r : e.get("requestsSent")) assertTrue(r.asText().contains("OPTIONAL"), r.asText());
        assertSameAsOneStore(q);
    }

    @Test
    void aCodeListLabelIsJoinedAtTheMembersSoTheCountStaysThere() throws Exception {
        String q = PREFIX + "SELECT ?ecosystem (COUNT(?co) AS ?n) WHERE { ?co a cip:ClusterOrganisation ; cip:industrialEcosystem ?e . "
                + "?e skos:prefLabel ?ecosystem FILTER(langMatches(lang(?ecosystem), 'en')) } GROUP BY ?ecosystem";
        var e = explain(q);
        assertTrue(e.get("plan").asText().contains("urn:cipnet:aggregate"), e.get("plan").asText());
        assertEquals(membersHolding("https://w3id.org/cipnet/ontology#industrialEcosystem"), e.get("requests").asLong(), e.toPrettyString());
        for (var r : e.get("requestsSent"))
            assertTrue(r.asText().contains("GRAPH <https://w3id.org/cipnet/graph/reference>"), "labels from the member's reference copy: " + r.asText());
        assertSameAsOneStore(q);
    }

    /**
     * Whether a member's copy of the reference graph equals the federator's is checked, not assumed:
     * with a reference graph the members do not hold (one more English label for an ecosystem that
     * clusters use), the labels are joined at the federator, and the answer still has that label.
     */
    @Test
    void aReferenceGraphTheMembersDoNotHoldIsNotReadFromTheirCopies() throws Exception {
        TestNetwork net = TestNetwork.get();
        var eco = org.apache.jena.graph.NodeFactory.createURI("https://w3id.org/cipnet/ontology#industrialEcosystem");
        var used = net.central.find(org.apache.jena.graph.Node.ANY, eco, org.apache.jena.graph.Node.ANY).next().getObject();
        var label = org.apache.jena.graph.Triple.create(used, org.apache.jena.vocabulary.SKOS.prefLabel.asNode(),
                org.apache.jena.graph.NodeFactory.createLiteralLang("Only at the federator", "en"));
        var reference = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        org.cipnet.testing.Checkout.validator().reference().find().forEachRemaining(reference::add);
        reference.add(label);
        var central = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        net.central.find().forEachRemaining(central::add);
        central.add(label);
        String q = PREFIX + "SELECT ?ecosystem (COUNT(?co) AS ?n) WHERE { ?co a cip:ClusterOrganisation ; cip:industrialEcosystem ?e . "
                + "?e skos:prefLabel ?ecosystem FILTER(langMatches(lang(?ecosystem), 'en')) } GROUP BY ?ecosystem";
        try (Federator fed = Federator.start(FederatorConfig.of(net.members, 0), reference)) {
            var same = ResultCompare.compare(fed.sparqlUrl(), central, q);
            assertTrue(same.same(), same.federated() + "\n vs \n" + same.central());
            assertTrue(same.federated().contains("Only at the federator"), same.federated());
        }
    }

    @Test
    void aBoundObjectIsAskedOfTheMembersHoldingItOnly() throws Exception {
        // Every node's VoID lists cip:country; only the members with a Norwegian organisation are asked
        // (after explain's first run, whose probe of the bound object is kept).
        String nor = "http://publications.europa.eu/resource/authority/country/NOR";
        String q = PREFIX + "SELECT ?co ?name WHERE { ?co cip:country <" + nor + "> ; skos:prefLabel ?name }";
        var e = explain(q);
        var p = org.apache.jena.graph.NodeFactory.createURI("https://w3id.org/cipnet/ontology#country");
        var o = org.apache.jena.graph.NodeFactory.createURI(nor);
        long holding = TestNetwork.get().nodes.stream().filter(n -> n.store().current().contains(org.apache.jena.graph.Node.ANY, p, o)).count();
        assertTrue(holding > 0 && holding < membersHolding(p.getURI()), "some members hold cip:country but not Norway: " + holding);
        assertEquals(holding, e.get("requests").asLong(), e.toPrettyString());
        assertEquals(holding, e.get("members").size(), e.toPrettyString());
        assertSameAsOneStore(q);
    }

    @Test
    void aQueryProbesEachMemberOnceHoweverOftenItsStarsRun() throws Exception {
        // The EXISTS star runs for block after block of rows (a hundred and more requests), each with its
        // ecosystems as join values: the probe is the plan's written constant (Norway), once per member.
        String q = PREFIX + "SELECT ?co WHERE { ?co cip:country <http://publications.europa.eu/resource/authority/country/NOR> ; cip:industrialEcosystem ?e "
                + "FILTER EXISTS { ?x cip:industrialEcosystem ?e ; cip:country ?c FILTER(?x != ?co) } }";
        TestNetwork net = TestNetwork.get();
        net.federator.catalog().invalidate(); // no probe answers kept from other tests: this query asks them
        var e = explainFirstRun(q);
        var probes = new java.util.HashMap<String, Integer>(); // per member ("id: query" as the trace lists them)
        for (var sent : e.get("requestsSent")) {
            String[] memberAndQuery = sent.asText().split(": ", 2);
            if (org.apache.jena.query.QueryFactory.create(memberAndQuery[1]).getProjectVars().equals(java.util.List.of(org.apache.jena.sparql.core.Var.alloc("i"))))
                probes.merge(memberAndQuery[0], 1, Integer::sum);
        }
        assertFalse(probes.isEmpty(), "the written constant is probed: " + e.get("requestsSent"));
        assertTrue(probes.values().stream().allMatch(n -> n == 1), "one probe per member, none per row: " + probes);
        assertSameAsOneStore(q);
    }

    @Test
    void aPropertyPathWalksASmallRelationFetchedOncePerMember() throws Exception {
        String q = PREFIX + "SELECT ?co ?reached WHERE { ?co a cip:ClusterOrganisation ; (cip:collaboratesWith|^cip:collaboratesWith)+ ?reached }";
        var e = explain(q);
        long holding = membersHolding("https://w3id.org/cipnet/ontology#collaboratesWith");
        assertTrue(holding > 0, "the shipped data has collaborations");
        assertEquals(holding, requestsMentioning(e, "collaboratesWith"), "one request per member holding the predicate, not one per node visited: " + e.get("requestsSent"));
        assertSameAsOneStore(q);
    }

    @Test
    void aPathJoinedToAStarHasItsRelationInTheStarsRequest() throws Exception {
        String q = PREFIX + "SELECT ?co ?reached WHERE { ?co a cip:ClusterOrganisation ; cip:collaboratesWith+ ?reached }";
        var e = explain(q);
        var star = new java.util.TreeSet<String>();
        e.get("pushedDown").get(0).get("asked").fieldNames().forEachRemaining(star::add);
        var relation = idsHolding("https://w3id.org/cipnet/ontology#collaboratesWith");
        var both = new java.util.TreeSet<>(star);
        both.retainAll(relation);
        assertFalse(both.isEmpty(), "the shipped data has members with cluster organisations and collaborations: " + star + " " + relation);
        // Before: the star's request, then (once its rows were in) one more to each member for the relation.
        assertEquals(both.size(), requests(e, r -> r.contains("collaboratesWith") && r.contains("ClusterOrganisation")),
                "one request each for the star and the relation: " + e.get("requestsSent"));
        e.get("members").fields().forEachRemaining(m -> assertEquals(1, m.getValue().get("requests").asLong(), m.getKey() + " asked once: " + e.get("requestsSent")));
        assertSameAsOneStore(q);
    }

    @Test
    void aPathAfterAStarWithoutRowsSendsNoRequestOfItsOwn() throws Exception {
        String q = PREFIX + "SELECT ?co ?reached WHERE { ?co a cip:ClusterOrganisation ; skos:prefLabel ?l "
                + "FILTER(STRSTARTS(STR(?l), \"no cluster is called this\")) ?co cip:collaboratesWith+ ?reached }";
        var e = explain(q);
        long star = 0;
        for (var m : e.get("pushedDown").get(0).get("asked")) star += m.get("requests").asLong();
        assertTrue(star > 0, "the star is asked: " + e.get("requestsSent"));
        assertEquals(star, e.get("requests").asLong(), "the relation rides with the star's requests, never in one of its own: " + e.get("requestsSent"));
        assertSameAsOneStore(q);
    }

    @Test
    void aCountOfDistinctValuesMovesDistinctRowsNotAllRows() throws Exception {
        String q = PREFIX + "SELECT ?country (COUNT(DISTINCT ?eco) AS ?n) WHERE { ?co cip:country ?country ; cip:industrialEcosystem ?eco } GROUP BY ?country";
        var e = explain(q);
        assertFalse(e.get("requestsSent").isEmpty(), "the members are asked: " + e.toPrettyString());
        for (var r : e.get("requestsSent")) {
            var sent = TestFederation.sentQuery(r.asText());
            assertTrue(sent.isDistinct() && sent.getResultVars().equals(java.util.List.of("country", "eco")), r.asText());
        }
        assertSameAsOneStore(q);
    }
}
