package org.ness4j.fitting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;
import org.ness4j.core.Checks;
import org.ness4j.core.quantum.FockDistribution;
import org.ness4j.core.quantum.FockTruncation;
import org.ness4j.core.stat.Estimate;
import org.ness4j.observables.WignerHistogram;

/**
 * Levenberg-Marquardt fit of a single-site {@link Ansatz} to a measured local Wigner function
 * (paper 000, SI "Fitting procedure for the Wigner function", Eq. 41, 42, 45, 48), on
 * Hipparchus's {@link LevenbergMarquardtOptimizer}.
 *
 * <p>Model. The ansatz populations \( p_n(\theta) \) (computed by the {@code core.quantum}
 * models) give the cell-averaged Wigner function \( W_c = \sum_n p_n \Phi_{c,n} \), with
 * \( \Phi_{c,n} \) the cell average of the Fock-state Wigner function \( W_n \) — the exact
 * expectation of the histogram density, so binning causes no bias. {@link Geometry#FULL_2D}
 * fits every cell (the paper's 2D fit); {@link Geometry#RADIAL} fits the shell averages of the
 * radial profile (valid when the data are \( \mathbb U(1) \)-symmetric; fewer residuals, same
 * information for symmetric data).
 *
 * <p>Weights and passes. Pass 1 starts from the best of a one-dimensional scan (below) with
 * data-based variances \( f\max(\rho, 1/NA)/(NA) \). Then the residual set is fixed to the
 * cells (shells) with at least 5 expected counts under the pass-1 model, and two further passes
 * use model-based (Pearson) variances \( f\max(W, 1/NA)/(NA) \) from the previous pass (if the
 * pass-1 model predicts fewer populated cells than parameters, the cells with at least 5
 * observed counts are used instead). The
 * reported \( \chi^2 \), degrees of freedom and covariance are those of the last pass. The
 * variance inflation \( f \) accounts for time-correlated TWA samples ({@link WignerData}).
 *
 * <p>Starting values. For \( x = \mu/T \) (or \( \ln\gamma^{\rm up}/\gamma^{\rm down} \)) on the
 * grid \( -6, -5.75, ..., 3 \), the nonlinear parameter \( y \) is solved by bisection so that
 * the model's mean photon number equals the histogram's \( \langle|\alpha|^2\rangle - 1/2 \); the
 * candidate with the smallest pass-1 \( \chi^2 \) (or a warm start, e.g. the fit of the
 * neighbouring site, if better) starts the optimizer. The one-parameter dilute-limit model
 * \( p_n \propto e^{xn} \) (also the Gibbs fit with U = 0) is a state only for \( x &lt; 0 \): its
 * x is kept below \( -1/N \), and its candidates are the grid points below that plus the
 * thermal state with the data's mean photon number, \( x = -\ln(1 + 1/n) \), which lies
 * between the grid points for broad states.
 *
 * <p>Identifiability. If the standard error of \( y = \ln(\text{nonlinear parameter}) \) exceeds
 * {@link Builder#identifiabilityLimit} (default 1, i.e. not known within a factor e) or the
 * covariance is singular, the fit is repeated in the thermal dilute limit and reported with
 * {@link FitStatus#MU_OVER_T_ONLY}. Optimizer failures give {@link FitStatus#FAILED}; nothing is
 * thrown for bad data.
 *
 * <p>Cutoff. By default \( N = \lceil 2R^2\rceil + 30 \) for a grid of half-width R (the
 * photon numbers visible on the grid are below \( R^2 \)); the cell basis is cached per grid.
 * Trial states are evaluated at this cutoff without a truncation check; the fitted state's top
 * population is reported ({@link WignerFit#topPopulation()}) and logged as a warning above
 * {@link FockTruncation#DEFAULT_TOLERANCE}. The histogram's clip check applies to the data
 * ({@link WignerData#of(WignerHistogram, int)} reads the densities, which
 * {@link WignerHistogram} refuses above its clip tolerance).
 *
 * <p>Thread safety: immutable; {@link #fit} may be called concurrently.
 */
public final class WignerFitter {

    private static final org.slf4j.Logger LOG =
        org.slf4j.LoggerFactory.getLogger(WignerFitter.class);

    /** Which residuals are fitted. */
    public enum Geometry {
        /** Every cell of the 2D histogram (the paper's 2D fit). */
        FULL_2D,
        /** Shell averages of the radial profile (U(1)-symmetric data). */
        RADIAL
    }

