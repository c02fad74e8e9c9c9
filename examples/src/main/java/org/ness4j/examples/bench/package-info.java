/**
 * JMH benchmarks of the figure of merit, TWA site-steps per second: the chain kernels over
 * chain length and batch width ({@link org.ness4j.examples.bench.KernelBenchmark}), the cost of
 * the Gaussian noise ({@link org.ness4j.examples.bench.NoiseBenchmark}) and of the accumulators
 * attached to a whole ensemble run ({@link org.ness4j.examples.bench.EnsembleBenchmark}). Run
 * with {@code org.openjdk.jmh.Main}; see {@code docs/benchmarks.md} for the command and the
 * measured numbers.
 */
package org.ness4j.examples.bench;
