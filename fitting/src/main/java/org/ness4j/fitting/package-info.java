/**
 * Thermometry of the driven-dissipative Bose-Hubbard chain (paper 000, Fig. 4, 14-17 and the SI):
 * Levenberg-Marquardt fits of the local Wigner functions to the Gibbs, 2-photon-decay and
 * generalized Scully-Lamb ansätze ({@link org.ness4j.fitting.WignerFitter}), profiles of
 * \( T_\ell, \mu_\ell, \mu_\ell/T_\ell, S_\ell \) with the nonthermal / prethermal / thermal domain
 * classification ({@link org.ness4j.fitting.ThermometryProfile}), and the two-damped-cosine fit
 * of the autocorrelation, Eq. 47 ({@link org.ness4j.fitting.DampedCosineFit}).
 */
package org.ness4j.fitting;
