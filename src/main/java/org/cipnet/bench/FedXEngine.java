package org.cipnet.bench;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.eclipse.rdf4j.federated.FedXConfig;
import org.eclipse.rdf4j.federated.FedXFactory;
import org.eclipse.rdf4j.federated.endpoint.Endpoint;
import org.eclipse.rdf4j.federated.endpoint.EndpointFactory;
import org.eclipse.rdf4j.federated.repository.FedXRepository;
import org.eclipse.rdf4j.model.BNode;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.query.BindingSet;
import org.eclipse.rdf4j.query.QueryLanguage;
import org.eclipse.rdf4j.repository.sail.SailRepository;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.sail.memory.MemoryStore;

/**
 * FedX (RDF4J 5.1.2), as its users run it: in-process, over the members' SPARQL endpoints, with
 * its own source selection (ASK probes, cached) and bound joins. The reference graph, which the
 * cipnet federator holds locally, is given to FedX the same way: as a local in-memory member.
 */
final class FedXEngine implements Engine {
    private final List<String> memberEndpoints;
    private final String referenceNTriples;
    private final int timeoutSeconds;
    private volatile FedXRepository repository;
    private volatile SailRepository reference;
    // FedX can wait forever on a worker that has died; each query runs here so the bench can give up on it.
    private final java.util.concurrent.ExecutorService caller = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bench-fedx-caller");
        t.setDaemon(true);
        return t;
    });

    FedXEngine(List<String> memberEndpoints, Graph referenceGraph, int timeoutSeconds) throws Exception {
        this.memberEndpoints = List.copyOf(memberEndpoints);
        this.timeoutSeconds = timeoutSeconds;
        var out = new java.io.StringWriter();
        RDFDataMgr.write(out, referenceGraph, Lang.NTRIPLES);
        referenceNTriples = out.toString();
        start();
    }

    private void start() throws Exception {
        reference = new SailRepository(new MemoryStore());
        reference.init();
        try (var c = reference.getConnection()) {
            c.add(new StringReader(referenceNTriples), "", RDFFormat.NTRIPLES);
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < memberEndpoints.size(); i++)
            endpoints.add(EndpointFactory.loadSPARQLEndpoint("member" + i, memberEndpoints.get(i)));
        endpoints.add(EndpointFactory.loadEndpoint("reference", reference));
        repository = FedXFactory.newFederation().withMembers(endpoints)
                .withConfig(new FedXConfig().withEnforceMaxQueryTime(timeoutSeconds)).create();
        repository.init();
    }

    @Override
    public String name() { return "fedx"; }

    @Override
    public Answer answer(String query) throws Exception {
        var future = caller.submit(() -> evaluate(query));
        try {
            return future.get(timeoutSeconds + 5L, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            restart();
            throw new java.util.concurrent.TimeoutException("FedX gave no answer within " + (timeoutSeconds + 5) + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    /**
     * A FedX query that ignores its own time limit keeps its workers pulling from the members after
     * the bench has given up on it, which would be billed to the next queries of every system: the
     * federation is shut down (closing its HTTP connections) and started afresh.
     */
    private void restart() throws Exception {
        FedXRepository stuck = repository;
        SailRepository stuckReference = reference;
        Thread stop = new Thread(() -> {
            stuck.shutDown();
            stuckReference.shutDown();
        }, "bench-fedx-shutdown");
        stop.setDaemon(true);
        stop.start();
        stop.join(30_000);
        start();
    }

    private Answer evaluate(String query) {
        try (var c = repository.getConnection()) {
            var parsed = org.apache.jena.query.QueryFactory.create(query);
            if (parsed.isAskType()) return new Answer(List.of("?ask=" + c.prepareBooleanQuery(QueryLanguage.SPARQL, query).evaluate()));
            List<String> rows = new ArrayList<>();
            try (var result = c.prepareTupleQuery(QueryLanguage.SPARQL, query).evaluate()) {
                for (BindingSet b : result) {
                    SortedMap<String, String> row = new TreeMap<>();
                    b.forEach(x -> row.put(x.getName(), term(x.getValue())));
                    rows.add(Answer.row(row));
                }
            }
            return new Answer(rows);
        }
    }

    private static String term(Value v) {
        if (v instanceof IRI i) return Answer.iri(i.stringValue());
        if (v instanceof BNode) return Answer.blank();
        Literal l = (Literal) v;
        return Answer.literal(l.getLabel(), l.getLanguage().orElse(null), l.getDatatype() == null ? null : l.getDatatype().stringValue());
    }

    @Override
    public void close() {
        caller.shutdownNow();
        repository.shutDown();
        reference.shutDown();
    }
}
