package org.ness4j.sde.adaptive;

import java.util.Objects;
import org.ness4j.core.Checks;
import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.SdeProblem;
import org.ness4j.sde.SdeStepper;

/**
 * A fixed-step scheme run for one trajectory on a given {@link BrownianPath}: user-supplied
 * noise ({@link BrownianPath#ofWienerValues}: a grid of W values), the same path for two schemes
 * or two step sizes (common random numbers), or the path an adaptive solve recorded. Each step
 * of {@code dt} takes \( (\Delta W, \xi) \) from the path ({@link BrownianPath#increments}), so
 * steps that fall on the path's intervals use its values exactly and others are bridged.
 *
 * <p>Thread safety: stateless; the path is not thread-safe (one per call).
 */
public final class FixedStepOnPath {

    private FixedStepOnPath() {
    }

    /**
     * Integrates from {@code path.time()} for {@code steps} steps of {@code dt}.
     *
     * @param algorithm a fixed-step scheme taking one or two variates per channel
     * @param problem the equations
     * @param x0 initial state, length {@code problem.dimension()}, finite (not modified)
     * @param dt step size, positive and finite
     * @param steps number of steps, at least 0
     * @param path the Brownian path, one channel per noise channel of the problem (advanced)
     * @return the state after the last step
     * @throws IllegalArgumentException if an argument is invalid or the scheme takes more than
     *     two variates per channel
     */
    public static double[] solve(SdeAlgorithm algorithm, SdeProblem problem, double[] x0,
                                 double dt, long steps, BrownianPath path) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(path, "path");
        Checks.positive("dt", dt);
        Checks.atLeast("steps", steps, 0L);
        int n = problem.dimension();
        int m = problem.noiseComponents().length;
        if (x0.length != n) {
            throw new IllegalArgumentException("x0 must have length " + n + ": " + x0.length);
        }
        Checks.allFinite("x0", x0);
        if (path.channels() != m) {
            throw new IllegalArgumentException("path has " + path.channels()
                + " channels but the problem " + m);
        }
        SdeStepper st = algorithm.stepper(problem, 1);
        int blocks = st.incrementsPerChannel();
        if (blocks > 2) {
            throw new IllegalArgumentException(algorithm.name() + " takes " + blocks
                + " variates per channel; a Brownian path supplies Delta W and Delta Z only");
        }
        double[] x = x0.clone();
        double[] both = new double[2 * m];
        double[] v = blocks == 2 ? both : new double[m];
        double t = path.time();
        for (long s = 0; s < steps; s++) {
            path.increments(dt, both);
            if (blocks == 1) {
                System.arraycopy(both, 0, v, 0, m);
            }
            st.step(t + s * dt, dt, x, v);
            path.advance();
        }
        return x;
    }
}
