package org.ness4j.hydro.twocomponent;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.ness4j.hydro.ed.DrivenXxzHydrodynamics;
import org.ness4j.hydro.ed.GibbsPoint;
import org.ness4j.hydro.ed.XxzSpectrum;

/**
 * Forces \(\tilde f_i(m, e) = f_i/\varepsilon\) (paper 004, Eq. 9, A.1), noise matrix
 * \(\tilde N_{ij} = N_{ij}/\varepsilon\) (Eq. 19) and static covariance \(\chi_{ij}T\) (Eq. 12)
 * of the exact-diagonalization hydrodynamics ({@link DrivenXxzHydrodynamics}), tabulated once
 * on a grid and interpolated bilinearly, so that the two-component SPDE (Eq. 11, 13) can
 * evaluate them in every cell and step at the cost of a few multiplications.
 *
 * <p><b>Grid.</b> For a finite chain the Gibbs states \(e^{-\lambda_1Q_1-\lambda_2Q_2}/Z\) reach
 * exactly the interior of the convex hull of the eigenvalue points \((M_n/N, E_n/N)\). That
 * region is not a rectangle: at \(|m| \to 1\) the energy range shrinks to a point, and the
 * bistable fixed points (e.g. \(m = \pm0.84\), \(e = 0.79\) at \(N = 12\), \(\gamma = 0.95\))
 * lie close to its upper edge. The table therefore uses the coordinates \((m, s)\) with
 * \[ e = e_-(m) + s\,\big(e_+(m) - e_-(m)\big), \]
 * \(e_\pm(m)\) the upper and lower hull (piecewise linear between the sector magnetizations
 * \(m_k = -1 + 2k/N\)), on a uniform grid \(m \in [-m_{max}, m_{max}]\),
 * \(s \in [s_{min}, 1 - s_{min}]\). Every node is a reachable state, found with
 * {@link DrivenXxzHydrodynamics#solve(double, double, double)}.
 *
 * <p><b>Interpolation.</b> Bilinear in \((m, s)\): exact at the nodes, error \(O(h^2)\) between
 * them (second derivatives of the ED functions times \(h_m^2/8 + h_s^2/8\)), continuous, and a
 * convex combination of the node values. The last property keeps the interpolated noise
 * matrix positive semi-definite, so its Cholesky factor exists everywhere (a bicubic
 * interpolant would not guarantee that). Points outside the grid are clamped to its edge
 * (nearest \(m\), then nearest \(s\)); {@link #evaluate} reports whether that happened.
 *
 * <p>Thread safety: immutable; {@link #evaluate} writes only to the caller's array.
 */
public final class TabulatedHydrodynamics {

    /** Index of \(\tilde f_1\), the magnetization force per unit \(\varepsilon\). */
    public static final int F1 = 0;
    /** Index of \(\tilde f_2\), the energy force per unit \(\varepsilon\). */
    public static final int F2 = 1;
    /** Index of \(\tilde N_{11}\). */
    public static final int N11 = 2;
    /** Index of \(\tilde N_{12}\). */
    public static final int N12 = 3;
    /** Index of \(\tilde N_{22}\). */
    public static final int N22 = 4;
    /** Index of \(\chi_{11}T = \mathrm{Cov}(Q_1,Q_1)/N\). */
    public static final int C11 = 5;
    /** Index of \(\chi_{12}T = \mathrm{Cov}(Q_1,Q_2)/N\). */
    public static final int C12 = 6;
    /** Index of \(\chi_{22}T = \mathrm{Cov}(Q_2,Q_2)/N\). */
    public static final int C22 = 7;
    /** Number of tabulated quantities per node. */
    public static final int QUANTITIES = 8;

    private static final double SOLVE_TOLERANCE = 1e-12;
    /** Clamping by less than this (rounding at the grid edge) is not reported. */
    private static final double CLAMP_SLACK = 1e-12;

    private final DrivenXxzHydrodynamics source;
    private final int sites;
    private final double[] lower;
    private final double[] upper;
    private final int mPoints;
    private final int sPoints;
    private final double mMax;
    private final double sMin;
    private final double mStep;
    private final double sStep;
    /** values[(i * sPoints + j) * QUANTITIES + q]. */
    private final double[] values;