    private static final double MIN_EXPECTED_COUNTS = 5;
    /** Cells (or shells) with at least {@link #MIN_EXPECTED_COUNTS} observed counts a fit needs. */
    private static final int MIN_OBSERVED_CELLS = 4;
    private static final double X_MIN = -20;
    private static final double X_MAX = 10;
    private static final double Y_MIN = -20;
    private static final double Y_MAX = 20;
    private static final double FD_STEP = 1e-5;

    private final Ansatz ansatz;
    private final double kerr;
    private final double rateUnit;
    private final Geometry geometry;
    private final int cutoff;
    private final double identifiabilityLimit;
    private final int maxEvaluations;

    private WignerFitter(Builder b) {
        this.ansatz = b.ansatz;
        this.kerr = b.kerr;
        this.rateUnit = b.rateUnit;
        this.geometry = b.geometry;
        this.cutoff = b.cutoff;
        this.identifiabilityLimit = b.identifiabilityLimit;
        this.maxEvaluations = b.maxEvaluations;
    }

    /**
     * Starts a builder.
     *
     * @param ansatz the ansatz to fit
     * @return a builder with \( U = 0.1 \) (the paper's value, used for the Gibbs state only),
     *     rate unit 1, {@link Geometry#FULL_2D}, automatic cutoff, identifiability limit 1,
     *     300 evaluations per pass
     */
    public static Builder builder(Ansatz ansatz) {
        return new Builder(Objects.requireNonNull(ansatz, "ansatz"));
    }

    /**
     * Validates a Fock cutoff setting, shared by the builders of this package.
     *
     * @param value 0 (automatic) or at least 2
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is neither 0 nor at least 2
     */
    static int checkCutoff(int value) {
        if (value != 0) {
            Checks.atLeast("cutoff", value, 2);
        }
        return value;
    }

    /** @return the ansatz */
    public Ansatz ansatz() {
        return ansatz;
    }

    /** @return \( U \) of the Gibbs ansatz */
    public double kerr() {
        return kerr;
    }

    /** @return the geometry */
    public Geometry geometry() {
        return geometry;
    }

    /**
     * Fits one site of a histogram.
     *
     * @param histogram the histogram (not modified)
     * @param site observed zero-based site
     * @return the fit
     */
    public WignerFit fit(WignerHistogram histogram, int site) {
        return fit(WignerData.of(histogram, site), null);
    }

    /**
     * Fits one site of a histogram with jackknife errors: {@link #fitWithJackknife(WignerData,
     * WignerFit)} of {@link WignerData#of(WignerHistogram, int)}.
     *
     * @param histogram the histogram (not modified)
     * @param site observed zero-based site
     * @param warmStart a previous fit of the same ansatz (e.g. of the neighbouring site) as an
     *     extra starting point of the full fit, or {@code null}
     * @return the fit of all data, with jackknife standard errors
     */
    public WignerFit fitWithJackknife(WignerHistogram histogram, int site, WignerFit warmStart) {
        return fitWithJackknife(WignerData.of(histogram, site), warmStart);
    }

