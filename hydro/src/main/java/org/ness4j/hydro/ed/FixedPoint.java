package org.ness4j.hydro.ed;

/**
 * A fixed point \(f(m, e) = 0\) of the homogeneous hydrodynamics \(\dot q = f(q)\)
 * (paper 004, Fig. 2).
 *
 * @param point the Gibbs state at the fixed point
 * @param stable true if both eigenvalues of the stability matrix have negative real part
 */
public record FixedPoint(GibbsPoint point, boolean stable) {
}
