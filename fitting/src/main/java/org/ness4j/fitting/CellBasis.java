package org.ness4j.fitting;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.ness4j.core.quantum.FockStates;

/**
 * Cell averages of the Fock-state Wigner functions \( W_n \) over the cells of a square grid:
 * \( \Phi_{c,n} = A^{-1}\int_{\rm cell\ c} W_n(\alpha)\, d^2\alpha \) with
 * \( W_n = (2/\pi)(-1)^n e^{-2|\alpha|^2}L_n(4|\alpha|^2) \) ({@link FockStates}). The cell
 * average of the Wigner function of a diagonal state is then \( \sum_n p_n \Phi_{c,n} \): exactly
 * what the expected histogram density is, so binning introduces no bias.
 *
 * <p>Cells related by the symmetries of the grid (reflections of either axis, exchange of the
 * axes) share one row ({@code bins^2/8} rows). The integral uses an {@code m x m}
 * Gauss-Legendre rule per cell with \( m = \lceil 2h\sqrt{N+1}\rceil + 3 \): \( W_n \)
 * oscillates in \( |\alpha| \) with local wavelength about \( \pi/(2\sqrt{n+1/2}) \) (Bessel
 * asymptotics of \( e^{-x/2}L_n(x) \)), so the rule resolves every oscillation up to the cutoff.
 *
 * <p>Immutable once built; instances are cached (eight most recent grids). Thread-safe.
 */
final class CellBasis {

    private static final int CACHE = 8;
    private static final Map<String, CellBasis> BASES = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CellBasis> eldest) {
            return size() > CACHE;
        }
    };

    private final int bins;
    private final int cutoff;
    private final int[] cellClass;
    private final double[][] phi;

    private CellBasis(int bins, double range, int cutoff) {
        this.bins = bins;
        this.cutoff = cutoff;
        double h = 2 * range / bins;
        int half = (bins + 1) / 2;
        int[] classOf = new int[half * half];
        java.util.Arrays.fill(classOf, -1);
        cellClass = new int[bins * bins];
        int classes = 0;
        int[] repI = new int[half * half];
        int[] repJ = new int[half * half];
        for (int i = 0; i < bins; i++) {
            for (int j = 0; j < bins; j++) {
                int a = fold(i, bins);
                int b = fold(j, bins);
                int key = Math.min(a, b) * half + Math.max(a, b);
                if (classOf[key] < 0) {
                    classOf[key] = classes;
                    repI[classes] = i;
                    repJ[classes] = j;
                    classes++;
                }
                cellClass[i * bins + j] = classOf[key];
            }
        }
        int m = (int) Math.ceil(2 * h * Math.sqrt(cutoff + 1.0)) + 3;
        GaussIntegrator rule = new GaussIntegratorFactory().legendre(m, -0.5, 0.5);
        double[] nodes = new double[m];
        double[] weights = new double[m];
        for (int q = 0; q < m; q++) {
            nodes[q] = rule.getPoint(q);
            weights[q] = rule.getWeight(q);
        }
        phi = new double[classes][cutoff + 1];
        double[] buf = new double[cutoff + 1];
        for (int k = 0; k < classes; k++) {
            double x0 = -range + (repI[k] + 0.5) * h;
            double y0 = -range + (repJ[k] + 0.5) * h;
            double[] row = phi[k];
            for (int qa = 0; qa < m; qa++) {
                double x = x0 + h * nodes[qa];
                for (int qb = 0; qb < m; qb++) {
                    double y = y0 + h * nodes[qb];
                    FockStates.weylSymbols(x * x + y * y, buf);
                    double w = weights[qa] * weights[qb] / Math.PI;
                    for (int n = 0; n <= cutoff; n++) {
                        row[n] += w * buf[n];
                    }
                }
            }
        }
    }

    private static int fold(int i, int bins) {
        // distance from the grid centre in half-cells, folded: 0 .. bins/2
        return Math.abs(2 * i - (bins - 1)) / 2;
    }

    /**
     * The (cached) basis of a grid.
     *
     * @param bins cells per axis
     * @param range half-width
     * @param cutoff largest photon number
     * @return the basis
     */
    static CellBasis of(int bins, double range, int cutoff) {
        String key = bins + ":" + Double.doubleToLongBits(range) + ":" + cutoff;
        synchronized (BASES) {
            CellBasis b = BASES.get(key);
            if (b != null) {
                return b;
            }
        }
        CellBasis b = new CellBasis(bins, range, cutoff);
        synchronized (BASES) {
            BASES.put(key, b);
        }
        return b;
    }

    int cutoff() {
        return cutoff;
    }

    int classes() {
        return phi.length;
    }

    /**
     * @param cell cell index {@code i * bins + j}
     * @return its symmetry class
     */
    int classOf(int cell) {
        return cellClass[cell];
    }

    /**
     * Cell-averaged Wigner function per class.
     *
     * @param p populations \( p_0..p_N \) (not modified)
     * @param out receives \( \sum_n p_n\Phi_{k,n} \) per class (modified)
     */
    void cellAverages(double[] p, double[] out) {
        for (int k = 0; k < phi.length; k++) {
            double[] row = phi[k];
            double s = 0;
            for (int n = 0; n <= cutoff; n++) {
                s += p[n] * row[n];
            }
            out[k] = s;
        }
    }

    /**
     * Shell of every cell for radial profiles: \( k = \lfloor |\alpha_c|/h \rfloor \) of the cell
     * centre if \( (k+1)h \le R \), else -1.
     *
     * @param bins cells per axis
     * @param range half-width
     * @return shell index per cell {@code i * bins + j}
     */
    static int[] shells(int bins, double range) {
        double h = 2 * range / bins;
        int count = shellCount(bins);
        int[] s = new int[bins * bins];
        for (int i = 0; i < bins; i++) {
            double x = -range + (i + 0.5) * h;
            for (int j = 0; j < bins; j++) {
                double y = -range + (j + 0.5) * h;
                int k = (int) Math.floor(Math.hypot(x, y) / h);
                s[i * bins + j] = k < count ? k : -1;
            }
        }
        return s;
    }

    /**
     * @param bins cells per axis
     * @return number of complete shells, {@code bins / 2}
     */
    static int shellCount(int bins) {
        return bins / 2;
    }

    int bins() {
        return bins;
    }
}
