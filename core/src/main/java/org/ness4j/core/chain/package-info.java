/**
 * The boundary-driven, dissipative Bose-Hubbard chain of paper 000 (Eq. 1-4, 31, 35, 38-39, 49):
 * parameters, semiclassical equations of motion and their exact anchors, and the second-order
 * quantum cumulant expansion ({@link org.ness4j.core.chain.CumulantExpansion}, SI Eq. 34, 37).
 */
package org.ness4j.core.chain;
