package org.ness4j.core.exec;

import java.io.Serializable;

/**
 * Makes a {@link ShardedPlan}: what a distributed executor ships to its workers (a plan holds
 * problems, observers and operators that are not serializable; a source is a small
 * serializable recipe that rebuilds the plan where it runs). Write it as a lambda that
 * captures only serializable values (numbers, strings, arrays), e.g.
 * {@code () -> EnsemblePlan.of(ensemble(f, l), observer(l))}. Building the plan twice must
 * give the same plan (same {@link ShardedPlan#fingerprint()}).
 *
 * @param <P> partial result type
 */
@FunctionalInterface
public interface PlanSource<P> extends Serializable {

    /** @return the plan */
    ShardedPlan<P> plan();
}
