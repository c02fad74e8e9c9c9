package org.ness4j.examples.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.examples.Integrators;
import org.ness4j.sde.SdeStepper;
import org.ness4j.sde.chain.ChainProblem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One step of a chain stepper (single thread, pre-drawn noise), for the paper's chain at
 * F = 7.5 with boundary loss. The score is the time per step; site-steps per second are
 * {@code L * batch / score}. The state is reset to zero every 2000 steps so that Heun, which
 * heats the undamped bulk (docs/integrators.md), stays finite.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBenchmark {

    /** Integrator name (see {@link Integrators}). */
    @Param({"heun", "splitstep"})
    public String algorithm;

    /** Chain length. */
    @Param({"10", "100", "400"})
    public int length;

    /** Trajectories per batch (lanes of the structure-of-arrays state). */
    @Param({"64", "256", "1024"})
    public int batch;

    private SdeStepper stepper;
    private double[] x;
    private double[] dW;
    private long step;

    /** Builds the stepper, the state and the noise. */
    @Setup
    public void setUp() {
        ChainProblem problem = ChainProblem.truncatedWigner(
            BoseHubbardChain.builder(length).boundaryDrive(7.5).build());
        stepper = Integrators.byName(algorithm).stepper(problem, batch);
        x = new double[problem.dimension() * batch];
        dW = new double[problem.noiseComponents().length * stepper.incrementsPerChannel()
            * batch];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < dW.length; i++) {
            dW[i] = 0.1 * (r.nextDouble() - 0.5);
        }
    }

    /**
     * One step.
     *
     * @return the state (consumed by JMH)
     */
    @Benchmark
    public double[] step() {
        if (++step % 2000 == 0) {
            java.util.Arrays.fill(x, 0.0);
        }
        stepper.step(0.0, 0.01, x, dW);
        return x;
    }
}
