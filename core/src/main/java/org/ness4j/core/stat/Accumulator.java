package org.ness4j.core.stat;

import java.io.DataOutput;
import java.io.IOException;

/**
 * A streaming statistic that can be merged with a partial result computed elsewhere and written
 * to a stream: the contract every ness4j observable follows (in the spirit of Commons
 * Statistics' {@code accept} + {@code combine}).
 *
 * <p>Contract, checked for every implementation by a shared contract test:
 * <ul>
 *   <li>{@link #combine} is associative and does not depend on the split: accumulating a data
 *       set in any partition and combining the parts gives the same estimates as accumulating it
 *       whole. ness4j accumulators keep their data keyed by trajectory group, so this holds
 *       bit for bit, not only up to rounding.</li>
 *   <li>{@link #writeTo} followed by the implementation's static {@code readFrom(DataInput)}
 *       reproduces an equal accumulator.</li>
 *   <li>No NaN is ever stored: invalid samples are rejected or excluded where they enter.</li>
 * </ul>
 *
 * <p>Thread safety: accumulators are mutable and not thread-safe; use one per thread (or per
 * batch of trajectories), then combine.
 *
 * @param <A> the implementing type
 */
public interface Accumulator<A extends Accumulator<A>> {

    /**
     * Merges another partial result into this one.
     *
     * @param other the partial result to merge (not modified)
     * @return this accumulator
     * @throws IllegalArgumentException if {@code other} was configured differently, or if both
     *     hold data for the same trajectory group
     */
    A combine(A other);

    /**
     * Writes the complete state in a versioned binary format.
     *
     * @param out destination
     * @throws IOException if writing fails
     */
    void writeTo(DataOutput out) throws IOException;

    /**
     * The number of doubles this accumulator stores per statistical group it holds (its sums
     * and sample count), for the memory estimate an ensemble makes before any work
     * ({@code EnsembleObserver.memory} in the sde module). Accumulators that do not keep their
     * data per group return 0 (unknown: not counted).
     *
     * @return doubles per group, {@code >= 0}
     */
    default long valuesPerGroup() {
        return 0;
    }
}
