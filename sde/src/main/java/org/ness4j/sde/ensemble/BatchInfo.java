package org.ness4j.sde.ensemble;

/**
 * What an observer needs to know about the batch it observes.
 *
 * @param firstTrajectory global index of lane 0
 * @param size number of trajectories (lanes) in the batch
 * @param groupSize trajectories per statistical group; group {@code g} holds trajectories
 *     {@code [g * groupSize, (g + 1) * groupSize)}, and batches always start at a group boundary
 * @param dimension real dimension of each state
 * @param dt time step
 */
public record BatchInfo(long firstTrajectory, int size, int groupSize, int dimension, double dt) {
}
