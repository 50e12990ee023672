/**
 * SHACL validation of publications: the data (plus the shared reference graph) against
 * {@code shapes/}, reported per focus node with the file each node came from. Violations block a
 * publication; warnings are shown and pass.
 */
package org.cipnet.validation;
