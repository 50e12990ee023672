package org.cipnet.cli;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cipnet query} and {@code cipnet explain}: run a query against the federation and show the answer or the plan. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run a SPARQL query (a .rq file, or the text itself) against the federated endpoint and print a table",
            "(SELECT/ASK) or Turtle (CONSTRUCT/DESCRIBE). Exit status: 0 answered, 2 the endpoint refused or failed."})
class QueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE|QUERY", description = "A .rq file or the query text.")
    String query;

    /** The demo's federator on its default port. */
    static final String DEFAULT_ENDPOINT = "http://localhost:3030/sparql";

    @Option(names = "--endpoint", defaultValue = DEFAULT_ENDPOINT,
            description = "The federated SPARQL endpoint. Default: ${DEFAULT-VALUE} (the demo's federator).")
    String endpoint;

    @Option(names = "--partial", description = "Accept an answer without failing members (they are named).")
    boolean partial;

    boolean explain() { return false; }

    @Override
    public Integer call() throws Exception {
        boolean file = Files.isRegularFile(Path.of(query));
        String text = file ? Files.readString(Path.of(query)) : query;
        org.apache.jena.query.Query parsed;
        try {
            parsed = org.apache.jena.query.QueryFactory.create(text);
        } catch (org.apache.jena.query.QueryParseException e) {
            String where = file ? query : query.endsWith(".rq") ? query + " (no such file; read as query text)" : "query text";
            spec.commandLine().getErr().println("cipnet " + spec.name() + ": " + where + ": syntax error: " + e.getMessage().strip());
            return 2;
        }
        String accept = explain() ? "text/plain" : parsed.isSelectType() || parsed.isAskType() ? "application/sparql-results+json" : "text/turtle";
        String body = "query=" + URLEncoder.encode(text, StandardCharsets.UTF_8) + (explain() ? "&explain=true" : "") + (partial ? "&partial=true" : "");
        HttpResponse<String> res = NodeClient.send(
                HttpRequest.newBuilder(URI.create(endpoint)).header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", accept).timeout(Duration.ofMinutes(5))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        var out = spec.commandLine().getOut();
        if (res.statusCode() != 200) {
            spec.commandLine().getErr().println("cipnet " + spec.name() + ": HTTP " + res.statusCode() + ": " + res.body().strip());
            return 2;
        }
        res.headers().firstValue("X-Cipnet-Missing-Members").ifPresent(m -> spec.commandLine().getErr().println("missing members: " + m));
        if (explain() || !(parsed.isSelectType() || parsed.isAskType())) {
            out.print(res.body());
        } else if (parsed.isAskType()) {
            out.println(res.body().contains("true") ? "yes" : "no");
        } else {
            ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(res.body().getBytes(StandardCharsets.UTF_8)), ResultSetLang.RS_JSON);
            var pm = org.cipnet.vocab.Prefixes.mapping();
            var buf = new java.io.ByteArrayOutputStream();
            ResultSetFormatter.out(buf, rs, pm);
            out.print(buf.toString(StandardCharsets.UTF_8));
        }
        out.flush();
        return 0;
    }
}
