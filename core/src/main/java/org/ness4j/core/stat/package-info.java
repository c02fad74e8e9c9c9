/**
 * Shared statistical contracts: mergeable, serializable {@link org.ness4j.core.stat.Accumulator}s
 * and {@link org.ness4j.core.stat.Estimate}s with standard errors.
 */
package org.ness4j.core.stat;
