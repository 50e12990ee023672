package org.cipnet.node;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.cipnet.opendata.RdfNegotiation;
import org.cipnet.vocab.Prefixes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The node's VoID description, as {@code /CC/void} and {@code /.well-known/void} serve it. It
 * changes only with a publication, so its {@code ETag} names the version (and the syntax): a
 * federator that re-reads it to keep its statistics fresh gets a 304 until the next publication,
 * and neither side writes or parses it again. Each syntax is written once per version.
 */
final class VoidDocument {
    /** One syntax of one version's description; {@code version} is null before the first publication. */
    private record Written(Version version, byte[] body) {}

    private final NationalStore store;
    private final Map<Lang, Written> written = new ConcurrentHashMap<>();

    VoidDocument(NationalStore store) {
        this.store = store;
    }

    void serve(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Lang asked = RdfNegotiation.rdfLang(req.getHeader("Accept"));
        Lang lang = asked == null ? Lang.TURTLE : asked;
        res.setHeader("Vary", "Accept");
        var current = store.latest();
        if (current.isPresent() && Conditional.notModified(req, res, etag(current.get(), lang), current.get().time())) {
            res.setStatus(304);
            return;
        }
        Written w = written.get(lang);
        if (w == null || current.isEmpty() || !current.get().equals(w.version())) {
            w = write(lang);
            if (w.version() != null) {
                written.put(lang, w);
                // the version read with the description: one published since the check above has its own validators
                Conditional.validators(res, etag(w.version(), lang), w.version().time());
            }
        }
        RdfNegotiation.send(res, lang, w.body());
    }

    /** The current description in this syntax, read with the version it describes (none before the first publication). */
    private Written write(Lang lang) {
        var described = store.describedVersion();
        Graph g = described.map(NationalStore.Described::description).orElseGet(store::voidDescription);
        g.getPrefixMapping().setNsPrefixes(Prefixes.usedIn(g));
        return new Written(described.map(NationalStore.Described::version).orElse(null), RdfNegotiation.serialise(g, lang));
    }

    /**
     * The version's number and commit time (a store deleted and published again starts its numbers
     * anew) and the syntax, as one representation of one version.
     */
    private static String etag(Version v, Lang lang) {
        return "\"v" + v.number() + "-" + v.time().toEpochMilli() + "-void." + lang.getFileExtensions().get(0) + "\"";
    }
}
