package org.ness4j.sde.ensemble;

import org.ness4j.core.Checks;

/**
 * The steps at which an observer samples the state: step {@code first} and every {@code every}
 * steps after it (step 0 is the initial state; step k is time {@code k * dt}).
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
