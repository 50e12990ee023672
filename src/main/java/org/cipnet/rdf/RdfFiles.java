package org.cipnet.rdf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RDFParserRegistry;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.graph.GraphFactory;
import org.eclipse.rdf4j.model.BNode;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.RDFParseException;
import org.eclipse.rdf4j.rio.Rio;
import org.eclipse.rdf4j.rio.helpers.AbstractRDFHandler;

/**
 * Finds RDF files and parses them into Jena graphs. Quads are flattened into one graph: a file is
 * one publication, whatever graph names it uses.
 */
public final class RdfFiles {
    private RdfFiles() {}

    /** The file extensions this reader understands, for messages. */
    public static final String KNOWN_EXTENSIONS =
            ".ttl .trig .nt .nq .jsonld .rdf .owl .xml .rj .trix, and via RDF4J .n3 .brf";

    /**
     * Expands the given paths into a sorted list of RDF files: files as given, directories walked
     * recursively (through symbolic links) for files with a known RDF extension.
     */
    public static List<Path> collect(List<Path> paths) throws RdfInputException {
        if (paths.isEmpty()) throw new RdfInputException("no input: give one or more RDF files or directories");
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isRegularFile(p)) {
                files.add(p);
            } else if (Files.isDirectory(p)) {
                List<Path> found;
                // A directory given through a symbolic link, or holding links, is read as the directory it points to.
                try (Stream<Path> walk = Files.walk(p, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
                    found = walk.filter(Files::isRegularFile).filter(RdfFiles::isRdf)
                            .sorted(Comparator.comparing(Path::toString)).toList();
                } catch (IOException e) {
                    throw new RdfInputException("cannot read directory " + p + ": " + e.getMessage());
                }
                if (found.isEmpty())
                    throw new RdfInputException("no RDF files in directory " + p + " (looked for " + KNOWN_EXTENSIONS + ")");
                files.addAll(found);
            } else {
                throw new RdfInputException("no such file or directory: " + p);
            }
        }
        return files;
    }

    /** True when the file name has an extension RIOT or Rio can parse. */
    public static boolean isRdf(Path file) {
        return jenaLang(file).isPresent() || rioFormat(file).isPresent();
    }

    /** Parses one file into a new in-memory graph. */
    public static Graph read(Path file) throws RdfInputException {
        Graph g = GraphFactory.createDefaultGraph();
        read(file, g);
        return g;
    }

    /** Parses one file, adding its triples to {@code into}. */
    public static void read(Path file, Graph into) throws RdfInputException {
        if (!Files.isRegularFile(file)) throw new RdfInputException("no such file: " + file);
        Optional<Lang> lang = jenaLang(file);
        if (lang.isPresent()) {
            readWithJena(file, lang.get(), into);
            return;
        }
        Optional<RDFFormat> rio = rioFormat(file);
        if (rio.isPresent()) {
            readWithRio(file, rio.get(), into);
            return;
        }
        throw new RdfInputException("unknown RDF format for " + file + " (known: " + KNOWN_EXTENSIONS + ")");
    }

    /** Parses RDF from a stream in the given language (used for HTTP bodies). */
    public static Graph read(InputStream in, Lang lang, String baseIri, String sourceName) throws RdfInputException {
        Graph g = GraphFactory.createDefaultGraph();
        Path name = Path.of(sourceName);
        StreamRDF sink = flatten(g);
        try {
            RDFParser.source(in).lang(lang).base(baseIri).context(OFFLINE).errorHandler(new Positioned(name)).parse(sink);
        } catch (PositionedError e) {
            throw e.toException();
        } catch (RiotException e) {
            throw new RdfSyntaxException(name, -1, -1, e.getMessage());
        }
        return g;
    }

    /**
     * Parsing never fetches anything: a JSON-LD {@code @context} or {@code @import} that names a URL
     * is an error (inline the context instead), so reading a file or an upload sends no request.
     */
    private static final org.apache.jena.sparql.util.Context OFFLINE = offline();

    private static org.apache.jena.sparql.util.Context offline() {
        var options = new com.apicatalog.jsonld.JsonLdOptions();
        options.setDocumentLoader((url, loaderOptions) -> {
            throw new com.apicatalog.jsonld.JsonLdError(com.apicatalog.jsonld.JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED,
                    "remote JSON-LD context " + url + " is not loaded: nothing is fetched while reading RDF; put the context in the document");
        });
        var cxt = new org.apache.jena.sparql.util.Context();
        cxt.set(org.apache.jena.riot.lang.LangJSONLD11.JSONLD_OPTIONS, options);
        return cxt;
    }

    private static Optional<Lang> jenaLang(Path file) {
        Lang lang = RDFLanguages.filenameToLang(file.getFileName().toString());
        if (lang == null || !RDFParserRegistry.isRegistered(lang)) return Optional.empty();
        return Optional.of(lang);
    }

    private static Optional<RDFFormat> rioFormat(Path file) {
        return Rio.getParserFormatForFileName(file.getFileName().toString())
                .filter(f -> Rio.createParser(f) != null);
    }

    private static void readWithJena(Path file, Lang lang, Graph into) throws RdfInputException {
        try {
            RDFParser.source(file).lang(lang).context(OFFLINE).errorHandler(new Positioned(file)).parse(flatten(into));
        } catch (PositionedError e) {
            throw e.toException();
        } catch (RiotException e) {
            throw new RdfSyntaxException(file, -1, -1, e.getMessage());
        }
    }

    private static StreamRDF flatten(Graph into) {
        StreamRDF toGraph = StreamRDFLib.graph(into);
        return new org.apache.jena.riot.system.StreamRDFWrapper(toGraph) {
            @Override
            public void quad(org.apache.jena.sparql.core.Quad quad) {
                other.triple(quad.asTriple());
            }
        };
    }

    /**
     * RDF4J Rio parses the formats RIOT has no reader for (N3, RDF4J binary); reading them through
     * Rio avoids a conversion step outside the tool.
     */
    private static void readWithRio(Path file, RDFFormat format, Graph into) throws RdfInputException {
        var parser = Rio.createParser(format);
        var bnodes = new java.util.HashMap<String, Node>();
        parser.setRDFHandler(new AbstractRDFHandler() {
            @Override
            public void handleStatement(Statement st) {
                into.add(Triple.create(node(st.getSubject(), bnodes), node(st.getPredicate(), bnodes),
                        node(st.getObject(), bnodes)));
            }
        });
        try (InputStream in = Files.newInputStream(file)) {
            parser.parse(in, file.toUri().toString());
        } catch (RDFParseException e) {
            throw new RdfSyntaxException(file, e.getLineNumber(), e.getColumnNumber(), stripPosition(e.getMessage()));
        } catch (IOException e) {
            throw new RdfInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String stripPosition(String msg) {
        return msg == null ? "" : msg.replaceAll("\\s*\\[line \\d+(, column \\d+)?\\]\\s*$", "");
    }

    private static Node node(Value v, java.util.Map<String, Node> bnodes) {
        if (v instanceof IRI iri) return NodeFactory.createURI(iri.stringValue());
        if (v instanceof BNode b) return bnodes.computeIfAbsent(b.getID(), id -> NodeFactory.createBlankNode());
        Literal lit = (Literal) v;
        if (lit.getLanguage().isPresent()) return NodeFactory.createLiteralLang(lit.getLabel(), lit.getLanguage().get());
        return NodeFactory.createLiteralDT(lit.getLabel(),
                org.apache.jena.datatypes.TypeMapper.getInstance().getSafeTypeByName(lit.getDatatype().stringValue()));
    }

    /** Turns RIOT's error callbacks into an exception carrying the position. */
    private static final class Positioned implements ErrorHandler {
        private final Path file;

        Positioned(Path file) { this.file = file; }

        @Override
        public void warning(String message, long line, long col) {
            // RIOT only warns about a literal whose lexical form does not fit its datatype ("abc"^^xsd:integer);
            // such a value would be silently wrong in every answer, so it is an error here.
            if (message.startsWith("Lexical form") && message.contains("not valid for datatype"))
                throw new PositionedError(file, line, col, message);
            System.err.println(file + (line > 0 ? ":" + line + (col > 0 ? ":" + col : "") : "") + ": warning: " + message);
        }

        @Override
        public void error(String message, long line, long col) {
            throw new PositionedError(file, line, col, message);
        }

        @Override
        public void fatal(String message, long line, long col) {
            throw new PositionedError(file, line, col, message);
        }
    }

    private static final class PositionedError extends RuntimeException {
        final transient Path file;
        final long line;
        final long col;

        PositionedError(Path file, long line, long col, String message) {
            super(message, null, false, false);
            this.file = file;
            this.line = line;
            this.col = col;
        }

        RdfSyntaxException toException() {
            return new RdfSyntaxException(file, line, col, getMessage());
        }
    }
}
