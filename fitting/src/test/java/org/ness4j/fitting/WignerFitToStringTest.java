package org.ness4j.fitting;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ness4j.core.quantum.FockDistribution;
import org.ness4j.core.stat.Estimate;

/** A fit prints its parameter point's contents and its estimates in concise notation. */
class WignerFitToStringTest {

    @Test
    void showsThePointAndTheEstimates() {
        WignerFit fit = new WignerFit(Ansatz.GIBBS, FitStatus.OK,
            Map.of("mu/T", new Estimate(-0.5, 0.02)), new Estimate(1.25, 0.05),
            new Estimate(1.5, 0.1), 12.5, 10, 0.5, 0.25, 0.125,
            FockDistribution.of(new double[] {0.75, 0.25}), new double[] {0.375, -1.5}, 42, "ok");
        String s = fit.toString();
        assertFalse(s.contains("[D@"), s);
        assertTrue(s.contains("point=[0.375, -1.5]") && s.contains("mu/T=-0.500(20)")
            && s.contains("photonNumber=1.250(50)") && s.contains("evaluations=42"), s);
    }
}
