package org.cipnet.rdf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * Where the shared files live: the checkout's {@code ontology/}, {@code shapes/}, {@code data/} and
 * {@code queries/}. The home is {@code -Dcipnet.home}, else {@code $CIPNET_HOME}, else the working
 * directory; the {@code cipnet} launcher sets the first.
 */
public record ProjectFiles(Path home) {

    public static ProjectFiles locate() {
        String prop = System.getProperty("cipnet.home");
        if (prop == null || prop.isBlank()) prop = System.getenv("CIPNET_HOME");
        Path home = prop == null || prop.isBlank() ? Path.of("").toAbsolutePath() : Path.of(prop).toAbsolutePath();
        return new ProjectFiles(home.normalize());
    }

    public Path ontology() { return home.resolve("ontology"); }
    public Path ontologyFile() { return ontology().resolve("cipnet.ttl"); }
    public Path vocabularies() { return ontology().resolve("vocab"); }
    public Path shapes() { return home.resolve("shapes"); }
    public Path data() { return home.resolve("data"); }
    public Path queries() { return home.resolve("queries"); }

    /** The files of the reference graph: the ontology and every vocabulary. */
    public List<Path> referenceFiles() throws RdfInputException {
        if (!Files.isRegularFile(ontologyFile()))
            throw new RdfInputException("ontology not found at " + ontologyFile()
                    + " (set -Dcipnet.home or CIPNET_HOME to the cipnet checkout)");
        var files = new java.util.ArrayList<Path>();
        files.add(ontologyFile());
        if (Files.isDirectory(vocabularies())) {
            try (var walk = Files.walk(vocabularies())) {
                walk.filter(Files::isRegularFile).filter(RdfFiles::isRdf).sorted().forEach(files::add);
            } catch (java.io.IOException e) {
                throw new RdfInputException("cannot read " + vocabularies() + ": " + e.getMessage());
            }
        }
        return files;
    }

    /** The shared reference graph (ontology + vocabularies) that every node and the federator hold. */
    public Graph referenceGraph() throws RdfInputException {
        Graph g = GraphFactory.createDefaultGraph();
        for (Path f : referenceFiles()) RdfFiles.read(f, g);
        return g;
    }

    public List<Path> shapeFiles() throws RdfInputException {
        if (!Files.isDirectory(shapes()))
            throw new RdfInputException("shapes directory not found at " + shapes());
        return RdfFiles.collect(List.of(shapes()));
    }
}
