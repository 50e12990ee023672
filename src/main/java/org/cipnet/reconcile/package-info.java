/**
 * The W3C Entity Reconciliation API, version 0.2 (what OpenRefine 3.x speaks), over the linking
 * matcher: manifest, reconciliation queries (GET and form POST), suggest (entities, properties,
 * types), preview cards, data extension with property proposals. Mounted in the web front at
 * {@code /reconcile} by {@link org.cipnet.reconcile.Reconciliation#register}; CORS on every
 * endpoint, JSON errors that say what and where.
 */
package org.cipnet.reconcile;
