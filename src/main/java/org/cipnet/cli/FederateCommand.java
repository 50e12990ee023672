package org.cipnet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.cipnet.federation.FairUse;
import org.cipnet.federation.Federator;
import org.cipnet.federation.FederatorConfig;
import org.cipnet.federation.ResultCache;
import org.cipnet.federation.exec.MemberClient;
import org.cipnet.federation.exec.QueryTrace;
import org.cipnet.federation.members.Member;
import org.cipnet.federation.members.MemberDiscovery;
import org.cipnet.federation.members.MembersFile;
import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.cipnet.rdf.RdfFiles;
import org.cipnet.rdf.ProjectFiles;
import org.cipnet.rdf.RdfInputException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cipnet federate}: one SPARQL endpoint over all members. */
@Command(name = "federate", mixinStandardHelpOptions = true,
        description = {"Run the federator: a read-only SPARQL 1.1 endpoint at /sparql whose dataset is the merge of all",
            "members' graphs plus the reference graph (see --reference). Add explain=true to a query for its plan and costs,",
            "partial=true to get the responding members' answer when some fail (named in X-Cipnet-Missing-Members)."})
final class FederateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--members", paramLabel = "FILE", description = "Members file (Turtle; see README 'Run the federator').")
    Path membersFile;

    @Option(names = "--member", paramLabel = "[ID=]URL", description = {"A member: any SPARQL 1.1 endpoint URL (http://host:3030/ds/sparql, used as given)",
        "or a cipnet node's dataset URL (http://localhost:3031/no); ID= names it (default: from the URL). Repeatable."})
    List<String> memberUrls = new ArrayList<>();

    @Option(names = "--reference", defaultValue = "auto", paramLabel = "none|cipnet|auto|FILE", description = {
        "The reference graph the federator adds to the federated dataset: none; cipnet's ontology and vocabularies;",
        "an RDF file; or auto (cipnet when a member's Service Description names cipnet's reference graph, else none).",
        "Default: ${DEFAULT-VALUE}."})
    String reference;

    @Option(names = "--port", defaultValue = "3030", description = "HTTP port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--partial", description = "Answer with the responding members by default (per request: partial=true|false).")
    boolean partial;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS", description = "Query timeout at the federator. Default: ${DEFAULT-VALUE}.")
    double timeout;

    @Option(names = "--result-cap", defaultValue = "100000", paramLabel = "N",
            description = "Most rows in one answer; a query whose answer has more is refused (422), never cut. Default: ${DEFAULT-VALUE}.")
    long resultCap;

    @Option(names = "--max-member-requests", defaultValue = "" + QueryTrace.DEFAULT_MAX_REQUESTS, paramLabel = "N",
            description = "Most member requests one query may send, probes included; beyond it the query is refused (422). Default: ${DEFAULT-VALUE}.")
    long maxMemberRequests;

    @Option(names = "--member-answer-limit", defaultValue = "" + MemberClient.DEFAULT_ANSWER_LIMIT, paramLabel = "BYTES",
            description = "Most bytes read of one member answer; a member sending more fails (named). Default: ${DEFAULT-VALUE} (256 MiB).")
    long memberAnswerLimit;

    @Option(names = "--max-query-bytes", defaultValue = "" + FederatorConfig.DEFAULT_MAX_QUERY_BYTES, paramLabel = "BYTES",
            description = "Most bytes of a query: the query parameter, or a request body after decompression (413 beyond). Default: ${DEFAULT-VALUE} (1 MiB).")
    long maxQueryBytes;

    private Graph referenceGraph(List<Member> members) throws RdfInputException {
        return switch (reference) {
            case "none" -> GraphFactory.createDefaultGraph();
            case "cipnet" -> ProjectFiles.locate().referenceGraph();
            case "auto" -> MemberDiscovery.anyNamesReference(members) ? ProjectFiles.locate().referenceGraph() : GraphFactory.createDefaultGraph();
            default -> {
                Path file = Path.of(reference);
                if (!java.nio.file.Files.isRegularFile(file))
                    throw new RdfInputException("--reference " + reference + ": give none, cipnet, auto or an RDF file that exists");
                yield RdfFiles.read(file);
            }
        };
    }

    @Option(names = "--fair-use-budget", defaultValue = "60", paramLabel = "SECONDS",
            description = "Query time each client (IP address) may use per --fair-use-window; over it, 429 with Retry-After. 0 = no budget. Default: ${DEFAULT-VALUE}.")
    double fairUseBudget;

    @Option(names = "--fair-use-window", defaultValue = "60", paramLabel = "SECONDS", description = "The window the budget refills over. Default: ${DEFAULT-VALUE}.")
    double fairUseWindow;

    @Option(names = "--max-queries-per-client", defaultValue = "8", paramLabel = "N",
            description = "Queries one client may have running at once; more are answered 429. 0 = no cap. Default: ${DEFAULT-VALUE}.")
    int maxQueriesPerClient;

    @Option(names = "--cache-mb", defaultValue = "64", paramLabel = "MB",
            description = "Memory for cached answers to repeated GET queries, valid until a member publishes; 0 = no cache. Default: ${DEFAULT-VALUE}.")
    long cacheMegabytes;

    @Option(names = "--version-check", defaultValue = "1", paramLabel = "SECONDS",
            description = "How long a member's published version is trusted before the cache asks again. Default: ${DEFAULT-VALUE}.")
    double versionCheck;

    @Override
    public Integer call() throws Exception {
        List<Member> members = new ArrayList<>();
        if (membersFile != null) members.addAll(MembersFile.read(membersFile));
        List<MemberDiscovery.Discovery> discovered = MemberDiscovery.resolveAll(memberUrls);
        discovered.forEach(d -> members.add(d.member()));
        if (members.isEmpty()) throw new RdfInputException("no members: give --members FILE or --member URL");
        MemberDiscovery.requireDistinct(members);
        java.util.Map<String, String> undiscovered = new java.util.LinkedHashMap<>();
        discovered.stream().filter(d -> !d.answered()).forEach(d -> undiscovered.put(d.member().id(), d.url()));
        var config = new FederatorConfig(members, port, partial, Math.round(timeout * 1000), resultCap, 400,
                maxMemberRequests, memberAnswerLimit, maxQueryBytes, undiscovered, FederatorConfig.DEFAULT_REDISCOVERY);
        Graph ref = referenceGraph(members);
        Federator fed = Federator.start(config, ref,
                new FairUse(fairUseBudget, fairUseWindow, maxQueriesPerClient),
                cacheMegabytes == 0 ? ResultCache.OFF : new ResultCache(cacheMegabytes << 20, ResultCache.DEFAULT.maxEntry(),
                        java.time.Duration.ofMillis(Math.round(versionCheck * 1000))));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { fed.close(); stopped.countDown(); }));
        var out = spec.commandLine().getOut();
        out.println("cipnet federator on " + fed.sparqlUrl() + " over " + members.size() + (members.size() == 1 ? " member:" : " members:"));
        members.forEach(m -> out.printf("  %-4s %s (%s)%n", m.id(), m.sparql(), (m.contract()
                ? "URI space " + m.uriSpace() + ", stars pushed down" : "plain endpoint" + (m.uriSpace() == null ? "" : ", URI space " + m.uriSpace())
                + ": its triples are read at the federator")
                + (undiscovered.containsKey(m.id()) ? "; it did not answer: asked again every " + FederatorConfig.DEFAULT_REDISCOVERY.toSeconds() + " s" : "")));
        out.println("  reference graph: " + (ref.isEmpty() ? "none" : ref.size() + " triples")
                // auto decides once, at start, from the members that answered then
                + (reference.equals("auto") && ref.isEmpty() && !undiscovered.isEmpty() ? " (auto: no member that answered names cipnet's; "
                        + undiscovered.size() + " did not answer: if they are cipnet nodes, start the federator with --reference cipnet)" : ""));
        out.flush();
        stopped.await();
        return 0;
    }
}
