package org.cipnet.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;

import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.fuseki.servlets.BaseActionREST;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.riot.Lang;

/**
 * The node's open-data operations: {@code /CC/dcat} (its dataset's DCAT-AP description) and
 * {@code /CC/dump.nt.gz}, {@code /CC/dump.ttl} (the national graph as a download), with
 * {@code ETag} and {@code Last-Modified} so that harvesters fetch a dump again only after a publication.
 */
final class DownloadOperations {
    private DownloadOperations() {}

    static final Operation DCAT = Operation.alloc("https://w3id.org/cipnet/ontology#dcat", "dcat",
            "The DCAT-AP description of the national dataset");
    static final Operation DUMP = Operation.alloc("https://w3id.org/cipnet/ontology#dump", "dump",
            "The national graph as a file");

    /** GET the DCAT-AP description (Turtle unless JSON-LD, RDF/XML or N-Triples is asked for). */
    static final class DcatDoc extends BaseActionREST {
        private final Downloads downloads;

        DcatDoc(Downloads downloads) { this.downloads = downloads; }

        @Override
        protected void doGet(HttpAction action) {
            Downloads.Published p = downloads.current();
            if (p == null) {
                Responses.text(action, 404, "nothing has been published on this node yet\n");
                return;
            }
            Lang lang = Responses.rdfLang(action.getRequestHeader("Accept"));
            action.setResponseHeader("Last-Modified", Conditional.httpDate(p.time()));
            Responses.rdf(action, 200, p.dcat(), lang == null ? Lang.TURTLE : lang);
        }
    }

    /** GET a dump of the current version, by the endpoint's name; 304 when the client has it already. */
    static final class Dump extends BaseActionREST {
        private final Downloads downloads;
        private final String country;

        Dump(Downloads downloads, String country) {
            this.downloads = downloads;
            this.country = country;
        }

        @Override
        protected void doHead(HttpAction action) {
            serve(action, false);
        }

        @Override
        protected void doGet(HttpAction action) {
            serve(action, true);
        }

        private void serve(HttpAction action, boolean body) {
            for (int attempt = 0; attempt < 3; attempt++) {
                Downloads.Published p = downloads.current();
                if (p == null) {
                    Responses.text(action, 404, "nothing has been published on this node yet\n");
                    return;
                }
                Downloads.File f = p.file(action.getEndpoint().getName());
                if (f == null) {
                    Responses.text(action, 404, "no such download: " + action.getEndpoint().getName() + "\n");
                    return;
                }
                if (Conditional.notModified(action.getRequest(), action.getResponse(), p.etag(f), p.time())) {
                    action.setResponseStatus(304);
                    return;
                }
                try (InputStream in = Files.newInputStream(f.path())) {
                    action.setResponseStatus(200);
                    action.setResponseContentType(f.contentType());
                    action.getResponse().setContentLengthLong(f.download().bytes());
                    action.setResponseHeader("Content-Disposition",
                            "attachment; filename=\"cipnet-" + country + f.name().substring("dump".length()) + "\"");
                    if (!body) return;
                    try (OutputStream out = action.getResponseOutputStream()) {
                        in.transferTo(out);
                    }
                    return;
                } catch (NoSuchFileException e) {
                    // A publication replaced this version's files between looking them up and opening them: take the new ones.
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            Responses.text(action, 503, "the downloads are being rewritten by a burst of publications; try again\n");
        }
    }
}
