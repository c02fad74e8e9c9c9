package org.ness4j.fitting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.ness4j.core.quantum.FockDistribution;
import org.ness4j.core.quantum.GibbsState;
import org.ness4j.core.stat.Estimate;
import org.ness4j.observables.WignerHistogram;

class ThermometryProfileTest {

    /**
     * Three synthetic sites: a displaced vacuum (U(1) broken), a Gibbs state with mu > 0 and a
     * thermal state: classified nonthermal, prethermal and thermal.
     */
    @Test
    void classifiesTheThreeDomains() {
        double mu = 0.9;
        double t = 3.0;
        FockDistribution pre = GibbsState.of(0.1, mu, t, 128).state();
        FockDistribution thermal = FockDistribution.thermal(1.0, 128);
        WignerSamples.Sampler a = new WignerSamples.Sampler(pre, 31);
        WignerSamples.Sampler b = new WignerSamples.Sampler(thermal, 32);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(
            RandomSource.XO_RO_SHI_RO_128_PP.create(33L));
        WignerHistogram h = WignerHistogram.of(36, 7.0, 0, 1, 2);
        double[] field = new double[6];
        int samples = 60_000;
        for (int s = 0; s < samples; s++) {
            field[0] = 3 + 0.5 * g.sample();
            field[1] = 0.5 * g.sample();
            a.next(field, 2);
            b.next(field, 4);
            h.accept(s * 10L / samples, field);
        }
        ThermometryProfile p = ThermometryProfile.builder().ansatze(Ansatz.GIBBS).cutoff(128)
            .compute(h, null, null, 2.5);
        String where = p.sites().toString();
        assertEquals(ThermometryProfile.Domain.NONTHERMAL, p.sites().get(0).domain(), where);
        assertEquals(ThermometryProfile.Domain.PRETHERMAL, p.sites().get(1).domain(), where);
        assertEquals(ThermometryProfile.Domain.THERMAL, p.sites().get(2).domain(), where);
        assertEquals(new ThermometryProfile.DomainSizes(1, 1, 1), p.domainSizes());
        Estimate temp = p.sites().get(1).fit(Ansatz.GIBBS).parameter("T");
        // 4 sigma: false-failure probability 6e-5
        assertTrue(Math.abs(temp.value() - t) < 4 * temp.standardError(), where);
        assertTrue(Double.isNaN(p.sites().get(1).entropy().value()));

        // the jackknife option: same fits and domains, errors from WignerFitter's jackknife
        ThermometryProfile j = ThermometryProfile.builder().ansatze(Ansatz.GIBBS).cutoff(128)
            .jackknife(true).compute(h, null, null, 2.5);
        WignerFit direct = WignerFitter.builder(Ansatz.GIBBS).cutoff(128).build()
            .fitWithJackknife(h, 1, p.sites().get(0).fit(Ansatz.GIBBS));
        WignerFit viaProfile = j.sites().get(1).fit(Ansatz.GIBBS);
        assertEquals(p.domainSizes(), j.domainSizes());
        assertEquals(direct.parameters(), viaProfile.parameters(), j.sites().toString());
        assertEquals(temp.value(), viaProfile.parameter("T").value(), 1e-9 * t);
        assertTrue(viaProfile.parameter("T").standardError() > 0, j.sites().toString());
        assertTrue(viaProfile.parameter("T").standardError() != temp.standardError(),
            j.sites().toString());
    }

    @Test
    void rejectsBadInput() {
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> ThermometryProfile.builder().maxExcessL2(0)).getMessage()
            .contains("maxExcessL2"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> ThermometryProfile.builder().ansatze()).getMessage().contains("ansatze"));
    }
}
