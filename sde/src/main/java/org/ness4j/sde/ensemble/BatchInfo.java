package org.ness4j.sde.ensemble;

/**
 * What an observer needs to know about the batch it observes.
 *
 * <p>Lane layout: a batch of {@code size} trajectories run as {@code replicas} copies each
 * ({@link Ensemble.Builder#replicas}); the stepper sees {@link #lanes()} = {@code size * replicas}
 * lanes, and replica {@code r} of trajectory {@code b} is lane {@code r * size + b}. Component
 * {@code i} of lane {@code k} is {@code x[i * lanes() + k]}. Without replicas, lanes = size.
 *
 * @param firstTrajectory global index of trajectory 0 of the batch
 * @param size number of trajectories in the batch
 * @param replicas copies of each trajectory sharing initial state and noise (at least 1)
 * @param groupSize trajectories per statistical group; group {@code g} holds trajectories
 *     {@code [g * groupSize, (g + 1) * groupSize)}, and batches always start at a group boundary
 * @param dimension real dimension of each state
 * @param dt time step
 */
public record BatchInfo(long firstTrajectory, int size, int replicas, int groupSize,
                        int dimension, double dt) {

    /** @return number of lanes of the batch state, {@code size * replicas} */
    public int lanes() {
        return size * replicas;
    }
}
