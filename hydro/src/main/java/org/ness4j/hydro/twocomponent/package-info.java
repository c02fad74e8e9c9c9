/**
 * The general two-component noisy hydrodynamics of paper 004 (Eq. 11, 13), beyond the paper's
 * toy model: forces, noise matrix and susceptibilities from exact diagonalization
 * ({@link org.ness4j.hydro.ed.DrivenXxzHydrodynamics}) tabulated on a grid in \((m, e)\)
 * ({@link org.ness4j.hydro.twocomponent.TabulatedHydrodynamics}), a constant diffusion matrix
 * ({@link org.ness4j.hydro.twocomponent.TwoComponentModel}) and a batched, allocation-free
 * stochastic Heun stepper ({@link org.ness4j.hydro.twocomponent.TwoComponentStepper}).
 *
 * <p>Layering: depends on {@code org.ness4j.hydro.ed}, {@code ness4j-core} (random streams)
 * and Commons RNG.
 */
package org.ness4j.hydro.twocomponent;
