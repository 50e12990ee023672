package org.cipnet.node;

import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;

import org.cipnet.validation.ValidationOutcome;

/** What the publish gate decided. */
public sealed interface PublishResult {

    /** Stored as a new version; the outcome may carry warnings. */
    record Accepted(Version version, ValidationOutcome outcome) implements PublishResult {}

    /** SHACL Violations: nothing was changed. */
    record Invalid(ValidationOutcome outcome) implements PublishResult {}

    /** Subjects outside the member's URI space: nothing was changed. */
    record Foreign(String uriSpace, List<String> subjects) implements PublishResult {

        /** The rejection as a W3C SHACL validation report, one result per foreign subject, as the ownership shape words it. */
        public Graph report() {
            Graph g = GraphFactory.createDefaultGraph();
            Node report = NodeFactory.createBlankNode();
            g.add(report, RDF.type.asNode(), sh("ValidationReport"));
            g.add(report, sh("conforms"), NodeFactory.createLiteralByValue(false));
            for (String s : subjects) {
                Node r = NodeFactory.createBlankNode();
                g.add(report, sh("result"), r);
                g.add(r, RDF.type.asNode(), sh("ValidationResult"));
                g.add(r, sh("focusNode"), NodeFactory.createURI(s));
                g.add(r, sh("value"), NodeFactory.createURI(s));
                g.add(r, sh("resultSeverity"), sh("Violation"));
                g.add(r, sh("sourceShape"), NodeFactory.createURI("https://w3id.org/cipnet/shapes#OwnershipShape"));
                g.add(r, sh("sourceConstraintComponent"), sh("SPARQLConstraintComponent"));
                g.add(r, sh("resultMessage"), NodeFactory.createLiteralString(s + " lies outside this member's URI space " + uriSpace
                        + ": a member publishes only subjects in its own space (point to others as objects)."));
            }
            return g;
        }

        private static Node sh(String local) {
            return NodeFactory.createURI("http://www.w3.org/ns/shacl#" + local);
        }
    }
}
