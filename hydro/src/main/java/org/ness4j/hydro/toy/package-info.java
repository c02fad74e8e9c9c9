/**
 * The toy stochastic PDE of paper 004 (Eq. 15-18): model and discretization
 * ({@link org.ness4j.hydro.toy.ToyModel}), a batched stochastic-Heun stepper
 * ({@link org.ness4j.hydro.toy.ToyModelStepper}), domain-wall counting and statistics, and the
 * fit \(n_{DW} = A e^{-c/\sqrt{\varepsilon}}\).
 *
 * <p>Layering: depends only on {@code ness4j-core} (random streams) and Commons RNG.
 */
package org.ness4j.hydro.toy;
