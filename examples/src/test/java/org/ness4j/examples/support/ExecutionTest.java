package org.ness4j.examples.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ness4j.core.exec.LocalExecutor;
import org.ness4j.core.exec.PlanExecutor;

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
}
