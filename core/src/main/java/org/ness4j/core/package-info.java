/**
 * Core of ness4j: models of driven-dissipative chains, shared contracts (accumulators, seeds,
 * argument checks) and small exact solvers. Depends on no other ness4j module.
 *
 * <p>Sub-packages: {@link org.ness4j.core.chain} (the Bose-Hubbard chain of paper 000),
 * {@link org.ness4j.core.random} (reproducible per-trajectory random streams),
 * {@link org.ness4j.core.stat} (mergeable, serializable accumulators),
 * {@link org.ness4j.core.quantum} (Fock-space operators, Lindblad generators, steady states,
 * impurity models and Gibbs states).
 */
package org.ness4j.core;
