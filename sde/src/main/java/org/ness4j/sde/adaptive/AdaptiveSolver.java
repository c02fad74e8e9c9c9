package org.ness4j.sde.adaptive;

import java.util.Objects;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ness4j.core.Checks;
import org.ness4j.core.random.TrajectoryStreams;
import org.ness4j.sde.SdeProblem;
import org.ness4j.sde.srk.EmbeddedAlgorithm;
import org.ness4j.sde.srk.EmbeddedStepper;

/**
 * Adaptive time stepping for one trajectory: the natural embedded error estimate of Rößler's
 * SRA/SRI methods, a standard step-size controller, and rejection sampling with memory (RSwM;
 * Rackauckas and Nie 2017, "Adaptive methods for stochastic differential equations via natural
 * embeddings and rejection sampling with memory", Discrete Contin. Dyn. Syst. B 22(7),
 * 2731-2761) through a {@link BrownianPath}.
 *
 * <p><b>One trajectory per solve.</b> Each trajectory has its own time, step size and Brownian
 * path, drawn from its own Gaussian sampler; the result therefore depends only on the
 * trajectory's stream, i.e. on {@code (masterSeed, i)} when the sampler is
 * {@link #gaussian(long, long)}. A step shared by a batch would make every trajectory depend on
 * which others share its batch (the largest error in the batch would set everybody's step), so
 * ness4j does not batch adaptive solves; run trajectories in parallel, one solve each (the
 * solver is immutable and thread-safe).
 *
 * <p><b>Error and controller.</b> After a trial step from \( X_n \) to \( X_{n+1} \) the stepper
 * reports \( E_D \) and \( E_N \) per component; the scaled error is
 * \[ \mathrm{err} = \Bigl(\frac1n \sum_i \Bigl[\frac{\delta |E_{D,i}| + |E_{N,i}|}
 *   {\mathrm{abstol} + \mathrm{reltol}\,\max(|X_{n,i}|, |X_{n+1,i}|)}\Bigr]^2\Bigr)^{1/2} \]
 * (the natural error estimate of Rackauckas and Nie 2017, with the weight \( \delta \), default
 * 1/6). The step is
 * accepted if \( \mathrm{err} \le 1 \) (and the state is finite); the next step is
 * \( h \cdot \min(q_{max}, \max(q_{min}, \gamma\,\mathrm{err}^{-1/(p+1)})) \) with
 * \( p = 1.5 \), \( \gamma = 0.9 \), \( q_{min} = 0.2 \) and \( q_{max} = 1.125 \) (the small
 * growth factor Rackauckas and Nie recommend for SDEs), at most dtMax (also the last step
 * onto an output or end time). dtMin is the failure threshold: a rejected step that would
 * shrink below it ends the solve with {@link AdaptiveReturnCode#DT_BELOW_MIN} (accepted steps
 * may be shorter, e.g. the last one before an output time). A rejected step is retried with the
 * smaller step on the same Brownian path (refined by the (W, Z) bridge), never with fresh
 * noise.
 *
 * <p><b>Output.</b> The solver steps exactly onto the end time and onto each requested output
 * time, where it calls an {@link OutputObserver}.
 *
 * <p>Defaults: abstol = reltol = 1e-2 (as DifferentialEquations.jl), \( \delta = 1/6 \),
 * dtMin = 1e-12 (tEnd - t0), dtMax = tEnd - t0, initial step (tEnd - t0) / 100, at most 10^7
 * step attempts.
 *
 * <p>Thread safety: immutable; {@code solve} may be called concurrently (each call owns its
 * stepper and path). Allocation happens once per solve, not per step.
 */
public final class AdaptiveSolver {

    private static final double SAFETY = 0.9;

    private final EmbeddedAlgorithm algorithm;
    private final double abstol;
    private final double reltol;
    private final double dtMin;
    private final double dtMax;
    private final double initialDt;
    private final long maxSteps;
    private final double delta;
    private final double qMin;
    private final double qMax;

    private AdaptiveSolver(EmbeddedAlgorithm algorithm, double abstol, double reltol,
                           double dtMin, double dtMax, double initialDt, long maxSteps,
                           double delta, double qMin, double qMax) {
        this.algorithm = algorithm;
        this.abstol = abstol;
        this.reltol = reltol;
        this.dtMin = dtMin;
        this.dtMax = dtMax;
        this.initialDt = initialDt;
        this.maxSteps = maxSteps;
        this.delta = delta;
        this.qMin = qMin;
        this.qMax = qMax;
    }

