package org.ness4j.fitting;

import java.util.Objects;
import org.ness4j.core.Checks;
import org.ness4j.core.stat.Estimate;
import org.ness4j.observables.WignerHistogram;

/**
 * A measured local Wigner function on a square grid, the input of {@link WignerFitter}: cell
 * densities \( \rho_c \) of a normalized 2D histogram of the Wigner samples \( \alpha_\ell \)
 * (paper 000, Eq. 33), their statistical errors, and the number of samples.
 *
 * <p>Grid: {@code bins x bins} cells covering \( [-R, R]^2 \) (index {@code i} along
 * \( \mathrm{Re}\,\alpha \), {@code j} along \( \mathrm{Im}\,\alpha \)), cell width
 * \( h = 2R/\mathrm{bins} \), cell area \( A = h^2 \). A density is count / (samples A), so that
 * \( \sum_c \rho_c A = 1 - \) (fraction of samples outside the grid).
 *
 * <p>Error model. Samples of one TWA trajectory are correlated in time, so cell counts are not
 * Poisson. The variance of every cell is modelled as \( f\, \rho_c/(N A) \) (Poisson times a
 * variance inflation factor \( f \)), with
 * \( f = \sum_c \sigma_{c,\rm jack}^2 / \sum_c \rho_c/(N A) \) summed over the cells with at
 * least 10 counts, \( \sigma_{c,\rm jack} \) the jackknife errors over independent trajectory
 * groups, or over the histogram's jackknife blocks of consecutive groups when it comes from an
 * ensemble run (at most {@link WignerHistogram#DEFAULT_BLOCKS} by default; below, "groups"
 * means these blocks). With fewer than two groups the jackknife is unavailable and \( f = 1 \)
 * (independent samples). {@link WignerFitter} uses \( f \) with the model density (Pearson
 * weights), which is unbiased for low counts where data-based weights are not.
 *
 * <p>Thread safety: immutable, safe for concurrent use.
 */
public final class WignerData {

    private static final double MIN_COUNTS_FOR_INFLATION = 10;

    private final int bins;
    private final double range;
    private final double[] density;
    private final double samples;
    private final double inflation;
    private final boolean groupErrors;
    /** Leave-one-group-out (one block) densities and their sample counts (no rows: none). */
    private final double[][] replicaDensities;
    private final double[] replicaSamples;

    private WignerData(int bins, double range, double[] density, double samples,
                       double inflation, boolean groupErrors, double[][] replicaDensities,
                       double[] replicaSamples) {
        this.bins = bins;
        this.range = range;
        this.density = density;
        this.samples = samples;
        this.inflation = inflation;
        this.groupErrors = groupErrors;
        this.replicaDensities = replicaDensities;
        this.replicaSamples = replicaSamples;
    }

    /**
     * The Wigner function of one site of a histogram, with the inflation factor from its
     * jackknife cell errors.
     *
     * @param histogram a filled histogram (not modified)
     * @param site an observed zero-based site
     * @return the data
     * @throws IllegalArgumentException if the site is not observed or the histogram is empty
     */
    public static WignerData of(WignerHistogram histogram, int site) {
        Objects.requireNonNull(histogram, "histogram");
        int bins = histogram.bins();
        if (!(histogram.sampleCount() > 0)) {
            throw new IllegalArgumentException("histogram must hold samples: "
                + histogram.sampleCount());
        }
        // centre(i) = -R + (i + 1/2) 2R/bins, hence R = -centre(0) bins / (bins - 1)
        double range = -histogram.center(0) * bins / (bins - 1.0);
        double[][] w = histogram.density(site);
        // the cells' jackknife errors from the replicas, which the data keep for
        // WignerFitter#fitWithJackknife
        double[][] replicas = histogram.leaveOneOutDensities(site);
        double[] rho = new double[bins * bins];
        double[] err = new double[bins * bins];
        double[] column = new double[replicas.length];
        for (int i = 0; i < bins; i++) {
            for (int j = 0; j < bins; j++) {
                int c = i * bins + j;
                rho[c] = w[i][j];
                for (int g = 0; g < replicas.length; g++) {
                    column[g] = replicas[g][c];
                }
                err[c] = Estimate.jackknife(rho[c], column).standardError();
            }
        }
        WignerData d = of(bins, range, rho, err, histogram.sampleCount());
        return new WignerData(bins, range, d.density, d.samples, d.inflation, d.groupErrors,
            replicas, histogram.leaveOneOutSampleCounts());
    }

