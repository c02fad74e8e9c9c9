package org.ness4j.sde.ensemble;

/**
 * A one-time change of the batch state at a given step, e.g. the phase kick of one replica in an
 * out-of-time-order correlator (paper 000, Eq. 6). Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface Perturbation {

    /**
     * Modifies the state in place.
     *
     * @param t time of the perturbation
     * @param x batch state in the lane layout of {@link BatchInfo} (modified)
     * @param info the batch
     */
    void apply(double t, double[] x, BatchInfo info);

    /**
     * Checks, before any work, that this perturbation can act on batches shaped like
     * {@code info} (sites inside the state, enough replicas); the ensemble calls it when a run
     * starts. The default accepts every batch.
     *
     * @param info a batch of the run (its size and first trajectory are not meaningful)
     * @throws IllegalArgumentException if the perturbation cannot act on such a batch
     */
    default void validate(BatchInfo info) {
    }
}
