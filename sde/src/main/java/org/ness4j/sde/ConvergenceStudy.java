package org.ness4j.sde;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.ness4j.core.Checks;

/**
 * Strong and weak convergence orders and work-precision data of a scheme on a problem, from runs
 * at several step sizes on common Brownian paths (as DiffEqDevTools' {@code test_convergence}
 * and {@code WorkPrecision}); no plotting, the result is data.
 *
 * <p><b>Common paths.</b> Each path is sampled once on the finest grid \( h_f = T/N_f \) as pairs
 * \( (\Delta W_k, \Delta Z_k) \) per Wiener process, \( \Delta Z_k = \int (W(s) - W(s_k))ds \)
 * over fine step k. A coarse step of H made of fine steps gets exactly
 * \( \Delta W = \sum_k \Delta W_k \) and \( \Delta Z = \sum_k [\Delta Z_k + (t + H - s_{k+1})
 * \Delta W_k] \) (the rule of {@link BrownianIncrements}); steppers taking two variates per
 * channel get \( \xi = \sqrt 3(2\Delta Z/H - \Delta W) \). The reference on each path is the
 * problem's {@link SdeProblem#analyticSolution()} at \( W(T) = \sum_k \Delta W_k \) or, without
 * one (or when {@link #withReference} is given), a reference scheme on the finest grid.
 *
 * <p><b>Errors</b> at the end time T, with \( e_p = X^h_p(T) - X_p(T) \) on path p (a vector of
 * n components): strong error \( E\|e\|_2 \) (mean over paths), weak error
 * \( \|E e\|_2 \) (the norm of the mean error vector; with common paths its statistical error is
 * that of the difference, far below that of \( E X^h \) itself). The orders are least-squares
 * slopes of log error against log h; every error and order has a delete-one-block jackknife
 * standard error over 16 blocks of paths. Work: drift evaluations and wall-clock seconds.
 *
 * <p>Deterministic for a given seed (one generator, paths drawn in order). Thread safety:
 * immutable; {@link #run()} is single-threaded.
 */
public final class ConvergenceStudy {

    private static final int BLOCKS = 16;
    private static final int CHUNK = 256;
    private static final double SQRT3 = Math.sqrt(3);

    private final SdeProblem problem;
    private final SdeAlgorithm algorithm;
    private final double tEnd;
    private final int[] steps;
    private final int paths;
    private final long seed;
    private final SdeAlgorithm reference;
    private final int referenceSteps;

    private ConvergenceStudy(SdeProblem problem, SdeAlgorithm algorithm, double tEnd, int[] steps,
                             int paths, long seed, SdeAlgorithm reference, int referenceSteps) {
        this.problem = problem;
        this.algorithm = algorithm;
        this.tEnd = tEnd;
        this.steps = steps;
        this.paths = paths;
        this.seed = seed;
        this.reference = reference;
        this.referenceSteps = referenceSteps;
    }

    /**
     * A study with T = 1, steps {8, 16, 32, 64}, 1024 paths, seed 1.
     *
     * @param problem the equations (initial states from its {@code initialState})
     * @param algorithm the fixed-step scheme to measure
     * @return the study
     * @throws IllegalArgumentException if the scheme cannot integrate the problem
     */
    public static ConvergenceStudy of(SdeProblem problem, SdeAlgorithm algorithm) {
        algorithm.stepper(Objects.requireNonNull(problem, "problem"), 1);
        return new ConvergenceStudy(problem, algorithm, 1.0, new int[] {8, 16, 32, 64}, 1024,
            1L, null, 0);
    }

    /**
     * @param t end time T, positive
     * @return a copy with this end time
     */
    public ConvergenceStudy withEndTime(double t) {
        return new ConvergenceStudy(problem, algorithm, Checks.positive("tEnd", t), steps, paths,
            seed, reference, referenceSteps);
    }

