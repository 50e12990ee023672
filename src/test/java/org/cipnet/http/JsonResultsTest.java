package org.cipnet.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.TextDirection;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.util.Context;
import org.junit.jupiter.api.Test;

/** The JSON answers read back with Jena's SPARQL JSON reader give the rows written, term by term, as Jena's own writer's do. */
class JsonResultsTest {
    private static final Var S = Var.alloc("s"), O = Var.alloc("o"), X = Var.alloc("x");

    @Test
    void everyKindOfTermReadsBackAsWritten() throws Exception {
        Node blank = NodeFactory.createBlankNode();
        List<Node> terms = List.of(
                NodeFactory.createURI("https://w3id.org/cipnet/no/org/a"),
                NodeFactory.createLiteralString("plain \"quoted\" \\ line\nbreak ✓"),
                NodeFactory.createLiteralLang("Klynge", "nb"),
                NodeFactory.createLiteralDirLang("مجموعة", "ar", TextDirection.RTL),
                NodeFactory.createLiteralDT("119", XSDDatatype.XSDinteger),
                NodeFactory.createLiteralDT("2010", XSDDatatype.XSDgYear),
                blank,
                NodeFactory.createTripleTerm(Triple.create(blank, NodeFactory.createURI("urn:p"), NodeFactory.createLiteralLang("x", "en"))));
        List<Binding> rows = new ArrayList<>();
        for (Node t : terms) rows.add(BindingBuilder.create().add(S, NodeFactory.createURI("urn:s")).add(O, t).build());
        rows.add(BindingBuilder.create().add(S, blank).build()); // ?o unbound, ?x never bound

        List<Binding> ours = readBack(write(rows));
        List<Binding> jenas = readBack(jenaWrite(rows));
        assertEquals(rows.size(), ours.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(jenas.get(i).get(O) == null, ours.get(i).get(O) == null, "row " + i);
            if (i < terms.size() && !terms.get(i).isBlank() && !terms.get(i).isTripleTerm())
                assertEquals(terms.get(i), ours.get(i).get(O), "row " + i);
        }
        // One blank node, one label within the answer: the blank object of row 6, the triple term's subject and row 8's subject.
        Node b = ours.get(6).get(O);
        assertTrue(b.isBlank());
        assertEquals(b, ours.get(7).get(O).getTriple().getSubject());
        assertEquals(b, ours.get(8).get(S));
        assertEquals(jenas.get(7).get(O).getTriple().getObject(), ours.get(7).get(O).getTriple().getObject());
        assertFalse(ours.get(0).contains(X));
    }

    @Test
    void askAnswersReadBack() throws Exception {
        for (boolean answer : new boolean[] {true, false}) {
            var out = new ByteArrayOutputStream();
            JsonResults.write(out, answer);
            assertEquals(answer, ResultSetMgr.readBoolean(new ByteArrayInputStream(out.toByteArray()), ResultSetLang.RS_JSON));
        }
    }

    @Test
    void headNamesTheVariablesEvenWithoutRows() throws Exception {
        byte[] json = write(List.of());
        var rs = ResultSetMgr.read(new ByteArrayInputStream(json), ResultSetLang.RS_JSON);
        assertEquals(List.of("s", "o", "x"), rs.getResultVars());
        assertFalse(rs.hasNext());
    }

    private static byte[] write(List<Binding> rows) throws Exception {
        var out = new ByteArrayOutputStream();
        JsonResults.write(out, rowSet(rows), Context.emptyContext(), List.of());
        return out.toByteArray();
    }

    private static byte[] jenaWrite(List<Binding> rows) {
        var out = new ByteArrayOutputStream();
        ResultSetMgr.write(out, org.apache.jena.query.ResultSet.adapt(rowSet(rows)), ResultSetLang.RS_JSON);
        return out.toByteArray();
    }

    private static RowSet rowSet(List<Binding> rows) {
        return RowSetStream.create(List.of(S, O, X), rows.iterator());
    }

    private static List<Binding> readBack(byte[] json) {
        RowSet rs = org.apache.jena.riot.rowset.RowSetReaderRegistry.getFactory(ResultSetLang.RS_JSON)
                .create(ResultSetLang.RS_JSON).read(new ByteArrayInputStream(json), null);
        List<Binding> out = new ArrayList<>();
        rs.forEachRemaining(out::add);
        return out;
    }
}