    private TabulatedHydrodynamics(DrivenXxzHydrodynamics source, int mPoints, int sPoints,
                                   double mMax, double sMin) {
        this.source = source;
        XxzSpectrum spectrum = source.spectrum();
        this.sites = spectrum.chain().sites();
        this.mPoints = mPoints;
        this.sPoints = sPoints;
        this.mMax = mMax;
        this.sMin = sMin;
        this.mStep = 2 * mMax / (mPoints - 1);
        this.sStep = (1 - 2 * sMin) / (sPoints - 1);
        double[] eMin = new double[sites + 1];
        double[] eMax = new double[sites + 1];
        Arrays.fill(eMin, Double.POSITIVE_INFINITY);
        Arrays.fill(eMax, Double.NEGATIVE_INFINITY);
        for (int n = 0; n < spectrum.size(); n++) {
            int k = (int) Math.round((spectrum.magnetization(n) + sites) / 2);
            double e = spectrum.energy(n) / sites;
            eMin[k] = Math.min(eMin[k], e);
            eMax[k] = Math.max(eMax[k], e);
        }
        this.lower = lowerHull(eMin, 1);
        this.upper = lowerHull(eMax, -1);
        this.values = new double[mPoints * sPoints * QUANTITIES];
        for (int i = 0; i < mPoints; i++) {
            double m = nodeM(i);
            for (int j = 0; j < sPoints; j++) {
                double e = nodeE(i, j);
                GibbsPoint p = source.solve(m, e, SOLVE_TOLERANCE);
                if (p == null) {
                    throw new IllegalStateException(String.format(Locale.ROOT,
                        "no Gibbs state at grid node m = %s, e = %s (too close to the edge of"
                            + " the reachable region); reduce mMax (%s) or increase sMin (%s)",
                        m, e, mMax, sMin));
                }
                int b = (i * sPoints + j) * QUANTITIES;
                values[b + F1] = p.force()[0];
                values[b + F2] = p.force()[1];
                values[b + N11] = p.noise()[0][0];
                values[b + N12] = p.noise()[0][1];
                values[b + N22] = p.noise()[1][1];
                values[b + C11] = p.covariance()[0][0];
                values[b + C12] = p.covariance()[0][1];
                values[b + C22] = p.covariance()[1][1];
            }
        }
    }

    /**
     * Tabulates the ED hydrodynamics on an \(m_{points}\times s_{points}\) grid (see the class
     * comment). Cost: one Newton solve per node (about 3 ms at \(N = 12\), 0.1 ms at
     * \(N = 8\)).
     *
     * @param source ED forces and noise (its \(\gamma\) and chain)
     * @param mPoints grid points in \(m\), at least 2
     * @param sPoints grid points in \(s\), at least 2
     * @param mMax largest \(|m|\) on the grid, in (0, 1)
     * @param sMin distance of the grid from the hull edges in \(s\), in (0, 1/2)
     * @return the table
     * @throws IllegalArgumentException on a bad argument, naming it
     * @throws IllegalStateException if a node is numerically unreachable (remedy in the message)
     */
    public static TabulatedHydrodynamics tabulate(DrivenXxzHydrodynamics source, int mPoints,
                                                  int sPoints, double mMax, double sMin) {
        Objects.requireNonNull(source, "source");
        if (mPoints < 2) {
            throw new IllegalArgumentException("mPoints must be at least 2: " + mPoints);
        }
        if (sPoints < 2) {
            throw new IllegalArgumentException("sPoints must be at least 2: " + sPoints);
        }
        if (!(mMax > 0 && mMax < 1)) {
            throw new IllegalArgumentException("mMax must be in (0, 1): " + mMax);
        }
        if (!(sMin > 0 && sMin < 0.5)) {
            throw new IllegalArgumentException("sMin must be in (0, 1/2): " + sMin);
        }
        return new TabulatedHydrodynamics(source, mPoints, sPoints, mMax, sMin);
    }

    /**
     * Lower convex hull of the points \((m_k, sign\cdot y_k)\), evaluated at every \(m_k\) and
     * multiplied back by sign (so sign = -1 gives the upper hull of y).
     */
    private double[] lowerHull(double[] y, double sign) {
        int n = y.length;
        int[] hull = new int[n];
        int h = 0;
        for (int k = 0; k < n; k++) {
            while (h >= 2 && cross(hull[h - 2], hull[h - 1], k, y, sign) <= 0) {
                h--;
            }
            hull[h++] = k;
        }
        double[] out = new double[n];
        for (int a = 0; a + 1 < h; a++) {
            int k0 = hull[a];
            int k1 = hull[a + 1];
            for (int k = k0; k <= k1; k++) {
                double t = (double) (k - k0) / (k1 - k0);
                out[k] = y[k0] + t * (y[k1] - y[k0]);
            }
        }
        return out;
    }

    /** z-component of (p1 - p0) x (p2 - p0) with abscissae k and ordinates sign*y. */
    private static double cross(int k0, int k1, int k2, double[] y, double sign) {
        return (k1 - k0) * sign * (y[k2] - y[k0]) - (k2 - k0) * sign * (y[k1] - y[k0]);
    }

    /** @return the ED hydrodynamics that was tabulated */
    public DrivenXxzHydrodynamics source() {
        return source;
    }

    /** @return number of grid points in \(m\) */
    public int mPoints() {
        return mPoints;
    }

    /** @return number of grid points in \(s\) */
    public int sPoints() {
        return sPoints;
    }

