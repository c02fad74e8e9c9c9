package org.ness4j.sde.ensemble;

import org.ness4j.core.Checks;

/**
 * The steps at which an observer samples the state: step {@code first} and every {@code every}
 * steps after it (step 0 is the initial state; step k is time {@code k * dt}).
 *
 * <p>Protocols stated in time units use {@link #ofTimes(double, double, double)}, which converts
 * times to steps and refuses times that are not whole multiples of the step (no silent
 * rounding).
 *
 * @param first first sampled step, {@code >= 0}
 * @param every sampling period in steps, {@code >= 1}
 */
public record SampleSchedule(long first, long every) {

    /**
     * Validates the schedule.
     *
     * @param first first sampled step, {@code >= 0}
     * @param every sampling period in steps, {@code >= 1}
     * @throws IllegalArgumentException if {@code first < 0} or {@code every < 1}
     */
    public SampleSchedule {
        Checks.atLeast("first sample step", first, 0L);
        Checks.atLeast("sample every", every, 1L);
    }

    /**
     * Relative tolerance of {@link #ofTimes}: a time {@code t} is accepted as step
     * {@code k = round(t / dt)} when {@code |t - k dt| <= TIME_TOLERANCE * max(|t|, dt)}, i.e.
     * when it differs from the grid only by rounding errors of decimal literals.
     */
    public static final double TIME_TOLERANCE = 1e-9;

    /**
     * The schedule sampling at time {@code first} and every {@code every} time units after it,
     * on the grid of step {@code dt} (time {@code k * dt} is step {@code k}).
     *
     * @param first time of the first sample, {@code >= 0}, a whole multiple of {@code dt}
     *     within {@link #TIME_TOLERANCE}
     * @param every sampling period in time units, positive, a whole multiple of {@code dt}
     * @param dt the step size of the run, positive and finite
     * @return the schedule in steps
     * @throws IllegalArgumentException naming the parameter, its value and the nearest valid
     *     value, if a time is negative, non-finite or not a whole multiple of {@code dt}
     */
    public static SampleSchedule ofTimes(double first, double every, double dt) {
        Checks.positive("dt", dt);
        Checks.nonNegative("first sample time", first);
        Checks.positive("sample period", every);
        long firstStep = steps("first sample time", first, dt);
        long everyStep = steps("sample period", every, dt);
        if (everyStep < 1) {
            throw new IllegalArgumentException("sample period must be at least one step dt = "
                + dt + ": " + every);
        }
        return new SampleSchedule(firstStep, everyStep);
    }

    /**
     * The number of steps of length {@code dt} in the time {@code time}, refusing times off the
     * grid.
     *
     * @param name parameter name for the message
     * @param time a time, non-negative and finite
     * @param dt step size, positive and finite
     * @return {@code round(time / dt)}
     * @throws IllegalArgumentException if {@code time} is not a whole multiple of {@code dt}
     *     within {@link #TIME_TOLERANCE}, naming the nearest valid value
     */
    public static long steps(String name, double time, double dt) {
        Checks.positive("dt", dt);
        Checks.nonNegative(name, time);
        double ratio = time / dt;
        if (ratio >= Long.MAX_VALUE) {
            throw new IllegalArgumentException(name + " = " + time + " is too many steps of dt = "
                + dt);
        }
        long k = Math.round(ratio);
        if (Math.abs(time - k * dt) > TIME_TOLERANCE * Math.max(Math.abs(time), dt)) {
            throw new IllegalArgumentException(name + " = " + time
                + " is not a whole multiple of dt = " + dt + " (" + ratio
                + " steps); nearest valid value: " + k * dt + " (" + k + " steps)");
        }
        return k;
    }

    /**
     * Whether a step is sampled.
     *
     * @param step step index
     * @return {@code true} if the observer sees the state after this step
     */
    public boolean isSample(long step) {
        return step >= first && (step - first) % every == 0;
    }

    /**
     * Number of samples taken in a run of {@code steps} steps (steps 0 to {@code steps}).
     *
     * @param steps number of steps of the run
     * @return number of sampled steps
     */
    public long count(long steps) {
        return steps < first ? 0 : (steps - first) / every + 1;
    }
}
