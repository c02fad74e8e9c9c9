package org.ness4j.examples.bench;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.BoxMullerNormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ness4j.core.random.TrajectoryStreams;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one standard Gaussian variate from a trajectory's generator (XoShiRo256++, as
 * {@link TrajectoryStreams}), with the Ziggurat sampler the ensembles use and with Box-Muller
 * for comparison; the ensembles draw {@code incrementsPerChannel x channels} of them per
 * trajectory and step (4 for the boundary-driven chain with Heun, 2 x 2L with uniform loss and
 * the split step).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NoiseBenchmark {

    private static final int BLOCK = 1024;

    private final double[] out = new double[BLOCK];
    private NormalizedGaussianSampler ziggurat;
    private NormalizedGaussianSampler boxMuller;

    /** Creates the samplers. */
    @Setup
    public void setUp() {
        UniformRandomProvider a = TrajectoryStreams.stream(1, 0);
        UniformRandomProvider b = TrajectoryStreams.stream(1, 1);
        ziggurat = ZigguratSampler.NormalizedGaussian.of(a);
        boxMuller = BoxMullerNormalizedGaussianSampler.of(b);
    }

    /**
     * A block of Ziggurat variates; the score is per variate.
     *
     * @return the block
     */
    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public double[] ziggurat() {
        for (int i = 0; i < BLOCK; i++) {
            out[i] = ziggurat.sample();
        }
        return out;
    }

    /**
     * A block of Box-Muller variates; the score is per variate.
     *
     * @return the block
     */
    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public double[] boxMuller() {
        for (int i = 0; i < BLOCK; i++) {
            out[i] = boxMuller.sample();
        }
        return out;
    }
}
