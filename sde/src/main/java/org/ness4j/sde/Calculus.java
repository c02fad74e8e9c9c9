package org.ness4j.sde;

/**
 * How the stochastic integral of a problem with {@link NoiseKind#DIAGONAL} noise is to be read.
 * Irrelevant for additive noise, where both readings coincide.
 */
public enum Calculus {
    /** Itô calculus (Euler-Maruyama converges to it). */
    ITO,
    /** Stratonovich calculus (stochastic Heun converges to it). */
    STRATONOVICH
}
