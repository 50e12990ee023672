package org.cipnet.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpJoin;
import org.apache.jena.sparql.algebra.op.OpPath;
import org.apache.jena.sparql.algebra.op.OpTable;
import org.apache.jena.sparql.algebra.table.TableData;
import org.apache.jena.sparql.algebra.walker.Walker;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.system.Txn;

/**
 * The members that hold data a query's answer is made of — what an ideal federator would ask: the
 * owners (by URI space) of the subjects the query's triple patterns match in the central store's
 * solutions of its WHERE clause. A lower bound on member requests (a join across members may need
 * more than one round); a query-level VALUES block counts; patterns inside EXISTS, or hidden inside
 * a subquery's projection, are not counted.
 */
final class IdealSources {
    private IdealSources() {}

    /** Distinct owners, or -1 when the central store cannot evaluate the pattern. */
    static int members(DatasetGraph central, String queryText, Function<String, String> owner) {
        Query query = QueryFactory.create(queryText);
        Op pattern = Algebra.compile(query.getQueryPattern());
        // A VALUES block after the pattern restricts what it matches.
        Op op = !query.hasValues() ? pattern
                : OpJoin.create(pattern, OpTable.create(new TableData(query.getValuesVariables(), query.getValuesData())));
        List<Node> subjects = new ArrayList<>();
        Walker.walk(op, new OpVisitorBase() {
            @Override public void visit(OpBGP bgp) { bgp.getPattern().forEach(t -> subjects.add(t.getSubject())); }
            @Override public void visit(OpPath p) { subjects.add(p.getTriplePath().getSubject()); }
        });
        Set<String> owners = new HashSet<>();
        try {
            Txn.executeRead(central, () -> {
                QueryIterator it = Algebra.exec(op, central);
                try {
                    while (it.hasNext()) {
                        Binding b = it.next();
                        for (Node s : subjects) {
                            Node v = s.isVariable() ? b.get(Var.alloc(s)) : s;
                            String o = v != null && v.isURI() ? owner.apply(v.getURI()) : null;
                            if (o != null) owners.add(o);
                        }
                    }
                } finally {
                    it.close();
                }
            });
        } catch (RuntimeException e) {
            return -1;
        }
        return owners.size();
    }
}
