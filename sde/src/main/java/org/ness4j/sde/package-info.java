/**
 * Stochastic differential equations: problems ({@link org.ness4j.sde.SdeProblem}), algorithms
 * ({@link org.ness4j.sde.EulerMaruyama}, {@link org.ness4j.sde.Heun}) and their per-run steppers.
 * Sub-packages: {@link org.ness4j.sde.chain} (the Bose-Hubbard chain and its fused kernels) and
 * {@link org.ness4j.sde.ensemble} (parallel reproducible ensembles).
 */
package org.ness4j.sde;
