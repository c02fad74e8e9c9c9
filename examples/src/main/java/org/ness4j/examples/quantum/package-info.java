/**
 * Examples for the small exact quantum solvers of {@code org.ness4j.core.quantum}: local
 * thermometry models and the Kerr-oscillator validation. Not library API.
 */
package org.ness4j.examples.quantum;