    /**
     * A solver with default settings.
     *
     * @param algorithm an embedded scheme, e.g. {@code Sra.sosra()} or {@code Sri.sosri()}
     * @return the solver
     */
    public static AdaptiveSolver of(EmbeddedAlgorithm algorithm) {
        return new AdaptiveSolver(Objects.requireNonNull(algorithm, "algorithm"), 1e-2, 1e-2,
            Double.NaN, Double.NaN, Double.NaN, 10_000_000L, 1.0 / 6, 0.2, 1.125);
    }

    /**
     * The standard normal sampler of trajectory {@code index} of an ensemble with master seed
     * {@code masterSeed}: a Ziggurat sampler over {@link TrajectoryStreams#stream}.
     *
     * @param masterSeed master seed
     * @param index trajectory index
     * @return a new sampler (not thread-safe)
     */
    public static NormalizedGaussianSampler gaussian(long masterSeed, long index) {
        return ZigguratSampler.NormalizedGaussian.of(TrajectoryStreams.stream(masterSeed, index));
    }

    /**
     * @param absolute absolute tolerance, positive and finite
     * @param relative relative tolerance, non-negative and finite
     * @return a copy with these tolerances
     */
    public AdaptiveSolver withTolerances(double absolute, double relative) {
        return new AdaptiveSolver(algorithm, Checks.positive("abstol", absolute),
            Checks.nonNegative("reltol", relative), dtMin, dtMax, initialDt, maxSteps, delta,
            qMin, qMax);
    }

    /**
     * @param h smallest allowed step, positive and finite
     * @return a copy with this minimum step
     */
    public AdaptiveSolver withDtMin(double h) {
        return new AdaptiveSolver(algorithm, abstol, reltol, Checks.positive("dtMin", h), dtMax,
            initialDt, maxSteps, delta, qMin, qMax);
    }

    /**
     * @param h largest allowed step, positive and finite
     * @return a copy with this maximum step
     */
    public AdaptiveSolver withDtMax(double h) {
        return new AdaptiveSolver(algorithm, abstol, reltol, dtMin, Checks.positive("dtMax", h),
            initialDt, maxSteps, delta, qMin, qMax);
    }

    /**
     * @param h first trial step, positive and finite
     * @return a copy with this initial step
     */
    public AdaptiveSolver withInitialDt(double h) {
        return new AdaptiveSolver(algorithm, abstol, reltol, dtMin, dtMax,
            Checks.positive("initialDt", h), maxSteps, delta, qMin, qMax);
    }

    /**
     * @param n step attempts allowed per solve (accepted plus rejected), at least 1
     * @return a copy with this budget
     */
    public AdaptiveSolver withMaxSteps(long n) {
        return new AdaptiveSolver(algorithm, abstol, reltol, dtMin, dtMax, initialDt,
            Checks.atLeast("maxSteps", n, 1L), delta, qMin, qMax);
    }

    /**
     * @param d weight \( \delta \) of the deterministic error part, non-negative and finite
     * @return a copy with this weight
     */
    public AdaptiveSolver withDelta(double d) {
        return new AdaptiveSolver(algorithm, abstol, reltol, dtMin, dtMax, initialDt, maxSteps,
            Checks.nonNegative("delta", d), qMin, qMax);
    }

    /**
     * @param min smallest step factor, in (0, 1)
     * @param max largest step factor, greater than 1 and finite
     * @return a copy with these factor bounds
     */
    public AdaptiveSolver withStepFactors(double min, double max) {
        if (!(min > 0 && min < 1)) {
            throw new IllegalArgumentException("qMin must be in (0, 1): " + min);
        }
        if (!(max > 1) || max == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("qMax must be greater than 1 and finite: " + max);
        }
        return new AdaptiveSolver(algorithm, abstol, reltol, dtMin, dtMax, initialDt, maxSteps,
            delta, min, max);
    }

    /** @return the scheme */
    public EmbeddedAlgorithm algorithm() {
        return algorithm;
    }

    /** @return absolute tolerance */
    public double abstol() {
        return abstol;
    }

    /** @return relative tolerance */
    public double reltol() {
        return reltol;
    }

    /** @return minimum step, or NaN for the default 1e-12 (tEnd - t0) */
    public double dtMin() {
        return dtMin;
    }

    /** @return maximum step, or NaN for the default tEnd - t0 */
    public double dtMax() {
        return dtMax;
    }

    /** @return initial step, or NaN for the default (tEnd - t0) / 100 */
    public double initialDt() {
        return initialDt;
    }

    /** @return step attempts allowed per solve */
    public long maxSteps() {
        return maxSteps;
    }

    /** @return weight of the deterministic error part */
    public double delta() {
        return delta;
    }