    /**
     * Fits the data and replaces the standard errors of the parameters, the photon number and
     * the entropy by a jackknife over the trajectory groups of the histogram the data came
     * from (its jackknife blocks of consecutive groups when it comes from an ensemble run, at
     * most {@link WignerHistogram#DEFAULT_BLOCKS} by default): every group (block) is left out
     * in turn and the fit repeated (warm-started from the full fit).
     *
     * <p>The errors of {@link #fit} come from the fit's covariance, which treats the cells as
     * independent with one global variance inflation. Time-correlated TWA samples make cells
     * move together (a slow fluctuation of the local photon number shifts the whole
     * distribution); the jackknife includes that correlation. In the reduced thermometry of
     * paper 000 (24 trajectories in 12 groups) the covariance errors of mu/T were 2-3 times
     * smaller than the spread between two runs (docs/fitting.md). Cost: one fit per group
     * (block).
     * A parameter whose replica is undefined (a replica fit failed or lost identifiability)
     * gets a NaN error. Data with fewer than two groups, or built from arrays, keep the
     * covariance errors.
     *
     * @param data the measured Wigner function, from {@link WignerData#of(WignerHistogram, int)}
     * @param warmStart a previous fit of the same ansatz (e.g. of the neighbouring site) as an
     *     extra starting point of the full fit, or {@code null}
     * @return the fit of all data, with jackknife standard errors
     */
    public WignerFit fitWithJackknife(WignerData data, WignerFit warmStart) {
        WignerFit full = fit(data, warmStart);
        int groups = data.replicaCount();
        if (full.status() == FitStatus.FAILED || groups < 2) {
            return full;
        }
        List<String> names = new ArrayList<>(full.parameters().keySet());
        double[][] values = new double[names.size() + 2][groups];
        for (int g = 0; g < groups; g++) {
            WignerFit r = fit(data.replica(g), full);
            boolean same = r.status() == full.status();
            for (int k = 0; k < names.size(); k++) {
                values[k][g] = same ? r.parameter(names.get(k)).value() : Double.NaN;
            }
            values[names.size()][g] = same ? r.photonNumber().value() : Double.NaN;
            values[names.size() + 1][g] = same ? r.entropy().value() : Double.NaN;
        }
        Map<String, Estimate> parameters = new LinkedHashMap<>();
        for (int k = 0; k < names.size(); k++) {
            parameters.put(names.get(k), jackknife(full.parameter(names.get(k)), values[k]));
        }
        return new WignerFit(full.ansatz(), full.status(), parameters,
            jackknife(full.photonNumber(), values[names.size()]),
            jackknife(full.entropy(), values[names.size() + 1]), full.chiSquare(),
            full.degreesOfFreedom(), full.l2Norm(), full.l2NoiseFloor(), full.relativeL2(),
            full.state(), full.point(), full.evaluations(), full.message());
    }

    /** Jackknife error of a replica set; a parameter that is not identified stays NaN. */
    private static Estimate jackknife(Estimate full, double[] replicas) {
        return Double.isNaN(full.value()) ? full : Estimate.jackknife(full.value(), replicas);
    }

    /**
     * Fits the data.
     *
     * @param data the measured Wigner function
     * @return the fit
     */
    public WignerFit fit(WignerData data) {
        return fit(data, null);
    }

