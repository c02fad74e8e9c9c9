package org.ness4j.observables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.Progress;
import org.ness4j.sde.ensemble.SampleSchedule;
import org.ness4j.sde.ensemble.Scan;

class ScanTest {

    private static List<SiteMoments> scan(int threads, List<Progress> reports) {
        List<double[]> grid = new ArrayList<>();
        for (double f : new double[] {1, 4, 7}) {
            for (int l : new int[] {2, 4}) {
                grid.add(new double[] {f, l});
            }
        }
        return Scan.run(grid, (p, i, progress) -> Ensemble.builder(ChainProblem.truncatedWigner(
                BoseHubbardChain.builder((int) p[1]).boundaryDrive(p[0]).build()))
            .trajectories(8).dt(0.01).steps(300).seed(100 + i).threads(1)
            .progress(progress, Duration.ofMillis(1)).build()
            .run(SiteMoments.observer(new SampleSchedule(100, 10), 0)).requireSuccess(),
            threads, reports::add, Duration.ofMillis(1));
    }

    @Test
    void resultsAreInPointOrderAndIndependentOfThreads() {
        List<Progress> reports = new ArrayList<>();
        List<SiteMoments> one = scan(1, new ArrayList<>());
        List<SiteMoments> three = scan(3, reports);
        assertEquals(6, one.size());
        assertEquals(one, three);
        Progress last = reports.get(reports.size() - 1);
        assertEquals(1.0, last.fraction());
        assertEquals(6, last.completedTrajectories());
    }

    @Test
    void failingPointIsReported() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Scan.run(
            List.of(1, 2), (p, i, pr) -> {
                if (p == 2) {
                    throw new IllegalArgumentException("bad point " + p);
                }
                return p;
            }, 2, null, Duration.ofMillis(5)));
        assertEquals("bad point 2", e.getCause().getMessage());
    }
}
