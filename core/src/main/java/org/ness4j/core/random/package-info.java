/**
 * Reproducible randomness: per-trajectory generators derived from a master seed and the
 * trajectory index only (see {@link org.ness4j.core.random.TrajectoryStreams}).
 */
package org.ness4j.core.random;