    /**
     * @param counts numbers of steps to T, at least two, each at least 1 (step sizes T/count)
     * @return a copy with these step counts
     */
    public ConvergenceStudy withSteps(int... counts) {
        if (counts.length < 2) {
            throw new IllegalArgumentException("need at least two step counts: "
                + counts.length);
        }
        for (int c : counts) {
            Checks.atLeast("steps", c, 1);
        }
        return new ConvergenceStudy(problem, algorithm, tEnd, counts.clone(), paths, seed,
            reference, referenceSteps);
    }

    /**
     * @param count number of Brownian paths, at least {@value #BLOCKS} (one per jackknife block)
     * @return a copy with this number of paths
     */
    public ConvergenceStudy withPaths(int count) {
        return new ConvergenceStudy(problem, algorithm, tEnd, steps,
            Checks.atLeast("paths", count, BLOCKS), seed, reference, referenceSteps);
    }

    /**
     * @param s seed of the paths and initial states
     * @return a copy with this seed
     */
    public ConvergenceStudy withSeed(long s) {
        return new ConvergenceStudy(problem, algorithm, tEnd, steps, paths, s, reference,
            referenceSteps);
    }

    /**
     * Uses {@code scheme} at {@code count} steps on the same paths as the reference instead of
     * the analytic solution. Every step count of the study must divide {@code count}.
     *
     * @param scheme the reference scheme
     * @param count its number of steps, a multiple of every step count of the study
     * @return a copy with this reference
     */
    public ConvergenceStudy withReference(SdeAlgorithm scheme, int count) {
        scheme.stepper(problem, 1);
        return new ConvergenceStudy(problem, algorithm, tEnd, steps, paths, seed,
            Objects.requireNonNull(scheme, "scheme"), Checks.atLeast("count", count, 1));
    }

    /**
     * The errors and work at one step size.
     *
     * @param steps number of steps to T
     * @param dt step size T/steps
     * @param strongError \( E\|e\| \)
     * @param strongErrorSe its standard error
     * @param weakError \( \|E e\| \)
     * @param weakErrorSe its standard error
     * @param driftEvaluations drift evaluations per path
     * @param seconds wall-clock time of the scheme's runs at this step size, all paths
     */
    public record Level(int steps, double dt, double strongError, double strongErrorSe,
                        double weakError, double weakErrorSe, long driftEvaluations,
                        double seconds) {
    }

