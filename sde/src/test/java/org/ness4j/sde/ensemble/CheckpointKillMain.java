package org.ness4j.sde.ensemble;

import java.nio.file.Path;
import java.time.Duration;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.sde.chain.ChainProblem;

/** A long checkpointed run that the kill test starts in a separate JVM and kills. */
public final class CheckpointKillMain {

    private CheckpointKillMain() {
    }

    static final ChainProblem PROBLEM = ChainProblem.truncatedWigner(
        BoseHubbardChain.builder(8).boundaryDrive(7).build());

    static Ensemble.Builder ensemble() {
        return Ensemble.builder(PROBLEM).trajectories(400).batchSize(4).groupSize(2).threads(1)
            .dt(0.01).steps(20_000).seed(99);
    }

    static EnsembleObserver<StateMoments> observer() {
        return StateMoments.observer(PROBLEM.dimension(), new SampleSchedule(1000, 50));
    }

    /** One long batch: only checkpoints of the batch in flight can save its progress. */
    static Ensemble.Builder singleBatch() {
        return Ensemble.builder(PROBLEM).trajectories(4).batchSize(4).groupSize(2).threads(1)
            .dt(0.01).steps(600_000).seed(5).checkEvery(100);
    }

    /**
     * Two long batches on two threads whose divergence-check steps (where a batch can save) are
     * about 0.1 s apart when slowed down by {@link #wrapped} (1 ms per sample): a checkpoint
     * written on the run's clock without asking the batches would miss their latest saves.
     */
    static Ensemble.Builder aligned() {
        return Ensemble.builder(PROBLEM).trajectories(8).batchSize(4).groupSize(2).threads(2)
            .dt(0.01).steps(400_000).seed(11).checkEvery(5000);
    }

    static EnsembleObserver<StateMoments> resumableObserver() {
        return StateMoments.observer(PROBLEM.dimension(), new SampleSchedule(1000, 50), true);
    }

    /**
     * @param args the checkpoint file, and "single" for the single-batch run or "aligned" for
     *     the two-batch run with a checkpoint interval of 1 s
     */
    public static void main(String[] args) {
        if (args.length > 1 && args[1].equals("aligned")) {
            // progress polled every 10 ms: the run's clock ticks right at the interval
            aligned().checkpoint(Path.of(args[0]), Duration.ofSeconds(1))
                .progress(p -> { }, Duration.ofMillis(10)).build()
                .run(wrapped(resumableObserver(), 1, null, 0));
        } else if (args.length > 1 && args[1].equals("single")) {
            // slowed down (1 ms per sample, the result unchanged) so that it is killed mid-batch
            EnsembleObserver<StateMoments> inner = resumableObserver();
            singleBatch().checkpoint(Path.of(args[0]), Duration.ofMillis(20)).build()
                .run(wrapped(inner, 1, null, 0));
        } else {
            ensemble().checkpoint(Path.of(args[0]), Duration.ofMillis(20)).build()
                .run(observer());
        }
    }

    /**
     * The observer {@code inner}, sleeping {@code sleepMillis} at every sample and cancelling
     * {@code token} (if not null) at the first sample at or after {@code cancelAt}.
     */
    static EnsembleObserver<StateMoments> wrapped(EnsembleObserver<StateMoments> inner,
                                                  long sleepMillis, CancellationToken token,
                                                  long cancelAt) {
        return EnsembleObserver.of(inner.schedule(),
            info -> new Wrapped(inner.open(info), sleepMillis, token, cancelAt), inner::empty,
            inner::read);
    }

    /** Delegates to a batch observer; see {@link #wrapped}. */
    private static final class Wrapped implements BatchObserver<StateMoments> {
        private final BatchObserver<StateMoments> inner;
        private final long sleepMillis;
        private final CancellationToken token;
        private final long cancelAt;

        Wrapped(BatchObserver<StateMoments> inner, long sleepMillis, CancellationToken token,
                long cancelAt) {
            this.inner = inner;
            this.sleepMillis = sleepMillis;
            this.token = token;
            this.cancelAt = cancelAt;
        }

        @Override
        public void observe(long step, double t, double[] x) {
            inner.observe(step, t, x);
            if (token != null && step >= cancelAt) {
                token.cancel();
            }
            if (sleepMillis > 0) {
                try {
                    Thread.sleep(sleepMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public StateMoments finish(boolean[] diverged) {
            return inner.finish(diverged);
        }

        @Override
        public boolean canSaveState() {
            return inner.canSaveState();
        }

        @Override
        public void saveState(java.io.DataOutput out) throws java.io.IOException {
            inner.saveState(out);
        }

        @Override
        public void restoreState(java.io.DataInput in) throws java.io.IOException {
            inner.restoreState(in);
        }
    }
}
