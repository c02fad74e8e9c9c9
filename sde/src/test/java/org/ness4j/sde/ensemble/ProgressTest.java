package org.ness4j.sde.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Rate and time left count only the work of this run, not the work restored from a checkpoint. */
class ProgressTest {

    @Test
    void restoredWorkCountsTowardsTheFractionButNotTheRate() {
        // 900 of 1000 steps restored, 50 more done in 5 s: 10 steps/s, 50 steps (5 s) left
        Progress p = new Progress(950, 1000, 9, 10, Duration.ofSeconds(5), 900);
        assertEquals(0.95, p.fraction(), 1e-15);
        assertEquals(10.0, p.rate(), 1e-12);
        assertEquals(Duration.ofSeconds(5), p.remaining());
        // a run that did not resume: all of its work counts
        Progress q = new Progress(500, 1000, 5, 10, Duration.ofSeconds(5));
        assertEquals(100.0, q.rate(), 1e-12);
        assertEquals(Duration.ofSeconds(5), q.remaining());
        // nothing done yet in this run
        assertNull(new Progress(900, 1000, 9, 10, Duration.ofSeconds(1), 900).remaining());
        assertEquals(Double.NaN, new Progress(0, 1000, 0, 10, Duration.ZERO).rate());
    }
}
