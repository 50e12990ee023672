/**
 * Where work runs: rewrites ARQ algebra so that each subject-star of a basic graph pattern becomes
 * one pushed-down request per relevant member (exact because of the ownership contract: every
 * triple about a subject lies with one member), joined by bind joins at the federator.
 */
package org.cipnet.federation.planner;
