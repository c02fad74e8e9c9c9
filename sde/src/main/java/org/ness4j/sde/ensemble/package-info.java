/**
 * Reproducible parallel ensembles of SDE trajectories with streaming observers, progress
 * reports, cooperative cancellation and divergence return codes.
 */
package org.ness4j.sde.ensemble;
