/**
 * Adaptive time stepping for single trajectories: {@link org.ness4j.sde.adaptive.AdaptiveSolver}
 * (embedded error estimate, step-size controller, rejection sampling with memory) and
 * {@link org.ness4j.sde.adaptive.BrownianPath} (the future (W, Z) path with its bridge). See
 * {@code docs/srk.md}.
 */
package org.ness4j.sde.adaptive;
