package org.ness4j.sde.ensemble;

/**
 * A trajectory that left the finite numbers: the first component found non-finite or beyond the
 * divergence threshold.
 *
 * @param trajectory global trajectory index
 * @param time time of the check that found it (at most {@code checkEvery} steps after the event)
 * @param component state component
 * @param componentName readable name of the component (e.g. "Re alpha at site 3")
 * @param value the offending value
 */
public record Divergence(long trajectory, double time, int component, String componentName,
                         double value) {

    @Override
    public String toString() {
        return "trajectory " + trajectory + " diverged at t = " + time + " (" + componentName
            + " = " + value + ")";
    }
}
