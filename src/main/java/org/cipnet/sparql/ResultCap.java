package org.cipnet.sparql;

import org.apache.jena.query.Query;

/** The result cap every query path applies: a LIMIT no larger than the cap. */
public final class ResultCap {
    private ResultCap() {}

    /** The response header that states the cap. */
    public static final String HEADER = "X-Cipnet-Result-Cap";

    /** The query with its LIMIT lowered to {@code cap} when it has none or a larger one; ASK is left alone. */
    public static Query apply(Query q, long cap) {
        if ((q.isSelectType() || q.isConstructType() || q.isDescribeType()) && (!q.hasLimit() || q.getLimit() > cap)) {
            Query c = q.cloneQuery();
            c.setLimit(cap);
            return c;
        }
        return q;
    }
}
