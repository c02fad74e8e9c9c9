/**
 * Examples for the exact quantum solvers of {@code org.ness4j.core.quantum} and the cumulant
 * expansion of {@code org.ness4j.core.chain}: local thermometry models and the Kerr-oscillator
 * validation ({@link org.ness4j.examples.quantum.LocalModels}), truncated Wigner against Monte
 * Carlo wave-function trajectories for the dimer, paper 000 Fig. 9
 * ({@link org.ness4j.examples.quantum.Fig9QuantumTrajectories}), and the second-order cumulant
 * expansion over drive and chain length, Fig. 10
 * ({@link org.ness4j.examples.quantum.Fig10Cumulants}). See {@code docs/quantum.md}. Not library
 * API.
 */
package org.ness4j.examples.quantum;
