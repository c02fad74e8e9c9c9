package org.ness4j.sde.ensemble;

import java.util.Objects;

/**
 * The heap an observer (one accumulator) needs in an ensemble run, estimated before any work
 * ({@link EnsembleObserver#memory}): per batch in flight (the batch observer's running sums and
 * scratch space, and the batch's result before it is combined) and for the combined result
 * (which the ensemble holds once, growing as batches complete). The ensemble multiplies the
 * per-batch part by the batches that run at once and refuses a run whose total does not fit
 * into the heap ({@link Ensemble#run}).
 *
 * <p>Estimates count the arrays of doubles by their length (8 bytes each) and every stored row
 * of a group-keyed accumulator with {@link #ROW_OVERHEAD} bytes of map entry and array header;
 * they are meant to be within a factor of about 2 of the retained size, and not below it.
 *
 * @param accumulator name of the accumulator (its class's simple name), for messages
 * @param perBatch bytes per batch in flight, {@code >= 0}
 * @param combined bytes of the combined result, {@code >= 0}
 * @param largestArray elements of the largest single array a batch allocates ({@code >= 0}):
 *     a run whose batches would need an array beyond the largest Java array is refused
 * @param savedState bytes of a batch's saved state ({@link BatchObserver#saveState}), which a
 *     checkpointed run keeps per batch in flight besides the live batch ({@code >= 0})
 */
public record MemoryEstimate(String accumulator, long perBatch, long combined,
                             long largestArray, long savedState) {

    /** Bytes a stored row of a group-keyed accumulator costs beyond its doubles. */
    public static final long ROW_OVERHEAD = 100;
    /** Most elements of a Java array (a little below {@link Integer#MAX_VALUE} on HotSpot). */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * Checks the parts.
     *
     * @param accumulator name of the accumulator, for messages
     * @param perBatch bytes per batch in flight
     * @param combined bytes of the combined result
     * @param largestArray elements of the largest array of a batch
     * @param savedState bytes of a batch's saved state
     * @throws IllegalArgumentException if a size is negative
     */
    public MemoryEstimate {
        Objects.requireNonNull(accumulator, "accumulator");
        if (perBatch < 0 || combined < 0 || largestArray < 0 || savedState < 0) {
            throw new IllegalArgumentException("memory estimate of " + accumulator
                + " must not be negative: perBatch " + perBatch + ", combined " + combined
                + ", largestArray " + largestArray + ", savedState " + savedState);
        }
    }

    /**
     * An estimate without saved state (an observer whose batches cannot be checkpointed in
     * flight, or the ensemble's own part).
     *
     * @param accumulator name, for messages
     * @param perBatch bytes per batch in flight
     * @param combined bytes of the combined result
     * @param largestArray elements of the largest array of a batch
     */
    public MemoryEstimate(String accumulator, long perBatch, long combined, long largestArray) {
        this(accumulator, perBatch, combined, largestArray, 0);
    }

    /**
     * This estimate with another saved-state size.
     *
     * @param bytes bytes of a batch's saved state
     * @return the estimate
     */
    public MemoryEstimate withSavedState(long bytes) {
        return new MemoryEstimate(accumulator, perBatch, combined, largestArray, bytes);
    }

    /**
     * The estimate of an accumulator that keeps {@code valuesPerRow} doubles (sums and count) per
     * stored row: a batch holds running sums of {@code rowsPerBatch} rows (one array of
     * {@code rowsPerBatch * (valuesPerRow - 1)} doubles), {@code scratchValues} doubles of
     * scratch space, and its result of {@code rowsPerBatch} rows; the combined result holds
     * {@code rowsCombined} rows. Its saved state is the running sums.
     *
     * @param accumulator name, for messages
     * @param valuesPerRow doubles per stored row, {@code >= 0}
     * @param rowsPerBatch rows (groups, or jackknife blocks) of one batch
     * @param rowsCombined rows of the combined result
     * @param scratchValues doubles of scratch space per batch
     * @return the estimate (saturating at {@link Long#MAX_VALUE})
     */
    public static MemoryEstimate grouped(String accumulator, long valuesPerRow, long rowsPerBatch,
                                         long rowsCombined, long scratchValues) {
        long sums = mul(rowsPerBatch, Math.max(0, valuesPerRow - 1));
        long row = add(mul(8, valuesPerRow), ROW_OVERHEAD);
        long perBatch = add(add(mul(8, sums), mul(rowsPerBatch, row)), mul(8, scratchValues));
        return new MemoryEstimate(accumulator, perBatch, mul(rowsCombined, row),
            Math.max(sums, scratchValues), add(mul(8, sums), 64));
    }

    /**
     * Number of groups of {@code groupSize} among {@code trajectories} trajectories (the last
     * may be partial).
     *
     * @param trajectories trajectories, {@code >= 0}
     * @param groupSize trajectories per group, {@code >= 1}
     * @return {@code ceil(trajectories / groupSize)}
     */
    public static long groups(long trajectories, int groupSize) {
        return (trajectories + groupSize - 1) / groupSize;
    }

    /**
     * The sum of two estimates (a composite of two parts), named {@code name}.
     *
     * @param name name of the sum
     * @param other the other part
     * @return the sum (saturating)
     */
    public MemoryEstimate plus(String name, MemoryEstimate other) {
        return new MemoryEstimate(name, add(perBatch, other.perBatch),
            add(combined, other.combined), Math.max(largestArray, other.largestArray),
            add(savedState, other.savedState));
    }

    /**
     * The bytes this part needs in a run with {@code batchesInFlight} batches at once.
     *
     * @param batchesInFlight batches running at the same time
     * @param checkpoint whether the run keeps saved states of its batches in flight
     * @return {@code batchesInFlight * (perBatch + savedState if checkpointed) + combined}
     *     (saturating)
     */
    public long total(long batchesInFlight, boolean checkpoint) {
        return add(mul(batchesInFlight, add(perBatch, checkpoint ? savedState : 0)), combined);
    }

    /** Saturating product of non-negative numbers. */
    static long mul(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    /** Saturating sum of non-negative numbers. */
    static long add(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }
}
