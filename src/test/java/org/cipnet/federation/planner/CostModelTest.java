package org.cipnet.federation.planner;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpUnion;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;

/**
 * The cost model over {@link GoldenPlansTest}'s catalogue: two members, each with 30 cluster
 * organisations, 900 {@code skos:prefLabel}, 40 {@code cip:clusterCategory} and 6
 * {@code cip:collaboratesWith} triples, and no {@code cip:operatedBy}.
 */
class CostModelTest {
    private static final String CIP = "https://w3id.org/cipnet/ontology#";
    private static final Node CO = NodeFactory.createVariable("co"), X = NodeFactory.createVariable("x");

    private static CostModel costs() throws IOException {
        return new CostModel(GoldenPlansTest.catalog());
    }

    private static Star star(Node subject, Triple... triples) {
        return new Star(subject, List.of(triples), List.of());
    }

    private static Triple t(Node s, String p, Node o) {
        return Triple.create(s, p.startsWith("http") ? NodeFactory.createURI(p) : NodeFactory.createURI(CIP + p), o);
    }

    @Test
    void aStarCostsItsSmallestPredicateOverAllMembers() throws IOException {
        assertEquals(1801, costs().cost(star(CO, t(CO, "http://www.w3.org/2004/02/skos/core#prefLabel", X))));
        assertEquals(13, costs().cost(star(CO, t(CO, "http://www.w3.org/2004/02/skos/core#prefLabel", X), t(CO, "collaboratesWith", X))));
    }

    @Test
    void aTypeCountsTheClassesInstancesABoundObjectATenth() throws IOException {
        assertEquals(61, costs().cost(star(CO, Triple.create(CO, RDF.type.asNode(), NodeFactory.createURI(CIP + "ClusterOrganisation")))));
        assertEquals(10, costs().cost(star(CO, t(CO, "clusterCategory", NodeFactory.createURI("https://w3id.org/cipnet/vocab/eco-category/7")))));
    }

    @Test
    void aConstantSubjectCostsNothing() throws IOException {
        Node subject = NodeFactory.createURI("https://example.org/a/cluster/1");
        assertEquals(0, costs().cost(star(subject, t(subject, "http://www.w3.org/2004/02/skos/core#prefLabel", X))));
    }

    /** A member without usable VoID: nothing is known. */
    @Test
    void withoutStatisticsAStarIsUnknown() {
        CostModel blind = new CostModel(TestCatalogs.of(GraphFactory.createDefaultGraph(), id -> "not Turtle", false));
        assertEquals(CostModel.UNKNOWN, blind.cost(star(CO, t(CO, "collaboratesWith", X))));
    }

    @Test
    void aUnionEstimatesTheSumOfItsBranchesAndUnknownStaysUnknown() throws IOException {
        Op small = StarOps.serviceOf(star(CO, t(CO, "collaboratesWith", X)));
        Op unknown = new OpBGP(BasicPattern.wrap(List.of(t(CO, "collaboratesWith", X))));
        assertEquals(26, costs().estimate(OpUnion.create(small, small)));
        assertEquals(CostModel.UNKNOWN, costs().estimate(OpUnion.create(unknown, unknown)), "saturates, does not overflow");
    }

    @Test
    void aBindJoinPaysForASmallLeftSideNextToALargerRightSide() throws IOException {
        Op small = StarOps.serviceOf(star(CO, t(CO, "collaboratesWith", X)));
        Op large = StarOps.serviceOf(star(X, t(X, "http://www.w3.org/2004/02/skos/core#prefLabel", CO)));
        assertTrue(costs().bindJoinPays(small, large));
        assertFalse(costs().bindJoinPays(large, small));
        assertFalse(costs().bindJoinPays(small, small), "13 rows against 13: a hash join asks each side once");
    }
}
