/**
 * The Bose-Hubbard chain (paper 000) as an SDE problem, with fused integration kernels.
 */
package org.ness4j.sde.chain;
