/**
 * Text normalisation shared by everything that compares names: the linking matcher and the
 * Yellow Pages search. {@link org.cipnet.text.Normaliser} folds case, accents and scripts (ICU4J;
 * Russian by BGN/PCGN), strips ISO 20275 legal forms at a name's edges and weights generic words
 * down. The lists it reads are in {@code src/main/resources/org/cipnet/text/} with their sources.
 */
package org.cipnet.text;
