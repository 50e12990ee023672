/**
 * What the node and the federator share at their HTTP edge: bounds on what an anonymous client can make a server hold,
 * and the buffer each answer goes out through.
 */
package org.cipnet.http;