    /**
     * Fits the data, trying a previous fit of the same ansatz as an extra starting point.
     *
     * @param data the measured Wigner function
     * @param warmStart a previous fit, or {@code null}
     * @return the fit
     */
    public WignerFit fit(WignerData data, WignerFit warmStart) {
        Objects.requireNonNull(data, "data");
        int n = cutoff > 0 ? cutoff : (int) Math.ceil(2 * data.range() * data.range()) + 30;
        Problem problem = new Problem(data, CellBasis.of(data.bins(), data.range(), n));
        int observed = problem.observedCells();
        if (observed < MIN_OBSERVED_CELLS) {
            return failed("too few cells with at least " + MIN_EXPECTED_COUNTS + " observed "
                + "counts: " + observed + " (empty data, or a grid that misses the samples)");
        }
        double[] warm = warmStart != null && warmStart.ansatz() == ansatz
            && warmStart.status() != FitStatus.FAILED ? warmStart.point() : null;
        boolean structural = ansatz == Ansatz.GIBBS && kerr == 0;
        try {
            if (!structural) {
                Model full = new Model(2, X_MAX, theta -> ansatz.populations(
                    clamp(theta[0], X_MIN, X_MAX), clamp(theta[1], Y_MIN, Y_MAX), kerr,
                    rateUnit, n));
                double[] start = problem.start(full, warm != null && warm.length == 2 ? warm
                    : null);
                Solution s = problem.solve(full, start);
                double sy = s.covariance == null ? Double.POSITIVE_INFINITY
                    : Math.sqrt(s.covariance[1][1]);
                boolean bounded = s.point[0] <= X_MIN || s.point[0] >= X_MAX
                    || s.point[1] <= Y_MIN || s.point[1] >= Y_MAX;
                if (sy <= identifiabilityLimit && !bounded) {
                    return result(problem, s, full, FitStatus.OK);
                }
                warm = new double[] {s.point[0]};
            }
            // p_n ~ exp(x n) is a state only for x < 0; for x >= 0 the truncated distribution
            // piles up at the cutoff, beyond the grid, where the fit has no gradient. The bound
            // -1/n corresponds to a mean photon number of about the cutoff.
            double xMax = -1.0 / n;
            Model dilute = new Model(1, xMax,
                theta -> Ansatz.dilutePopulations(clamp(theta[0], X_MIN, xMax), n));
            double[] start = problem.start(dilute, warm != null ? new double[] {warm[0]} : null);
            Solution s = problem.solve(dilute, start);
            if (s.covariance == null) {
                return failed("singular covariance in the dilute-limit fit");
            }
            if (s.point[0] >= xMax || s.point[0] <= X_MIN) {
                return failed("dilute-limit fit ends on its bound mu/T = " + s.point[0]
                    + ": the data do not fit a state within the Fock cutoff " + n
                    + (cutoff > 0 ? " (raise the cutoff)" : ""));
            }
            return result(problem, s, dilute, FitStatus.MU_OVER_T_ONLY);
        } catch (MathRuntimeException | IllegalArgumentException e) {
            return failed(e.getMessage());
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private WignerFit failed(String why) {
        Map<String, Estimate> p = new LinkedHashMap<>();
        Estimate nan = new Estimate(Double.NaN, Double.NaN);
        for (String name : names()) {
            p.put(name, nan);
        }
        return new WignerFit(ansatz, FitStatus.FAILED, p, nan, nan, Double.NaN, 0, Double.NaN,
            Double.NaN, Double.NaN, null, null, 0, why == null ? "failed" : why);
    }

    private List<String> names() {
        return ansatz == Ansatz.GIBBS ? List.of("mu/T", "T", "mu")
            : List.of("mu/T", "gammaUp", "gammaDown", ansatz.nonlinearParameter());
    }

    private WignerFit result(Problem problem, Solution s, Model model, FitStatus status) {
        double[] t = s.point;
        double[][] c = s.covariance;
        Map<String, Estimate> p = new LinkedHashMap<>();
        Estimate nan = new Estimate(Double.NaN, Double.NaN);
        p.put("mu/T", derived(th -> th[0], t, c));
        boolean full = t.length == 2;
        if (ansatz == Ansatz.GIBBS) {
            p.put("T", full ? derived(th -> Math.exp(th[1]), t, c) : nan);
            p.put("mu", full ? derived(th -> th[0] * Math.exp(th[1]), t, c) : nan);
        } else {
            p.put("gammaUp", derived(th -> rateUnit * Math.exp(th[0]), t, c));
            p.put("gammaDown", new Estimate(rateUnit, 0));
            p.put(ansatz.nonlinearParameter(),
                full ? derived(th -> rateUnit * Math.exp(th[1]), t, c) : nan);
        }
        FockDistribution state = FockDistribution.of(model.populations(t));
        Estimate photons = derived(th -> FockDistribution.of(model.populations(th))
            .meanPhotonNumber(), t, c);
        Estimate entropy = derived(th -> FockDistribution.of(model.populations(th)).entropy(),
            t, c);
        double[] l2 = problem.l2(state.populations());
        if (state.topPopulation() > FockTruncation.DEFAULT_TOLERANCE) {
            LOG.warn("{} fit: the fitted state's top population at the cutoff {} is {}, above "
                + "the truncation tolerance {}; its photon number and entropy are those of the "
                + "truncated state (raise the cutoff, or widen the grid, whose automatic cutoff "
                + "is 2 R^2 + 30)", ansatz, state.cutoff(), String.format(java.util.Locale.ROOT,
                "%.3g", state.topPopulation()), FockTruncation.DEFAULT_TOLERANCE);
        }
        return new WignerFit(ansatz, status, p, photons, entropy, s.chiSquare,
            s.active - t.length, l2[0], l2[1], l2[2], state, t, s.evaluations, "");
    }

    /** Delta method: value and \( \sqrt{g^T C g} \) with a central-difference gradient. */
    private static Estimate derived(ToDoubleFunction<double[]> g, double[] t, double[][] c) {
        double v = g.applyAsDouble(t);
        double[] grad = new double[t.length];
        for (int k = 0; k < t.length; k++) {
            double[] a = t.clone();
            double[] b = t.clone();
            a[k] += FD_STEP;
            b[k] -= FD_STEP;
            grad[k] = (g.applyAsDouble(a) - g.applyAsDouble(b)) / (2 * FD_STEP);
        }
        double var = 0;
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < t.length; j++) {
                var += grad[i] * c[i][j] * grad[j];
            }
        }
        return new Estimate(v, Math.sqrt(Math.max(var, 0)));
    }

