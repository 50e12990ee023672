package org.cipnet.node;

import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.shacl.vocabulary.SHACL;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.cipnet.validation.ValidationOutcome;
import org.cipnet.vocab.CIP;

/** What the publish gate decided. */
public sealed interface PublishResult {

    /** Stored as a new version; the outcome may carry warnings. */
    record Accepted(Version version, ValidationOutcome outcome) implements PublishResult {}

    /** No triples, and the publisher did not say that emptying the graph is meant: nothing was changed. */
    record Empty() implements PublishResult {}

    /** SHACL Violations: nothing was changed. */
    record Invalid(ValidationOutcome outcome) implements PublishResult {}

    /** Subjects outside the member's URI space: nothing was changed. */
    record Foreign(String uriSpace, List<String> subjects) implements PublishResult {

        /** The rejection as a W3C SHACL validation report, one result per foreign subject, as the ownership shape words it. */
        public Graph report() {
            Graph g = GraphFactory.createDefaultGraph();
            Node report = NodeFactory.createBlankNode();
            g.add(report, RDF.type.asNode(), SHACL.ValidationReport);
            g.add(report, SHACL.conforms, NodeFactory.createLiteralByValue(false));
            for (String s : subjects) {
                Node r = NodeFactory.createBlankNode();
                g.add(report, SHACL.result, r);
                g.add(r, RDF.type.asNode(), SHACL.ValidationResult);
                g.add(r, SHACL.focusNode, NodeFactory.createURI(s));
                g.add(r, SHACL.value, NodeFactory.createURI(s));
                g.add(r, SHACL.resultSeverity, SHACL.Violation);
                g.add(r, SHACL.sourceShape, NodeFactory.createURI(CIP.SHAPES_NS + "OwnershipShape"));
                g.add(r, SHACL.sourceConstraintComponent, SHACL.SPARQLConstraintComponent);
                g.add(r, SHACL.resultMessage, NodeFactory.createLiteralString(s + " lies outside this member's URI space " + uriSpace
                        + ": a member publishes only subjects in its own space (point to others as objects)."));
            }
            return g;
        }
    }
}
