/**
 * Reproductions of paper 004 (noisy hydrodynamics of a weakly driven XXZ chain) with the
 * {@code ness4j-hydro} module: Fig. 2 ({@link org.ness4j.examples.hydro.HydroForceField}),
 * Fig. 3 ({@link org.ness4j.examples.hydro.HydroWallProfiles}), Fig. 4
 * ({@link org.ness4j.examples.hydro.HydroSpaceTime}), Fig. 5
 * ({@link org.ness4j.examples.hydro.HydroWallDensity}), a kernel benchmark
 * ({@link org.ness4j.examples.hydro.HydroBenchmark}), and, beyond the paper, the general
 * two-component hydrodynamics with exact-diagonalization forces and noise
 * ({@link org.ness4j.examples.hydro.HydroTwoComponent}). See {@code docs/hydro.md}.
 */
package org.ness4j.examples.hydro;