    /**
     * Populations as a function of the internal parameters of a given dimension; the first
     * parameter (mu/T) is at most xMax.
     */
    private record Model(int dimension, double xMax,
                         java.util.function.Function<double[], double[]> map) {
        double[] populations(double[] theta) {
            return map.apply(theta);
        }
    }

    /** Outcome of the weighted passes. */
    private static final class Solution {
        double[] point;
        double[][] covariance;
        double chiSquare;
        int active;
        int evaluations;
    }

    /** Residual design (cells or shells) of one data set, and the optimizer passes. */
    private final class Problem {
        private final WignerData data;
        private final CellBasis basis;
        private final double[] target;
        private final int[][] classes;
        private final double[][] weights;
        private final int[] cells;
        private final double na;
        private final double[] wc;

        Problem(WignerData data, CellBasis basis) {
            this.data = data;
            this.basis = basis;
            this.na = data.samples() * data.cellArea();
            this.wc = new double[basis.classes()];
            int bins = data.bins();
            double[] rho = data.densities();
            if (geometry == Geometry.FULL_2D) {
                int m = bins * bins;
                target = rho.clone();
                classes = new int[m][];
                weights = new double[m][];
                cells = new int[m];
                for (int c = 0; c < m; c++) {
                    classes[c] = new int[] {basis.classOf(c)};
                    weights[c] = new double[] {1};
                    cells[c] = 1;
                }
            } else {
                int[] shell = CellBasis.shells(bins, data.range());
                int m = CellBasis.shellCount(bins);
                target = new double[m];
                cells = new int[m];
                double[][] w = new double[m][basis.classes()];
                for (int c = 0; c < bins * bins; c++) {
                    int k = shell[c];
                    if (k >= 0) {
                        target[k] += rho[c];
                        cells[k]++;
                        w[k][basis.classOf(c)] += 1;
                    }
                }
                classes = new int[m][];
                weights = new double[m][];
                for (int k = 0; k < m; k++) {
                    target[k] /= cells[k];
                    List<Integer> ks = new ArrayList<>();
                    for (int q = 0; q < basis.classes(); q++) {
                        if (w[k][q] > 0) {
                            ks.add(q);
                        }
                    }
                    classes[k] = ks.stream().mapToInt(Integer::intValue).toArray();
                    weights[k] = new double[classes[k].length];
                    for (int q = 0; q < classes[k].length; q++) {
                        weights[k][q] = w[k][classes[k][q]] / cells[k];
                    }
                }
            }
        }

        /**
         * @param r residual (cell or shell) index
         * @return whether it holds at least {@link #MIN_EXPECTED_COUNTS} observed counts
         */
        boolean observed(int r) {
            return target[r] * na * cells[r] >= MIN_EXPECTED_COUNTS;
        }

        /** @return cells (or shells) holding at least {@link #MIN_EXPECTED_COUNTS} counts */
        int observedCells() {
            int k = 0;
            for (int r = 0; r < target.length; r++) {
                if (observed(r)) {
                    k++;
                }
            }
            return k;
        }

        /** Model value of every residual for the populations p (uses the scratch wc). */
        double[] values(double[] p) {
            basis.cellAverages(p, wc);
            double[] v = new double[target.length];
            for (int r = 0; r < target.length; r++) {
                double s = 0;
                for (int q = 0; q < classes[r].length; q++) {
                    s += weights[r][q] * wc[classes[r][q]];
                }
                v[r] = s;
            }
            return v;
        }

        double sigma(int r, double rho) {
            return data.sigma(rho) / Math.sqrt(cells[r]);
        }

        double chiSquare(Model model, double[] theta, int[] active, double[] sig) {
            double[] v = values(model.populations(theta));
            double s = 0;
            for (int a = 0; a < active.length; a++) {
                double d = (target[active[a]] - v[active[a]]) / sig[a];
                s += d * d;
            }
            return s;
        }