    /**
     * The study's outcome.
     *
     * @param levels one entry per step count, in the order given
     * @param strongOrder slope of log strong error against log dt
     * @param strongOrderSe its jackknife standard error
     * @param weakOrder slope of log weak error against log dt
     * @param weakOrderSe its jackknife standard error
     */
    public record Result(List<Level> levels, double strongOrder, double strongOrderSe,
                         double weakOrder, double weakOrderSe) {

        /** @return a plain-text table: steps, dt, errors with standard errors, work */
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(String.format(
                "strong order %.3f +- %.3f, weak order %.3f +- %.3f%n", strongOrder,
                strongOrderSe, weakOrder, weakOrderSe));
            s.append("steps dt strong strong_se weak weak_se drift_evals seconds\n");
            for (Level l : levels) {
                s.append(String.format("%d %.6g %.4e %.2e %.4e %.2e %d %.3g%n", l.steps, l.dt,
                    l.strongError, l.strongErrorSe, l.weakError, l.weakErrorSe,
                    l.driftEvaluations, l.seconds));
            }
            return s.toString();
        }
    }

    /**
     * Runs the study.
     *
     * @return errors, orders and work
     * @throws IllegalArgumentException if a step count does not divide the finest grid, or
     *     there is neither an analytic solution nor a reference scheme
     * @throws IllegalStateException if a scheme produces a non-finite state (naming the step
     *     count and path)
     */
    public Result run() {
        int n = problem.dimension();
        int m = problem.noiseComponents().length;
        AnalyticSolution exact = reference == null
            ? problem.analyticSolution().orElseThrow(() -> new IllegalArgumentException(
                problem + " has no analytic solution; give withReference(scheme, steps)"))
            : null;
        int fine = reference != null ? referenceSteps : lcmOf(steps);
        for (int c : steps) {
            if (fine % c != 0) {
                throw new IllegalArgumentException("steps " + c
                    + " must divide the reference grid of " + fine + " steps");
            }
        }
        int levels = steps.length;
        double[][] strongSum = new double[levels][BLOCKS];
        double[][][] diffSum = new double[levels][BLOCKS][n];
        long[] blockCount = new long[BLOCKS];
        double[] seconds = new double[levels];
        long[] evals = new long[levels];
        NormalizedGaussianSampler g = ZigguratSampler.NormalizedGaussian.of(
            RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
        double hf = tEnd / fine;
        double sq = Math.sqrt(hf);
        for (int first = 0; first < paths; first += CHUNK) {
            int batch = Math.min(CHUNK, paths - first);
            double[] x0 = new double[n * batch];
            for (int b = 0; b < batch; b++) {
                problem.initialState(g, x0, batch, b);
            }
            // fine path: dW[(k * m + j) * batch + b], dZ likewise
            double[] dw = new double[fine * m * batch];
            double[] dz = new double[fine * m * batch];
            for (int b = 0; b < batch; b++) {
                for (int k = 0; k < fine; k++) {
                    for (int j = 0; j < m; j++) {
                        double g1 = g.sample();
                        double g2 = g.sample();
                        int idx = (k * m + j) * batch + b;
                        dw[idx] = sq * g1;
                        dz[idx] = hf * sq * (0.5 * g1 + 0.5 / SQRT3 * g2);
                    }
                }
            }
            double[] ref = new double[n * batch];
            if (exact != null) {
                double[] xs = new double[n];
                double[] ws = new double[m];
                double[] out = new double[n];
                for (int b = 0; b < batch; b++) {
                    for (int i = 0; i < n; i++) {
                        xs[i] = x0[i * batch + b];
                    }
                    java.util.Arrays.fill(ws, 0);
                    for (int k = 0; k < fine; k++) {
                        for (int j = 0; j < m; j++) {
                            ws[j] += dw[(k * m + j) * batch + b];
                        }
                    }
                    exact.evaluate(tEnd, xs, ws, out);
                    for (int i = 0; i < n; i++) {
                        ref[i * batch + b] = out[i];
                    }
                }
            } else {
                integrate(reference, fine, fine, x0, dw, dz, batch, m, ref);
            }
            requireFinite(ref, "the reference", fine, first, batch);
            double[] x = new double[n * batch];
            for (int c = 0; c < levels; c++) {
                long start = System.nanoTime();
                int per = integrate(algorithm, steps[c], fine, x0, dw, dz, batch, m, x);
                seconds[c] += (System.nanoTime() - start) * 1e-9;
                evals[c] = (long) per * steps[c];
                requireFinite(x, algorithm.name(), steps[c], first, batch);
                for (int b = 0; b < batch; b++) {
                    int block = (int) ((long) (first + b) * BLOCKS / paths);
                    double norm2 = 0;
                    for (int i = 0; i < n; i++) {
                        double e = x[i * batch + b] - ref[i * batch + b];
                        norm2 += e * e;
                        diffSum[c][block][i] += e;
                    }
                    strongSum[c][block] += Math.sqrt(norm2);
                }
            }
            for (int b = 0; b < batch; b++) {
                blockCount[(int) ((long) (first + b) * BLOCKS / paths)]++;
            }
        }
        // estimates on all blocks (index BLOCKS) and without each block
        double[][] strong = new double[levels][BLOCKS + 1];
        double[][] weak = new double[levels][BLOCKS + 1];
        for (int c = 0; c < levels; c++) {
            for (int drop = 0; drop <= BLOCKS; drop++) {
                double s = 0;
                double[] d = new double[n];
                long count = 0;
                for (int k = 0; k < BLOCKS; k++) {
                    if (k == drop) {
                        continue;
                    }
                    s += strongSum[c][k];
                    for (int i = 0; i < n; i++) {
                        d[i] += diffSum[c][k][i];
                    }
                    count += blockCount[k];
                }
                double w = 0;
                for (int i = 0; i < n; i++) {
                    w += (d[i] / count) * (d[i] / count);
                }
                strong[c][drop] = s / count;
                weak[c][drop] = Math.sqrt(w);
            }
        }
        List<Level> out = new ArrayList<>();
        for (int c = 0; c < levels; c++) {
            out.add(new Level(steps[c], tEnd / steps[c], strong[c][BLOCKS],
                jackknife(strong[c]), weak[c][BLOCKS], jackknife(weak[c]), evals[c],
                seconds[c]));
        }
        double[] strongSlopes = new double[BLOCKS + 1];
        double[] weakSlopes = new double[BLOCKS + 1];
        for (int drop = 0; drop <= BLOCKS; drop++) {
            double[] lh = new double[levels];
            double[] ls = new double[levels];
            double[] lw = new double[levels];
            for (int c = 0; c < levels; c++) {
                lh[c] = Math.log(tEnd / steps[c]);
                ls[c] = Math.log(strong[c][drop]);
                lw[c] = Math.log(weak[c][drop]);
            }
            strongSlopes[drop] = slope(lh, ls);
            weakSlopes[drop] = slope(lh, lw);
        }
        return new Result(List.copyOf(out), strongSlopes[BLOCKS], jackknife(strongSlopes),
            weakSlopes[BLOCKS], jackknife(weakSlopes));
    }

    /** Runs {@code scheme} with {@code count} steps; returns drift evaluations per step. */
    private int integrate(SdeAlgorithm scheme, int count, int fine, double[] x0, double[] dw,
                          double[] dz, int batch, int m, double[] x) {
        SdeStepper st = scheme.stepper(problem, batch);
        int blocks = st.incrementsPerChannel();
        if (blocks > 2) {
            throw new IllegalArgumentException(scheme.name() + " takes " + blocks
                + " variates per channel; the study supplies Delta W and Delta Z only");
        }
        System.arraycopy(x0, 0, x, 0, x.length);
        int ratio = fine / count;
        double hf = tEnd / fine;
        double h = tEnd / count;
        double[] v = new double[blocks * m * batch];
        int mb = m * batch;
        for (int s = 0; s < count; s++) {
            for (int j = 0; j < m; j++) {
                for (int b = 0; b < batch; b++) {
                    double sw = 0;
                    double sz = 0;
                    for (int k = 0; k < ratio; k++) {
                        int idx = ((s * ratio + k) * m + j) * batch + b;
                        sz += dz[idx] + (ratio - k - 1) * hf * dw[idx];
                        sw += dw[idx];
                    }
                    v[j * batch + b] = sw;
                    if (blocks == 2) {
                        v[mb + j * batch + b] = BrownianIncrements.xi(h, sw, sz);
                    }
                }
            }
            st.step(s * h, h, x, v);
        }
        return st.driftEvaluationsPerStep();
    }

    private static void requireFinite(double[] x, String what, int count, int first,
                                      int batch) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalStateException(what + " at " + count + " steps is not finite "
                    + "on path " + (first + i % batch) + ": " + x[i]);
            }
        }
    }

    private static double jackknife(double[] v) {
        int b = v.length - 1;
        double mean = 0;
        for (int k = 0; k < b; k++) {
            mean += v[k] / b;
        }
        double ss = 0;
        for (int k = 0; k < b; k++) {
            ss += (v[k] - mean) * (v[k] - mean);
        }
        return Math.sqrt((b - 1.0) / b * ss);
    }

    /** Least-squares slope of y against x (also the convergence tests' order fit). */
    static double slope(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / x.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }

    private static int lcmOf(int[] counts) {
        long l = 1;
        for (int c : counts) {
            l = l / gcd(l, c) * c;
            if (l > 1 << 22) {
                throw new IllegalArgumentException("the common grid of the step counts is too "
                    + "fine (" + l + " steps); use step counts that divide each other");
            }
        }
        return (int) l;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
