package org.cipnet.cli;

import static org.junit.jupiter.api.Assertions.*;

import org.cipnet.testing.Cli;
import org.junit.jupiter.api.Test;

/** {@code cipnet federate}: bad member URLs and reference options are refused with a clear message and exit 2, no stack trace. */
class FederateCommandTest {
    @Test
    void aMemberThatIsNotAnHttpUrlIsRefused() {
        var r = Cli.run("federate", "--port", "0", "--member", "ftp://example.org/sparql");
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("--member ftp://example.org/sparql: give an http(s) URL of a SPARQL endpoint"), r.all());
        assertFalse(r.all().contains("Exception"), r.all());
    }

    /** The same endpoint twice would count its rows twice: refused before the federator starts. */
    @Test
    void theSameEndpointGivenTwiceIsRefused() {
        var r = Cli.run("federate", "--port", "0", "--member", "a=http://127.0.0.1:9/ds/sparql", "--member", "b=http://127.0.0.1:9/ds/sparql/");
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("members a and b are the same endpoint"), r.all());
        assertFalse(r.all().contains("Exception"), r.all());
    }

    @Test
    void aReferenceOptionThatIsNeitherAKeywordNorAFileIsRefused() {
        var r = Cli.run("federate", "--port", "0", "--member", "http://127.0.0.1:9/ds/sparql", "--reference", "no-such-file.ttl");
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("--reference no-such-file.ttl: give none, cipnet, auto or an RDF file that exists"), r.all());
    }
}
