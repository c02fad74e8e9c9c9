package org.ness4j.fitting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ness4j.core.quantum.FockDistribution;
import org.ness4j.core.quantum.FockTruncation;
import org.ness4j.observables.WignerHistogram;

/**
 * Truncation and clipping in the fits (issue 16, item 2): trial states at a too-small explicit
 * cutoff are not refused inside the optimizer, the fitted state's top population is reported,
 * and clipped data are refused unless the histogram's clip tolerance is raised.
 */
class FitTruncationTest {

    @Test
    void fittedStateReportsItsTopPopulation() {
        // thermal n = 4 (p_n = 0.2 * 0.8^n): at cutoff 20 the top population is ~2e-3
        WignerHistogram h = WignerSamples.histogram(FockDistribution.thermal(4), 30, 6.0,
            50_000, 10, 31);
        WignerFit small = WignerFitter.builder(Ansatz.TWO_PHOTON_DECAY).cutoff(20).build()
            .fit(h, 0);
        assertEquals(small.state().topPopulation(), small.topPopulation());
        assertTrue(small.topPopulation() > FockTruncation.DEFAULT_TOLERANCE,
            small.toString());
        WignerFit auto = WignerFitter.builder(Ansatz.TWO_PHOTON_DECAY).build().fit(h, 0);
        assertTrue(auto.topPopulation() < FockTruncation.DEFAULT_TOLERANCE, auto.toString());
    }

    @Test
    void clippedDataAreRefusedUnlessAllowed() {
        // thermal n = 4 on [-2, 2]^2: per axis P(|x| > 2) = 2 (1 - Phi(2 / 1.5)) = 0.18
        WignerHistogram h = WignerSamples.histogram(FockDistribution.thermal(4), 16, 2.0,
            20_000, 10, 32);
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> WignerData.of(h, 0));
        assertTrue(e.getMessage().contains("outside the grid"), e.getMessage());
        h.clipTolerance(1);
        assertTrue(WignerData.of(h, 0).samples() > 0);
    }
}
