/**
 * Rößler's stochastic Runge-Kutta methods of strong order 1.5 (Rößler 2010, SIAM J. Numer.
 * Anal. 48(3), 922-952) with their published tableaus stored as data: {@link
 * org.ness4j.sde.srk.Sra} (SRA1, SRA3, SOSRA; additive noise) and {@link org.ness4j.sde.srk.Sri}
 * (SRIW1, SOSRI; Itô diagonal noise), whose steppers carry the natural embedded error estimate
 * of Rackauckas and Nie (2017) ({@link org.ness4j.sde.srk.EmbeddedStepper}) used by
 * {@link org.ness4j.sde.adaptive.AdaptiveSolver}. See {@code docs/srk.md}.
 */
package org.ness4j.sde.srk;
