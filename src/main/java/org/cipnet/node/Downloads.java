package org.cipnet.node;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.cipnet.opendata.DcatDescriptions;
import org.cipnet.vocab.Prefixes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's downloads and its own DCAT-AP description, both regenerated after every publication
 * (in the publication's aftermath, on one background thread, not per request): the national
 * graph as gzipped N-Triples and as Turtle, with size and SHA-256, and the dataset's DCAT-AP
 * description pointing to them. A request that comes while they are being rewritten waits for
 * the new files, so a download never lags the SPARQL endpoint by a version once it is answered.
 */
final class Downloads implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Downloads.class);

    /** One written dump. */
    record File(String name, Path path, String contentType, DcatDescriptions.Download download) {}

    /** What is served for one version: its dumps and the DCAT-AP description naming them. */
    record Published(int version, Instant time, List<File> files, Graph dcat) {
        File file(String name) {
            return files.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
        }

        String etag(File f) {
            return "\"v" + version + "-" + f.download().sha256().substring(0, 16) + "\"";
        }
    }

    static final String NT_GZ = "dump.nt.gz", TURTLE = "dump.ttl";

    private final NationalStore store;
    private final Path dir;
    private final String base;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cipnet-downloads");
        t.setDaemon(true);
        return t;
    });
    private volatile CompletableFuture<Published> current = CompletableFuture.completedFuture(null);
    /** The last version written, so that a burst of publications queues no more than one rewrite per version. */
    private volatile Published last;

    /**
     * @param dir  where the files go (inside the node's store directory)
     * @param base the node's base URL, standing in for {@code https://w3id.org/cipnet/}
     */
    Downloads(NationalStore store, Path dir, String base) {
        this.store = store;
        this.dir = dir;
        this.base = base;
    }

    /** Regenerates the files and the description for the store's current version. */
    synchronized void refresh() {
        current = CompletableFuture.supplyAsync(this::write, writer);
    }

    /** The files and description of the latest version, once written; null when nothing was published yet. */
    Published current() {
        try {
            return current.get(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the downloads were being written", e);
        } catch (Exception e) {
            throw new IllegalStateException("the downloads could not be written: " + e.getMessage(), e);
        }
    }

    private Published write() {
        String cc = store.country();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var data = store.dataset();
        // One read transaction for the version, both files and the description, so they all describe the same version.
        return data.calculateRead(() -> {
            var versions = store.versions();
            if (versions.isEmpty()) return null;
            Version v = versions.get(versions.size() - 1);
            Published done = last;
            if (done != null && done.version() == v.number()) return done;
            Graph national = data.getDefaultGraph();
            // One pass over the store for both files: reading the graph back out of TDB2 costs as much as writing one of them.
            List<Dump> dumps = new java.util.ArrayList<>();
            List<File> files;
            try {
                for (Format f : FORMATS) dumps.add(new Dump(f, v));
                for (var it = national.find(); it.hasNext(); ) {
                    var t = it.next();
                    for (Dump d : dumps) d.stream.triple(t);
                }
                files = dumps.stream().map(Dump::finish).toList();
            } catch (RuntimeException | Error e) {
                dumps.forEach(Dump::abandon);
                throw e;
            }
            Graph dcat = DcatDescriptions.dataset(national, VoidDescription.datasetOf(cc),
                    new DcatDescriptions.Access(base + cc + "/sparql", base + cc + "/sparql"),
                    files.stream().map(File::download).toList(), v.time());
            removeOtherVersions(v.number());
            LOG.info("node {}: downloads of version {} written ({} bytes gzipped N-Triples)", cc, v.number(), files.get(0).download().bytes());
            last = new Published(v.number(), v.time(), files, dcat);
            return last;
        });
    }

    /** What one kind of dump is: its file name, how it is served and described, and how it is written. */
    private record Format(String name, String contentType, String title, String mediaType, String compression, String fileType, String key,
                          RDFFormat rdf, boolean gzip) {}

    private static final List<Format> FORMATS = List.of(
            new Format(NT_GZ, "application/gzip", "N-Triples, gzip-compressed", "application/n-triples", "application/gzip", "RDF_N_TRIPLES", "nt-gz",
                    RDFFormat.NTRIPLES, true),
            new Format(TURTLE, "text/turtle; charset=utf-8", "Turtle", "text/turtle", null, "RDF_TURTLE", "ttl", RDFFormat.TURTLE_BLOCKS, false));

    /** One dump being written: to a temporary file, moved into place once complete. */
    private final class Dump {
        private final Format format;
        private final Version version;
        private final Path target, tmp;
        private final MessageDigest sha;
        private final OutputStream out;
        final StreamRDF stream;

        Dump(Format format, Version v) {
            this.format = format;
            this.version = v;
            // One file per version: a download that began before the next publication finishes reading its own version.
            target = dir.resolve("v" + v.number() + "-" + format.name());
            tmp = dir.resolve(target.getFileName() + ".tmp");
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            try {
                OutputStream file = Files.newOutputStream(tmp);
                try {
                    OutputStream digest = new DigestOutputStream(new java.io.BufferedOutputStream(file, 1 << 16), sha);
                    out = format.gzip() ? new GZIPOutputStream(digest, 1 << 16) : digest;
                    stream = StreamRDFWriter.getWriterStream(out, format.rdf());
                    stream.start();
                } catch (IOException | RuntimeException e) {
                    // Not yet in the caller's list of dumps to abandon: close and remove it here.
                    file.close();
                    Files.deleteIfExists(tmp);
                    throw e;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!format.gzip()) Prefixes.mapping().getNsPrefixMap().forEach(stream::prefix);
        }

        /** Closes and removes the unfinished file. */
        void abandon() {
            try {
                out.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not close the unfinished download {}: {}", tmp, e.getMessage());
            } finally {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.warn("could not remove the unfinished download {}: {}", tmp, e.getMessage());
                }
            }
        }

        File finish() {
            try {
                stream.finish();
                out.close();
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                long bytes = Files.size(target);
                String cc = store.country();
                var download = new DcatDescriptions.Download(format.key(), base + cc + "/" + format.name(), format.title(), format.mediaType(),
                        format.compression(), format.fileType(), bytes, HexFormat.of().formatHex(sha.digest()), version.time());
                return new File(format.name(), target, format.contentType(), download);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void removeOtherVersions(int keep) {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList())
                if (!p.getFileName().toString().startsWith("v" + keep + "-")) Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("could not remove old downloads in {}: {}", dir, e.getMessage());
        }
    }

    @Override
    public void close() {
        // Wait for a rewrite in progress: its read transaction must end before the store can close.
        writer.shutdown();
        try {
            if (!writer.awaitTermination(60, TimeUnit.SECONDS)) LOG.warn("downloads of {} still being written at close", store.country());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
