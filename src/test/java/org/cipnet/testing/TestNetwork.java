package org.cipnet.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.cipnet.federation.Federator;
import org.cipnet.federation.FederatorConfig;
import org.cipnet.federation.members.Member;
import org.cipnet.node.NationalNode;
import org.cipnet.node.NodeConfig;
import org.cipnet.rdf.RdfFiles;

/**
 * The shipped network as the demo runs it: one real node per {@code data/} folder (TDB2 in a temp
 * directory, loaded through the publish gate) and the federator over them; plus the central graph
 * holding everything, for differential checks. Started once per test JVM.
 */
public final class TestNetwork {
    private static TestNetwork instance;

    public final List<NationalNode> nodes = new ArrayList<>();
    public final List<Member> members = new ArrayList<>();
    public final Federator federator;
    public final Graph central = GraphFactory.createDefaultGraph();

    private TestNetwork() throws Exception {
        Path root = Files.createTempDirectory("cipnet-test-network-");
        List<Path> folders;
        try (Stream<Path> s = Files.list(Checkout.files().data())) {
            folders = s.filter(Files::isDirectory).sorted().toList();
        }
        Checkout.validator().reference().find().forEachRemaining(central::add);
        for (Path f : folders) {
            String cc = f.getFileName().toString();
            NationalNode n = NationalNode.start(NodeConfig.of(cc, root.resolve(cc), 0).withData(f), Checkout.validator());
            nodes.add(n);
            members.add(org.cipnet.federation.members.MemberDiscovery.discover(null, n.baseUrl() + cc));
            for (Path file : RdfFiles.collect(List.of(f))) RdfFiles.read(file, central);
        }
        federator = Federator.start(FederatorConfig.of(members, 0), Checkout.validator().reference());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            federator.close();
            nodes.forEach(NationalNode::close);
        }));
    }

    public static synchronized TestNetwork get() {
        if (instance == null) {
            try {
                instance = new TestNetwork();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the test network: " + e.getMessage(), e);
            }
        }
        return instance;
    }
}