        double[] start(Model model, double[] warm) {
            int[] all = new int[target.length];
            double[] sig = new double[target.length];
            for (int r = 0; r < target.length; r++) {
                all[r] = r;
                sig[r] = sigma(r, target[r]);
            }
            double photons = data.roughPhotonNumber();
            double[] best = null;
            double bestChi = Double.POSITIVE_INFINITY;
            List<double[]> candidates = new ArrayList<>();
            int dim = model.dimension();
            for (int i = 0; i <= 36 && -6 + 0.25 * i <= model.xMax(); i++) {
                double x = -6 + 0.25 * i;
                candidates.add(dim == 2 ? new double[] {x, matchY(model, x, photons)}
                    : new double[] {x});
            }
            if (dim == 1) {
                // the thermal state with the data's mean photon number, n = 1 / (e^{-x} - 1)
                candidates.add(new double[] {Math.min(model.xMax(),
                    -Math.log1p(1 / Math.max(photons, 1e-6)))});
            }
            if (warm != null && warm.length == dim) {
                candidates.add(warm.clone());
            }
            for (double[] c : candidates) {
                double chi = chiSquare(model, c, all, sig);
                if (chi < bestChi) {
                    bestChi = chi;
                    best = c;
                }
            }
            return best;
        }

        private double meanPhotons(Model model, double x, double y) {
            return FockDistribution.of(model.populations(new double[] {x, y}))
                .meanPhotonNumber();
        }

        /** Bisection for y with model mean photon number = target (closest end if none). */
        private double matchY(Model model, double x, double photons) {
            double lo = -12;
            double hi = 12;
            double flo = meanPhotons(model, x, lo) - photons;
            double fhi = meanPhotons(model, x, hi) - photons;
            if (flo * fhi > 0) {
                return Math.abs(flo) < Math.abs(fhi) ? lo : hi;
            }
            for (int k = 0; k < 25; k++) {
                double mid = 0.5 * (lo + hi);
                double fm = meanPhotons(model, x, mid) - photons;
                if (fm * flo > 0) {
                    lo = mid;
                    flo = fm;
                } else {
                    hi = mid;
                }
            }
            return 0.5 * (lo + hi);
        }

        Solution solve(Model model, double[] start) {
            int[] active = new int[target.length];
            double[] sig = new double[target.length];
            for (int r = 0; r < target.length; r++) {
                active[r] = r;
                sig[r] = sigma(r, target[r]);
            }
            Solution s = new Solution();
            LeastSquaresOptimizer.Optimum opt = optimize(model, start, active, sig);
            s.evaluations += opt.getEvaluations();
            double[] point = opt.getPoint().toArray();
            for (int pass = 0; pass < 2; pass++) {
                double[] v = values(model.populations(point));
                if (pass == 0) {
                    List<Integer> keep = new ArrayList<>();
                    for (int r = 0; r < target.length; r++) {
                        if (v[r] * na * cells[r] >= MIN_EXPECTED_COUNTS) {
                            keep.add(r);
                        }
                    }
                    if (keep.size() <= point.length) {
                        // pass 1 ran off the grid (data far from the ansatz): fall back to the
                        // observed counts
                        keep.clear();
                        for (int r = 0; r < target.length; r++) {
                            if (observed(r)) {
                                keep.add(r);
                            }
                        }
                    }
                    if (keep.size() <= point.length) {
                        throw new IllegalArgumentException("too few populated cells to fit: "
                            + keep.size());
                    }
                    active = keep.stream().mapToInt(Integer::intValue).toArray();
                }
                sig = new double[active.length];
                for (int a = 0; a < active.length; a++) {
                    sig[a] = sigma(active[a], v[active[a]]);
                }
                opt = optimize(model, point, active, sig);
                s.evaluations += opt.getEvaluations();
                point = opt.getPoint().toArray();
            }
            s.point = point;
            s.active = active.length;
            s.chiSquare = opt.getChiSquare();
            try {
                s.covariance = opt.getCovariances(1e-12).getData();
                for (int i = 0; i < point.length; i++) {
                    if (!(s.covariance[i][i] >= 0) || Double.isInfinite(s.covariance[i][i])) {
                        s.covariance = null;
                        break;
                    }
                }
            } catch (MathRuntimeException e) {
                s.covariance = null;
            }
            return s;
        }

