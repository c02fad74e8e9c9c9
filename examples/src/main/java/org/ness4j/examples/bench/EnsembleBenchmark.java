package org.ness4j.examples.bench;

import java.util.concurrent.TimeUnit;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.examples.Integrators;
import org.ness4j.observables.Correlations;
import org.ness4j.observables.SiteMoments;
import org.ness4j.observables.WignerHistogram;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.EnsembleObserver;
import org.ness4j.sde.ensemble.Observations;
import org.ness4j.sde.ensemble.SampleSchedule;
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
 * A whole ensemble run (noise generation, divergence checks, sampling) of 1024 trajectories x
 * 500 steps of the chain with L = 100 at F = 7.5, on one or all threads, with 0 to 3
 * accumulators attached and sampling every step ({@code every = 1}) or every 10 steps, in
 * statistical groups of 32 trajectories (the Wigner histograms of all sites, 64 x 64 cells, hold
 * 3.3 MB per group: with groups of one trajectory they would need 3.4 GB). The score is the time
 * per run; site-steps per second are {@code 100 x 1024 x 500 / score}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class EnsembleBenchmark {

    private static final int LENGTH = 100;

    /** Integrator name. */
    @Param({"heun", "splitstep"})
    public String algorithm;

    /** Worker threads. */
    @Param({"1", "2"})
    public int threads;

    /** Accumulators attached: 0 (end state only), 1 (site moments), 2 (+ Wigner histograms),
     * 3 (+ correlations). */
    @Param({"0", "1", "2", "3"})
    public int accumulators;

    /** Steps between samples. */
    @Param({"1", "10"})
    public int every;

    private Ensemble ensemble;
    private EnsembleObserver<?> observer;

    /** Builds the ensemble and the observer. */
    @Setup
    public void setUp() {
        ChainProblem problem = ChainProblem.truncatedWigner(
            BoseHubbardChain.builder(LENGTH).boundaryDrive(7.5).build());
        ensemble = Ensemble.builder(problem).algorithm(Integrators.byName(algorithm))
            .trajectories(1024).batchSize(1024 / threads).groupSize(32).threads(threads)
            .dt(0.01).steps(500)
            .seed(1).build();
        int[] sites = new int[LENGTH];
        for (int l = 0; l < LENGTH; l++) {
            sites[l] = l;
        }
        SampleSchedule schedule = accumulators == 0 ? new SampleSchedule(500, 1)
            : new SampleSchedule(every, every);
        switch (accumulators) {
            case 0:
            case 1:
                observer = SiteMoments.observer(schedule, accumulators == 0 ? new int[] {0}
                    : sites);
                break;
            case 2:
                observer = Observations.observer(SiteMoments.observer(schedule, sites),
                    WignerHistogram.observer(schedule, 64, 12.0, sites));
                break;
            default:
                observer = Observations.observer(SiteMoments.observer(schedule, sites),
                    WignerHistogram.observer(schedule, 64, 12.0, sites),
                    Correlations.observer(schedule, Correlations.reference(0, sites)));
        }
    }

    /**
     * One run.
     *
     * @return its result (consumed by JMH)
     */
    @Benchmark
    public Object run() {
        return ensemble.run(observer);
    }
}
