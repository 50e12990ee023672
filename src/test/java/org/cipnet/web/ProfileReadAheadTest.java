package org.cipnet.web;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.cipnet.testing.TestNetwork;
import org.junit.jupiter.api.Test;

/**
 * Profiles read ahead for the whole network (a few federated queries, each cluster's graph then
 * cut out locally) are exactly what one store holding all the data answers for each cluster.
 */
class ProfileReadAheadTest {
    @Test
    void everyProfileReadAheadEqualsTheCentralStoresNeighbourhood() {
        TestNetwork net = TestNetwork.get();
        Sparql sparql = new Sparql(net.federator.sparqlUrl());
        try (Directory directory = new Directory(sparql, net.members, 0)) {
            Directory.Snapshot snap = directory.snapshot();
            Profile.readAhead(sparql, snap);
            int withNeighbours = 0;
            for (Directory.Entry e : snap.entries()) {
                Graph expected = QueryExec.graph(net.central).query(Sparql.bind(Profile.AROUND, Map.of("co", NodeFactory.createURI(e.iri())))).construct();
                // Asked per key, not by size(): the directory's own background read-ahead fills the same map, and a
                // concurrent map's size may lag an insertion that get() already sees.
                Graph got = snap.profiles().get(e.iri());
                assertNotNull(got, e.iri() + ": profile not read ahead");
                assertTrue(expected.isIsomorphicWith(got), e.iri() + ": " + got.size() + " triples read ahead, the central store has " + expected.size());
                if (expected.size() > 30) withNeighbours++;
            }
            assertTrue(withNeighbours > 0, "some profile has awards, participations or collaborations around it");
        }
    }
}