        private LeastSquaresOptimizer.Optimum optimize(Model model, double[] start,
                                                       int[] active, double[] sig) {
            double[] tgt = new double[active.length];
            for (int a = 0; a < active.length; a++) {
                tgt[a] = target[active[a]] / sig[a];
            }
            int dim = start.length;
            return new LevenbergMarquardtOptimizer().withCostRelativeTolerance(1e-9)
                .withParameterRelativeTolerance(1e-9).optimize(new LeastSquaresBuilder()
                .start(start).target(tgt).maxEvaluations(maxEvaluations)
                .maxIterations(maxEvaluations).lazyEvaluation(false)
                .parameterValidator(v -> {
                    v.setEntry(0, clamp(v.getEntry(0), X_MIN, model.xMax()));
                    if (dim == 2) {
                        v.setEntry(1, clamp(v.getEntry(1), Y_MIN, Y_MAX));
                    }
                    return v;
                })
                .model(point -> {
                    double[] th = point.toArray();
                    double[] v0 = values(model.populations(th));
                    double[] f = new double[active.length];
                    for (int a = 0; a < active.length; a++) {
                        f[a] = v0[active[a]] / sig[a];
                    }
                    double[][] jac = new double[active.length][dim];
                    for (int k = 0; k < dim; k++) {
                        double[] up = th.clone();
                        double[] dn = th.clone();
                        up[k] += FD_STEP;
                        dn[k] -= FD_STEP;
                        double[] vu = values(model.populations(up));
                        double[] vd = values(model.populations(dn));
                        for (int a = 0; a < active.length; a++) {
                            int r = active[a];
                            jac[a][k] = (vu[r] - vd[r]) / (2 * FD_STEP * sig[a]);
                        }
                    }
                    return new Pair<>(new ArrayRealVector(f, false),
                        (RealMatrix) new Array2DRowRealMatrix(jac, false));
                }).build());
        }

        /** {L2 (Eq. 45), noise floor, relative L2} over all cells of the grid. */
        double[] l2(double[] p) {
            basis.cellAverages(p, wc);
            double[] rho = data.densities();
            double area = data.cellArea();
            double diff = 0;
            double norm = 0;
            double mass = 0;
            for (int c = 0; c < rho.length; c++) {
                double w = wc[basis.classOf(c)];
                diff += (rho[c] - w) * (rho[c] - w) * area;
                norm += rho[c] * rho[c] * area;
                mass += Math.max(w, 0) * area;
            }
            double floor = Math.sqrt(data.inflation() * mass / na);
            return new double[] {Math.sqrt(diff), floor, Math.sqrt(diff / norm)};
        }
    }

    /** Fluent builder; validates every value where it is set. Not thread-safe. */
    public static final class Builder {
        private final Ansatz ansatz;
        private double kerr = 0.1;
        private double rateUnit = 1;
        private Geometry geometry = Geometry.FULL_2D;
        private int cutoff;
        private double identifiabilityLimit = 1;
        private int maxEvaluations = 300;

        private Builder(Ansatz ansatz) {
            this.ansatz = ansatz;
        }

        /**
         * @param value \( U \ge 0 \) of the Gibbs ansatz (Eq. 9; the paper fixes 0.1; 0 gives
         *     the single-parameter Gaussian fit of Fig. 17)
         * @return this builder
         */
        public Builder kerr(double value) {
            this.kerr = Checks.nonNegative("kerr", value);
            return this;
        }

        /**
         * @param value \( \gamma^{\rm down} > 0 \), the unit of the impurity-model rates (see
         *     {@link Ansatz})
         * @return this builder
         */
        public Builder rateUnit(double value) {
            this.rateUnit = Checks.positive("rateUnit", value);
            return this;
        }

        /**
         * @param value which residuals to fit
         * @return this builder
         */
        public Builder geometry(Geometry value) {
            this.geometry = Objects.requireNonNull(value, "geometry");
            return this;
        }

        /**
         * @param value Fock cutoff, at least 2, or 0 for automatic (\( \lceil 2R^2\rceil + 30 \))
         * @return this builder
         */
        public Builder cutoff(int value) {
            this.cutoff = checkCutoff(value);
            return this;
        }

        /**
         * @param value largest standard error of \( \ln \) (nonlinear parameter) for which it
         *     counts as identified, positive
         * @return this builder
         */
        public Builder identifiabilityLimit(double value) {
            this.identifiabilityLimit = Checks.positive("identifiabilityLimit", value);
            return this;
        }

        /**
         * @param value optimizer evaluation budget per pass, at least 10
         * @return this builder
         */
        public Builder maxEvaluations(int value) {
            this.maxEvaluations = Checks.atLeast("maxEvaluations", value, 10);
            return this;
        }

        /** @return the fitter */
        public WignerFitter build() {
            return new WignerFitter(this);
        }
    }
}
