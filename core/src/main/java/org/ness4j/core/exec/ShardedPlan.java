package org.ness4j.core.exec;

import java.util.List;

/**
 * What to compute, as an executor sees it: a run of {@link #trajectories()} trajectories whose
 * results can be computed range by range ({@link #run}) and combined ({@link #merge}), in any
 * order and on any machine, into exactly (bit for bit) the result of one run over all of them.
 * Trajectory {@code i} always uses the random stream and statistical group of trajectory
 * {@code i} of the whole run. A partial result ({@code P}) knows its range and can be written to
 * bytes and read back, so that it can travel from a worker to the driver or wait in a file.
 *
 * <p>Implementations: {@code EnsemblePlan} (sde module, any ensemble observer, replicas
 * included) and {@code QuantumTrajectories.plan()} (core).
 *
 * <p>Thread safety: implementations are immutable; {@link #run} may be called concurrently.
 *
 * @param <P> partial result type
 */
public interface ShardedPlan<P> {

    /** @return trajectories of the whole run */
    long trajectories();

    /**
     * @return the group size: range boundaries must be multiples of it (or the run's end), so
     *     that no statistical group is split between two ranges
     */
    int alignment();

    /**
     * Everything that determines the result (problem, algorithm, sizes, seed, observer
     * settings, library version): partial results of plans with different fingerprints are
     * never merged.
     *
     * @return the fingerprint (stable across JVM runs)
     */
    String fingerprint();

    /**
     * Computes the partial result of one range on the calling machine.
     *
     * @param range a range of this run ({@link Shards#requireShard})
     * @param threads local threads to use, at least 1 (does not change the result)
     * @return the partial result
     * @throws IllegalArgumentException if the range is not a shard of this run
     */
    P run(TrajectoryRange range, int threads);

    /**
     * @param part a partial result of this plan
     * @return the range it covers
     */
    TrajectoryRange range(P part);

    /**
     * Combines partial results of disjoint ranges (in any order) into one partial result over
     * their union; given ranges covering the whole run, the result is exactly that of one run.
     *
     * @param parts partial results of this plan, at least one
     * @return the combined partial result
     * @throws IllegalArgumentException if two parts overlap, or ({@link #mergeAll}) leave a gap
     */
    P merge(List<P> parts);

    /**
     * Combines partial results that must cover the whole run exactly once.
     *
     * @param parts partial results of this plan, in any order
     * @return the result of the whole run
     * @throws IllegalArgumentException naming the first gap or overlap
     */
    default P mergeAll(List<P> parts) {
        Shards.requireCover(parts.stream().map(this::range).toList(), trajectories());
        return merge(parts);
    }

    /**
     * Serializes a partial result (versioned binary format; its configuration is checked by
     * {@link #read}).
     *
     * @param part the partial result
     * @return its bytes
     */
    byte[] write(P part);

    /**
     * Reads a partial result written by {@link #write} of a plan with the same
     * {@link #fingerprint()}.
     *
     * @param bytes the bytes
     * @return the partial result
     * @throws IllegalArgumentException if the bytes are corrupt or of another configuration
     */
    P read(byte[] bytes);
}
