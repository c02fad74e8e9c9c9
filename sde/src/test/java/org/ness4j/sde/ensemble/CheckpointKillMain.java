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

    /**
     * @param args the checkpoint file
     */
    public static void main(String[] args) {
        ensemble().checkpoint(Path.of(args[0]), Duration.ofMillis(20)).build().run(observer());
    }
}
