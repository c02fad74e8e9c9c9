/**
 * Exact diagonalization of the weakly driven XXZ chain of paper 004 and the generalized-Gibbs
 * hydrodynamics built on it: forces (Eq. 9, A.1), noise from the Einstein relation (Eq. 19),
 * the map between Lagrange parameters and densities, fixed points and their stability (Fig. 2).
 *
 * <p>Convention: Pauli operators throughout (see {@link org.ness4j.hydro.ed.XxzChain}).
 */
package org.ness4j.hydro.ed;