    /**
     * Data from cell densities and their standard errors.
     *
     * @param bins cells per axis, at least 2
     * @param range half-width R of the grid, positive
     * @param density \( \rho \) at cell {@code i * bins + j}, non-negative finite, length
     *     {@code bins^2} (not modified)
     * @param standardError jackknife (or other) standard errors of the densities, same length,
     *     or {@code null}/all NaN for independent samples (\( f = 1 \)) (not modified)
     * @param samples number of samples N the densities are normalized by, positive
     * @return the data
     */
    public static WignerData of(int bins, double range, double[] density, double[] standardError,
                                double samples) {
        Checks.atLeast("bins", bins, 2);
        Checks.positive("range", range);
        Objects.requireNonNull(density, "density");
        Checks.positive("samples", samples);
        if (density.length != bins * bins) {
            throw new IllegalArgumentException("density.length must be bins^2 = " + bins * bins
                + ": " + density.length);
        }
        Checks.allNonNegative("density", density);
        double area = Math.pow(2 * range / bins, 2);
        double jack = 0;
        double poisson = 0;
        boolean groups = false;
        if (standardError != null) {
            if (standardError.length != density.length) {
                throw new IllegalArgumentException("standardError.length must be bins^2 = "
                    + bins * bins + ": " + standardError.length);
            }
            for (int c = 0; c < density.length; c++) {
                double e = standardError[c];
                if (!Double.isNaN(e) && (e < 0 || Double.isInfinite(e))) {
                    throw new IllegalArgumentException("standardError[" + c
                        + "] must be non-negative and finite or NaN: " + e);
                }
                if (density[c] * samples * area >= MIN_COUNTS_FOR_INFLATION && !Double.isNaN(e)) {
                    jack += e * e;
                    poisson += density[c] / (samples * area);
                    groups = true;
                }
            }
        }
        double f = groups && poisson > 0 && jack > 0 ? jack / poisson : 1.0;
        return new WignerData(bins, range, density.clone(), samples, f, groups, new double[0][],
            new double[0]);
    }

    /**
     * @return number of leave-one-group-out replicas: the trajectory groups (jackknife blocks)
     *     of the histogram the data came from, 0 with fewer than two or for data built from
     *     arrays
     */
    int replicaCount() {
        return replicaDensities.length;
    }

    /**
     * Jackknife replica g: the data without trajectory group (block) g, with the same grid,
     * inflation factor and sample kind.
     */
    WignerData replica(int g) {
        return new WignerData(bins, range, replicaDensities[g], replicaSamples[g], inflation,
            groupErrors, new double[0][], new double[0]);
    }

    /** @return cells per axis */
    public int bins() {
        return bins;
    }

    /** @return half-width R of the grid */
    public double range() {
        return range;
    }

    /** @return cell width \( h = 2R/\mathrm{bins} \) */
    public double cellWidth() {
        return 2 * range / bins;
    }

    /** @return cell area \( A = h^2 \) */
    public double cellArea() {
        double h = cellWidth();
        return h * h;
    }

    /**
     * @param i cell index
     * @return centre of cell {@code i} along either axis
     */
    public double center(int i) {
        return -range + (Checks.index("cell", i, bins) + 0.5) * cellWidth();
    }

    /**
     * @param i cell along Re
     * @param j cell along Im
     * @return \( \rho_{ij} \)
     */
    public double density(int i, int j) {
        return density[Checks.index("i", i, bins) * bins + Checks.index("j", j, bins)];
    }

    double[] densities() {
        return density;
    }

    /** @return number of samples N */
    public double samples() {
        return samples;
    }

    /**
     * @return the variance inflation factor \( f \) (1 for independent samples; roughly the
     *     number of correlated samples per independent one)
     */
    public double inflation() {
        return inflation;
    }

    /** @return whether \( f \) comes from jackknife errors over groups */
    public boolean hasGroupErrors() {
        return groupErrors;
    }

    /**
     * Mean photon number from the histogram moments,
     * \( n = \langle|\alpha|^2\rangle - 1/2 \) (SPEC observables table), with the uniform-cell
     * correction \( h^2/6 \) to \( \langle|\alpha|^2\rangle \); samples outside the grid are
     * ignored (the result is a starting value, not an estimate).
     *
     * @return the rough mean photon number (at least 0)
     */
    public double roughPhotonNumber() {
        double h = cellWidth();
        double area = h * h;
        double m2 = 0;
        double mass = 0;
        for (int i = 0; i < bins; i++) {
            double x = center(i);
            for (int j = 0; j < bins; j++) {
                double y = center(j);
                double p = density[i * bins + j] * area;
                m2 += p * (x * x + y * y + h * h / 6);
                mass += p;
            }
        }
        return mass > 0 ? Math.max(0, m2 / mass - 0.5) : 0;
    }

    /**
     * Radial profile: the mean density over the cells whose centres lie in the shell
     * \( k h \le |\alpha| &lt; (k+1) h \), for the shells inside the grid (\( (k+1)h \le R \)).
     *
     * @return {@code {r_k, mean density, standard error}} per shell; the radius is the mean
     *     cell-centre radius of the shell and the error is \( \sqrt{f\rho/(N A n_k)} \)
     */
    public double[][] radialProfile() {
        int[] shell = CellBasis.shells(bins, range);
        int shells = CellBasis.shellCount(bins);
        double[] sum = new double[shells];
        double[] r = new double[shells];
        int[] count = new int[shells];
        for (int i = 0; i < bins; i++) {
            for (int j = 0; j < bins; j++) {
                int k = shell[i * bins + j];
                if (k >= 0) {
                    sum[k] += density[i * bins + j];
                    r[k] += Math.hypot(center(i), center(j));
                    count[k]++;
                }
            }
        }
        double[][] out = new double[3][shells];
        for (int k = 0; k < shells; k++) {
            out[0][k] = r[k] / count[k];
            out[1][k] = sum[k] / count[k];
            out[2][k] = Math.sqrt(inflation * Math.max(out[1][k], 1 / (samples * cellArea()))
                / (samples * cellArea() * count[k]));
        }
        return out;
    }

    /**
     * Statistical error of a density under the error model of this class.
     *
     * @param rho a density (model or data)
     * @return \( \sqrt{f \max(\rho, 1/(NA))/(N A)} \): never below the error of one count
     */
    double sigma(double rho) {
        double na = samples * cellArea();
        return Math.sqrt(inflation * Math.max(rho, 1 / na) / na);
    }
}