    /**
     * Solves one trajectory from the problem's sampled initial state.
     *
     * @param problem the equations
     * @param t0 start time, finite
     * @param tEnd end time, greater than {@code t0} and finite
     * @param gaussian this trajectory's standard normal source (initial state, then the path)
     * @return the final state and statistics
     * @throws IllegalArgumentException if the algorithm does not suit the problem (before any
     *     work) or the times are invalid
     */
    public AdaptiveSolution solve(SdeProblem problem, double t0, double tEnd,
                                  NormalizedGaussianSampler gaussian) {
        return solve(problem, t0, null, tEnd, gaussian, new double[0], null);
    }

    /**
     * Solves one trajectory, reporting the state at output times.
     *
     * @param problem the equations
     * @param t0 start time, finite
     * @param x0 initial state (not modified), or {@code null} to sample it with
     *     {@link SdeProblem#initialState}
     * @param tEnd end time, greater than {@code t0} and finite
     * @param gaussian this trajectory's standard normal source
     * @param outputTimes increasing times in {@code [t0, tEnd]} (not modified)
     * @param observer receives the state at each output time, or {@code null} (then
     *     {@code outputTimes} must be empty)
     * @return the final state and statistics
     * @throws IllegalArgumentException if the algorithm does not suit the problem (before any
     *     work), the problem has no noise channel, the times are invalid, {@code x0} has the
     *     wrong length or is not finite, or dtMin exceeds dtMax
     */
    public AdaptiveSolution solve(SdeProblem problem, double t0, double[] x0, double tEnd,
                                  NormalizedGaussianSampler gaussian, double[] outputTimes,
                                  OutputObserver observer) {
        Objects.requireNonNull(gaussian, "gaussian");
        return solve(problem, t0, x0, tEnd, gaussian, null, outputTimes, observer);
    }

