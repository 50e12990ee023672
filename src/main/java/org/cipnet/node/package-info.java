/**
 * One national node: an embedded Fuseki over a TDB2 store. The national graph is the store's default
 * graph; the shared reference graph and the kept versions are named graphs beside it, so a plain
 * query (and so the federator) sees each national triple once and no reference triple at all.
 * Publications pass the same gate whatever their origin: parse, validate, check ownership, then one
 * write transaction.
 */
package org.cipnet.node;
