/**
 * The toy stochastic PDE of paper 004 (Eq. 15-18): model and discretization
 * ({@link org.ness4j.hydro.toy.ToyModel}), a batched stochastic-Heun stepper
 * ({@link org.ness4j.hydro.toy.ToyModelStepper}), domain-wall counting and statistics, the
 * fit \(n_{DW} = A e^{-c/\sqrt{\varepsilon}}\), and the exact stationary statistics without
 * the conserved noise ({@link org.ness4j.hydro.toy.TransferIntegral}: the Gibbs measure of the
 * lattice free energy by the transfer-integral method, with exact configuration samples for
 * wall densities counted by the same counter).
 *
 * <p>Layering: depends only on {@code ness4j-core} (random streams), Commons RNG and EJML.
 */
package org.ness4j.hydro.toy;