    /**
     * Solves one trajectory on a given Brownian path: user-supplied noise
     * ({@link BrownianPath#of}, {@link BrownianPath#ofWienerValues}), a path shared with another
     * solve (common random numbers), or a replay. To keep the path a solve used, call
     * {@link BrownianPath#startRecording()} on it before the solve; a solve with the same
     * settings and {@code x0} on {@link BrownianPath#replay} of it reproduces it bit for bit
     * (states, step counts, output states), since the solver is deterministic given the
     * increments it is answered. {@code BrownianPath.of(...)} of the record gives the same path
     * to another scheme or solve, and reproduces this solve closely but not bit for bit (a
     * trial step over two recorded intervals sums increments that were one before the split, so
     * step sizes may differ in the last bits and slivers below 1e-12 h get bridged from the
     * Gaussian source given to {@code of}: 3e-8 relative on GBM at tolerance 1e-4,
     * {@code UserSuppliedNoiseTest}).
     *
     * @param problem the equations
     * @param x0 initial state (not modified), not null
     * @param tEnd end time, greater than {@code path.time()} and finite
     * @param path the path, starting at the solve's start time {@code path.time()}, with one
     *     channel per noise channel of the problem; advanced by the solve
     * @param outputTimes increasing times in {@code [path.time(), tEnd]} (not modified)
     * @param observer receives the state at each output time, or {@code null} (then
     *     {@code outputTimes} must be empty)
     * @return the final state and statistics
     * @throws IllegalArgumentException as {@link #solve(SdeProblem, double, double[], double,
     *     NormalizedGaussianSampler, double[], OutputObserver)}, or if the path's channel count
     *     differs from the problem's
     * @throws IllegalStateException if a path without Gaussian source must be bridged or
     *     continued
     */
    public AdaptiveSolution solve(SdeProblem problem, double[] x0, double tEnd, BrownianPath path,
                                  double[] outputTimes, OutputObserver observer) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(x0, "x0");
        return solve(problem, path.time(), x0, tEnd, null, path, outputTimes, observer);
    }

    private AdaptiveSolution solve(SdeProblem problem, double t0, double[] x0, double tEnd,
                                   NormalizedGaussianSampler gaussian, BrownianPath given,
                                   double[] outputTimes, OutputObserver observer) {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(outputTimes, "outputTimes");
        Checks.finite("t0", t0);
        Checks.finite("tEnd", tEnd);
        if (!(tEnd > t0)) {
            throw new IllegalArgumentException("tEnd must be greater than t0 = " + t0 + ": "
                + tEnd);
        }
        for (int k = 0; k < outputTimes.length; k++) {
            double o = outputTimes[k];
            if (!(o >= t0 && o <= tEnd) || (k > 0 && !(o > outputTimes[k - 1]))) {
                throw new IllegalArgumentException("outputTimes[" + k + "] must be increasing "
                    + "and in [" + t0 + ", " + tEnd + "]: " + o);
            }
        }
        if (outputTimes.length > 0 && observer == null) {
            throw new IllegalArgumentException("observer must be given with output times");
        }
        EmbeddedStepper stepper = algorithm.embeddedStepper(problem, 1);
        int n = problem.dimension();
        int m = problem.noiseComponents().length;
        if (m == 0) {
            throw new IllegalArgumentException("problem " + problem + " has no noise channel: "
                + "solve a deterministic problem with an ODE solver, or with a fixed-step "
                + "algorithm through Ensemble");
        }
        if (given != null && given.channels() != m) {
            throw new IllegalArgumentException("path has " + given.channels()
                + " channels but the problem " + m);
        }
        double[] x = new double[n];
        if (x0 == null) {
            problem.initialState(gaussian, x, 1, 0);
        } else {
            if (x0.length != n) {
                throw new IllegalArgumentException("x0 must have length " + n + ": "
                    + x0.length);
            }
            Checks.allFinite("x0", x0);
            System.arraycopy(x0, 0, x, 0, n);
        }
        double span = tEnd - t0;
        double hMin = Double.isNaN(dtMin) ? 1e-12 * span : dtMin;
        double hMax = Double.isNaN(dtMax) ? span : dtMax;
        if (hMin > hMax) {
            throw new IllegalArgumentException("dtMin " + hMin + " must not exceed dtMax "
                + hMax);
        }
        double h = Math.min(hMax, Double.isNaN(initialDt) ? span / 100 : initialDt);
        BrownianPath path = given != null ? given : new BrownianPath(m, t0, gaussian);
        double[] dW = new double[2 * m];
        double[] trial = new double[n];
        double[] eD = new double[n];
        double[] eN = new double[n];
        double exponent = -1 / (algorithm.strongOrder() + 1);
        int out = 0;
        while (out < outputTimes.length && outputTimes[out] == t0) {
            observer.observe(out, t0, x);
            out++;
        }
        double t = t0;
        long accepted = 0;
        long rejected = 0;
        AdaptiveReturnCode code = AdaptiveReturnCode.SUCCESS;
        while (t < tEnd) {
            if (accepted + rejected >= maxSteps) {
                code = AdaptiveReturnCode.MAX_STEPS;
                break;
            }
            double stop = out < outputTimes.length ? outputTimes[out] : tEnd;
            // step onto the next output or end time if it is within 1.01 h (avoiding a sliver
            // of a step after it), but never further than dtMax
            boolean hits = stop - t <= Math.min(1.01 * h, hMax);
            double step = hits ? stop - t : h;
            path.increments(step, dW);
            System.arraycopy(x, 0, trial, 0, n);
            stepper.step(t, step, trial, dW, eD, eN);
            double err = scaledError(x, trial, eD, eN);
            if (err <= 1) {
                accepted++;
                path.advance();
                t = hits ? stop : t + step;
                double[] swap = x;
                x = trial;
                trial = swap;
                if (hits && out < outputTimes.length) {
                    observer.observe(out, t, x);
                    out++;
                }
                double q = err == 0 ? qMax
                    : Math.min(qMax, Math.max(qMin, SAFETY * Math.pow(err, exponent)));
                h = Math.min(hMax, Math.max(hits ? h : 0, step * q));
            } else {
                rejected++;
                // NaN or infinite error: shrink as much as allowed
                double q = err < Double.POSITIVE_INFINITY
                    ? Math.max(qMin, Math.min(SAFETY, SAFETY * Math.pow(err, exponent))) : qMin;
                h = step * q;
                if (h < hMin) {
                    code = err < Double.POSITIVE_INFINITY ? AdaptiveReturnCode.DT_BELOW_MIN
                        : AdaptiveReturnCode.DIVERGED;
                    break;
                }
            }
        }
        return new AdaptiveSolution(x, t, accepted, rejected, h, code);
    }

    /** RMS of the scaled errors; +infinity if the trial state or the error is not finite. */
    private double scaledError(double[] x, double[] trial, double[] eD, double[] eN) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(trial[i])) {
                return Double.POSITIVE_INFINITY; // an infinite state would make its scale
                                                 // infinite and its error 0
            }
            double scale = abstol + reltol * Math.max(Math.abs(x[i]), Math.abs(trial[i]));
            double e = (delta * Math.abs(eD[i]) + Math.abs(eN[i])) / scale;
            sum += e * e;
        }
        double err = Math.sqrt(sum / x.length);
        // !(err < inf) also catches NaN from non-finite error estimates
        return err < Double.POSITIVE_INFINITY ? err : Double.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        return "AdaptiveSolver[" + algorithm.name() + ", abstol = " + abstol + ", reltol = "
            + reltol + "]";
    }
}
