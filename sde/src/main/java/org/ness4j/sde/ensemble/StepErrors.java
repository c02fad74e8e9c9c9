package org.ness4j.sde.ensemble;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.ness4j.core.stat.Accumulator;
import org.ness4j.core.stat.Estimate;
import org.ness4j.core.stat.Estimate.StepError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error budget of an ensemble run ({@link Ensemble.Builder#errorBudget}): the accumulators
 * of its subset re-run at {@code dt} ("coarse") and at {@code dt/2} on the same Brownian paths
 * ("fine"), kept per jackknife block, and the step errors they give any estimator:
 * \( e = (f(\mathrm{coarse}) - f(\mathrm{fine})) / (1 - 2^{-p}) \), the Richardson estimate of
 * \( E f_{dt} - \lim_{h \to 0} E f_h \) for a scheme of weak order p ({@link ErrorBudget}),
 * with a delete-one-block jackknife standard error: for block k, \( e_{(k)} \) is computed from
 * the combined accumulators of all other blocks, and
 * \( \mathrm{se}^2 = \frac{B-1}{B}\sum_k (e_{(k)} - \bar e)^2 \).
 *
 * <p>The estimate is valid while the step error is dominated by its leading term
 * \( C h^p \); the relative error of the extrapolation is \( O(h) \) then. A step error that is
 * not small next to the estimate itself, or an order that the measured ratio
 * \( (f_{dt} - f_{dt/2}) / (f_{dt/2} - f_{dt/4}) \) would contradict, means that dt is far too
 * large, not that the correction can be trusted.
 *
 * <p>Cost of an evaluation: the estimator runs on {@code 2 (B + 1)} accumulators, each combined
 * from up to B blocks; evaluate vectors of estimates at once ({@link #stepErrors},
 * {@link #attach}).
 *
 * <p>Not thread-safe for concurrent evaluations with estimators that are not; the stored
 * accumulators are never modified.
 *
 * @param <A> accumulator type
 */
public final class StepErrors<A extends Accumulator<A>> {

    private static final Logger LOG = LoggerFactory.getLogger(StepErrors.class);
    /** Estimates named in full in one warning. */
    private static final int WARN_DETAILS = 3;

    private final List<A> coarse;
    private final List<A> fine;
    private final Supplier<A> empty;
    private final double order;
    private final double dt;
    private final long trajectories;
    private final int diverged;

    StepErrors(List<A> coarse, List<A> fine, Supplier<A> empty, double order, double dt,
               long trajectories, int diverged) {
        if (coarse.size() != fine.size() || coarse.isEmpty()) {
            throw new IllegalArgumentException("coarse and fine blocks must match: "
                + coarse.size() + ", " + fine.size());
        }
        this.coarse = List.copyOf(coarse);
        this.fine = List.copyOf(fine);
        this.empty = empty;
        this.order = order;
        this.dt = dt;
        this.trajectories = trajectories;
        this.diverged = diverged;
    }

    /** @return the weak order p used in the extrapolation */
    public double order() {
        return order;
    }

    /** @return the main run's step; the fine re-run used half of it */
    public double dt() {
        return dt;
    }

    /** @return trajectories re-run (the subset, a whole number of groups) */
    public long trajectories() {
        return trajectories;
    }

    /** @return jackknife blocks */
    public int blocks() {
        return coarse.size();
    }

    /**
     * @return trajectories of the subset that diverged in either re-run; their groups are left
     *     out of both
     */
    public int divergedTrajectories() {
        return diverged;
    }

    /** @return the combined accumulator of the re-run at {@code dt} (a new object) */
    public A coarse() {
        return combineWithout(coarse, -1);
    }

    /** @return the combined accumulator of the re-run at {@code dt/2} (a new object) */
    public A fine() {
        return combineWithout(fine, -1);
    }

    /**
     * The step errors of a vector of estimates.
     *
     * @param values computes the estimates' values from an accumulator; the same length for
     *     every accumulator it is given
     * @return one step error per value; a standard error is NaN if a leave-one-block-out value
     *     is not finite or there are fewer than two blocks
     * @throws IllegalArgumentException if the vector lengths differ between accumulators
     */
    public StepError[] stepErrors(Function<A, double[]> values) {
        double scale = 1 / (1 - Math.pow(2, -order));
        double[] all = difference(values, -1, scale, -1);
        int blocks = coarse.size();
        double[][] loo = new double[all.length][blocks < 2 ? 0 : blocks];
        for (int k = 0; blocks >= 2 && k < blocks; k++) {
            double[] d = difference(values, k, scale, all.length);
            for (int i = 0; i < all.length; i++) {
                loo[i][k] = d[i];
            }
        }
        StepError[] out = new StepError[all.length];
        for (int i = 0; i < all.length; i++) {
            Estimate e = Estimate.jackknife(all[i], loo[i]);
            out[i] = new StepError(e.value(), e.standardError());
        }
        return out;
    }

    /**
     * The step error of one estimate.
     *
     * @param value computes the estimate's value from an accumulator
     * @return its step error
     */
    public StepError stepError(ToDoubleFunction<A> value) {
        return stepErrors(a -> new double[] {value.applyAsDouble(a)})[0];
    }

    /**
     * Estimates from the main run's statistics with their step errors attached, and a WARN log
     * line if any step error exceeds its estimate's statistical error
     * ({@link Estimate#stepErrorDominates()}), and one if the budget could not resolve the step
     * error of some ({@link Estimate#stepErrorUnresolved()}).
     *
     * @param statistics the main run's accumulator
     * @param estimator computes the estimates (the same length for every accumulator)
     * @return the estimates with step errors
     */
    public Estimate[] attach(A statistics, Function<A, Estimate[]> estimator) {
        Estimate[] main = estimator.apply(statistics);
        StepError[] errors = stepErrors(a -> valuesOf(estimator.apply(a)));
        if (errors.length != main.length) {
            throw new IllegalArgumentException("the estimator returned " + main.length
                + " estimates for the run and " + errors.length + " for the error budget");
        }
        Estimate[] out = new Estimate[main.length];
        int dominated = 0;
        int unresolved = 0;
        StringBuilder details = new StringBuilder();
        for (int i = 0; i < main.length; i++) {
            out[i] = main[i].withStepError(errors[i]);
            unresolved += out[i].stepErrorUnresolved() ? 1 : 0;
            if (out[i].stepErrorDominates() && dominated++ < WARN_DETAILS) {
                details.append(String.format(Locale.ROOT, "%n  #%d: %.6g +- %.3g, step error "
                    + "%.3g +- %.3g", i, out[i].value(), out[i].standardError(),
                    errors[i].value(), errors[i].standardError()));
            }
        }
        if (dominated > 0) {
            LOG.warn("the step error exceeds the statistical error for {} of {} estimates "
                + "(dt = {}, scheme order {}); reduce dt or correct by the step error:{}{}",
                dominated, main.length, dt, order, details,
                dominated > WARN_DETAILS ? String.format(Locale.ROOT, "%n  ...") : "");
        }
        if (unresolved > 0) {
            LOG.warn("the error budget cannot tell whether dt = {} limits {} of {} estimates: "
                + "the standard error of their step error exceeds their statistical error; "
                + "re-run more than {} trajectories in the budget", dt, unresolved,
                main.length, trajectories);
        }
        return out;
    }

    private static double[] valuesOf(Estimate[] estimates) {
        double[] v = new double[estimates.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = estimates[i].value();
        }
        return v;
    }

    /** (f(coarse) - f(fine)) x scale, both without block {@code skip} (-1: all blocks). */
    private double[] difference(Function<A, double[]> values, int skip, double scale,
                                int length) {
        double[] c = values.apply(combineWithout(coarse, skip));
        double[] f = values.apply(combineWithout(fine, skip));
        if (c.length != f.length || (length >= 0 && c.length != length)) {
            throw new IllegalArgumentException("the estimator returned vectors of different "
                + "lengths: " + c.length + ", " + f.length + (length >= 0 ? ", " + length : ""));
        }
        double[] d = new double[c.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (c[i] - f[i]) * scale;
        }
        return d;
    }

    private A combineWithout(List<A> blocks, int skip) {
        A a = empty.get();
        for (int k = 0; k < blocks.size(); k++) {
            if (k != skip) {
                a.combine(blocks.get(k));
            }
        }
        return a;
    }
}