    /** @return largest \(|m|\) on the grid */
    public double mMax() {
        return mMax;
    }

    /** @return smallest \(s\) on the grid (the largest is \(1 - s_{min}\)) */
    public double sMin() {
        return sMin;
    }

    /**
     * Magnetization of grid column {@code i}.
     *
     * @param i column, 0 to mPoints - 1
     * @return \(m_i = -m_{max} + i\,h_m\)
     */
    public double nodeM(int i) {
        return i == mPoints - 1 ? mMax : -mMax + i * mStep;
    }

    /**
     * Energy of grid node {@code (i, j)}.
     *
     * @param i column, 0 to mPoints - 1
     * @param j row, 0 to sPoints - 1
     * @return \(e_-(m_i) + s_j(e_+(m_i) - e_-(m_i))\), \(s_j = s_{min} + j\,h_s\)
     */
    public double nodeE(int i, int j) {
        double m = nodeM(i);
        double s = j == sPoints - 1 ? 1 - sMin : sMin + j * sStep;
        double lo = lowerEnergy(m);
        return lo + s * (upperEnergy(m) - lo);
    }

    /**
     * Tabulated value at a node.
     *
     * @param i column, 0 to mPoints - 1
     * @param j row, 0 to sPoints - 1
     * @param quantity one of {@link #F1} ... {@link #C22}
     * @return the ED value stored there
     */
    public double nodeValue(int i, int j, int quantity) {
        return values[(i * sPoints + j) * QUANTITIES + quantity];
    }

    /**
     * Lower edge \(e_-(m)\) of the reachable region (convex hull of the spectrum).
     *
     * @param m magnetization in [-1, 1]
     * @return smallest reachable energy per site (units of \(J\))
     */
    public double lowerEnergy(double m) {
        return hull(lower, m);
    }

    /**
     * Upper edge \(e_+(m)\) of the reachable region (convex hull of the spectrum).
     *
     * @param m magnetization in [-1, 1]
     * @return largest reachable energy per site (units of \(J\))
     */
    public double upperEnergy(double m) {
        return hull(upper, m);
    }

    private double hull(double[] h, double m) {
        if (!(m >= -1 && m <= 1)) {
            throw new IllegalArgumentException("m must be in [-1, 1]: " + m);
        }
        double x = (m + 1) * 0.5 * sites;
        int k = Math.min((int) x, sites - 1);
        double t = x - k;
        return h[k] + t * (h[k + 1] - h[k]);
    }

    /**
     * Interpolates quantities {@code [from, from + count)} at \((m, e)\), clamping the point
     * to the grid first (see the class comment). Allocates nothing.
     *
     * @param m magnetization per site
     * @param e energy per site
     * @param from first quantity index, e.g. {@link #F1}
     * @param count number of consecutive quantities, {@code from + count <= QUANTITIES}
     * @param out receives the values at {@code out[0, count)} (modified)
     * @return true if \((m, e)\) lies on the grid (up to rounding, \(10^{-12}\)); false if it
     *     was clamped or is NaN (then the output is NaN)
     */
    public boolean evaluate(double m, double e, int from, int count, double[] out) {
        double mc = Math.max(-mMax, Math.min(mMax, m));
        double x = (mc + 1) * 0.5 * sites;
        int k = Math.min((int) x, sites - 1);
        double t = x - k;
        double lo = lower[k] + t * (lower[k + 1] - lower[k]);
        double hi = upper[k] + t * (upper[k + 1] - upper[k]);
        double s = (e - lo) / (hi - lo);
        double sc = Math.max(sMin, Math.min(1 - sMin, s));
        double u = (mc + mMax) / mStep;
        int i = Math.min((int) u, mPoints - 2);
        double fu = u - i;
        double v = (sc - sMin) / sStep;
        int j = Math.min((int) v, sPoints - 2);
        double fv = v - j;
        double w00 = (1 - fu) * (1 - fv);
        double w01 = (1 - fu) * fv;
        double w10 = fu * (1 - fv);
        double w11 = fu * fv;
        int b00 = (i * sPoints + j) * QUANTITIES + from;
        int b01 = b00 + QUANTITIES;
        int b10 = b00 + sPoints * QUANTITIES;
        int b11 = b10 + QUANTITIES;
        double[] val = values;
        for (int q = 0; q < count; q++) {
            out[q] = w00 * val[b00 + q] + w01 * val[b01 + q] + w10 * val[b10 + q]
                + w11 * val[b11 + q];
        }
        return Math.abs(mc - m) <= CLAMP_SLACK && Math.abs(sc - s) <= CLAMP_SLACK;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
            "TabulatedHydrodynamics[N=%d, gamma=%s, %dx%d, |m|<=%s, s in [%s, %s]]", sites,
            source.gamma(), mPoints, sPoints, mMax, sMin, 1 - sMin);
    }
}
