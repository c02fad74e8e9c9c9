/**
 * Small exact quantum solvers for validation and thermometry (paper 000, Eq. 8-11, 16, 41-45, 48
 * and the Supplementary Information on impurity models).
 *
 * <ul>
 *   <li>Operators: {@link org.ness4j.core.quantum.FockSpace} (a few bosonic modes with per-mode
 *       cutoffs) and {@link org.ness4j.core.quantum.SparseOperator} (immutable complex CSR,
 *       allocation-free {@code apply}).</li>
 *   <li>Dynamics: {@link org.ness4j.core.quantum.Lindbladian} (fluent builder, allocation-free
 *       action on dense density matrices); {@link org.ness4j.core.quantum.ChainOperators} builds
 *       it for a {@link org.ness4j.core.chain.BoseHubbardChain} (Eq. 1-3);
 *       {@link org.ness4j.core.quantum.QuantumTrajectories} unravels it into parallel,
 *       reproducible Monte Carlo wave-function trajectories (SI Eq. 16-19, 36).</li>
 *   <li>Steady states: {@link org.ness4j.core.quantum.SteadyStates#direct} (dense LU, Hilbert
 *       dimension up to {@value org.ness4j.core.quantum.SteadyStates#MAX_DIMENSION}) and the
 *       {@code O(N)} birth-death fast path {@link org.ness4j.core.quantum.BirthDeathChains} for
 *       phase-invariant single-mode models ({@link org.ness4j.core.quantum.PhaseInvariantModel}),
 *       cutoffs of thousands.</li>
 *   <li>Local models: {@link org.ness4j.core.quantum.TwoPhotonDecayModel} (Eq. 10, 41),
 *       {@link org.ness4j.core.quantum.ScullyLambModel} (Eq. 42),
 *       {@link org.ness4j.core.quantum.GibbsState} (Eq. 8, 48); their steady states are
 *       {@link org.ness4j.core.quantum.FockDistribution}s with photon statistics, entropy and
 *       Wigner function; {@link org.ness4j.core.quantum.CoherenceFunction} holds
 *       \( \langle a^\dagger(\tau) a(0)\rangle \), where the dephasing rate enters.</li>
 *   <li>Benchmark: {@link org.ness4j.core.quantum.DrivenKerrOscillator}, the exact
 *       Drummond-Walls steady state of one driven Kerr site.</li>
 *   <li>{@link org.ness4j.core.quantum.FockStates}: Weyl symbols of Fock projectors, used by the
 *       observables module to turn Wigner samples into Fock populations.</li>
 * </ul>
 *
 * <p>Units: \( \hbar = k_B = 1 \); energies, rates and temperatures in the same unit (the paper's
 * \( \gamma = 1 \)). All types are immutable and thread-safe except builders and
 * {@link org.ness4j.core.quantum.Lindbladian.Workspace} (one per thread).
 */
package org.ness4j.core.quantum;
