/** The {@code cipnet} command line: one executable, one sub-command per capability. */
package org.cipnet.cli;
