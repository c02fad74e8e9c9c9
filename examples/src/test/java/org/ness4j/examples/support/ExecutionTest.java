package org.ness4j.examples.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ness4j.core.exec.LocalExecutor;
import org.ness4j.core.exec.PlanExecutor;
import org.ness4j.sde.ensemble.Progress;

/** The --spark option's mapping: no master means local threads; a blank master is refused. */
class ExecutionTest {

    @Test
    void noMasterMeansLocalThreadsAndABlankMasterIsRefused() {
        PlanExecutor local = Execution.executor(null, 3);
        assertTrue(local instanceof LocalExecutor, local.toString());
        assertEquals(3, ((LocalExecutor) local).threads());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Execution.executor(" ", 2));
        assertTrue(e.getMessage().contains("--spark"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Execution.executor(null, 0));
    }

    @Test
    void sparkProgressInTrajectoriesIsPassedOnInTrajectorySteps() {
        List<Progress> seen = new ArrayList<>();
        Execution.inSteps(seen::add, 250).onProgress(new Progress(3, 8, 3, 8,
            Duration.ofSeconds(2)));
        assertEquals(List.of(new Progress(750, 2000, 3, 8, Duration.ofSeconds(2))), seen);
    }

    @Test
    void withoutSparkNoExecutorAndTheErrorBudgetStaysAllowed() {
        Cli o = new Cli("X", "test", c -> { }).threads().errorBudget()
            .parse("--error-budget", "auto");
        assertEquals(null, Execution.spark(o));
        Cli s = new Cli("X", "test", c -> { }).threads().errorBudget()
            .parse("--error-budget", "auto", "--spark", "local[2]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Execution.spark(s));
        assertTrue(e.getMessage().startsWith("--error-budget cannot run with --spark"),
            e.getMessage());
    }
}
