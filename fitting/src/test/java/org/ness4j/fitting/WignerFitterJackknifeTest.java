package org.ness4j.fitting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.ness4j.core.quantum.FockDistribution;
import org.ness4j.core.stat.Estimate;
import org.ness4j.observables.WignerHistogram;

/** {@link WignerFitter#fitWithJackknife}: group-jackknife errors of the fitted parameters. */
class WignerFitterJackknifeTest {

    private static final int GROUPS = 10;
    private static final int PER_GROUP = 20_000;

    /** One histogram whose group g holds samples of a thermal state with n = photons[g]. */
    private static WignerHistogram groups(double[] photons, long seed) {
        WignerHistogram h = WignerHistogram.of(30, 5.0, 0);
        double[] field = new double[2];
        for (int g = 0; g < photons.length; g++) {
            WignerSamples.Sampler s = new WignerSamples.Sampler(
                FockDistribution.thermal(photons[g], 80), seed + g);
            for (int k = 0; k < PER_GROUP; k++) {
                s.next(field, 0);
                h.accept(g, field);
            }
        }
        return h;
    }

    private static final WignerFitter DILUTE = WignerFitter.builder(Ansatz.GIBBS).kerr(0)
        .cutoff(80).build();

    @Test
    void independentGroupsGiveTheCovarianceError() {
        double[] photons = new double[GROUPS];
        java.util.Arrays.fill(photons, 2.0);
        WignerHistogram h = groups(photons, 31);
        WignerFit cov = DILUTE.fit(h, 0);
        WignerFit jack = DILUTE.fitWithJackknife(h, 0, null);
        String where = "covariance " + cov.muOverT() + ", jackknife " + jack.muOverT();
        assertEquals(cov.muOverT().value(), jack.muOverT().value(), 0, where);
        // with 10 groups the jackknife error itself is uncertain by ~1/sqrt(18) = 24 %:
        // a factor of 2 either way is beyond 3 of its standard errors
        double ratio = jack.muOverT().standardError() / cov.muOverT().standardError();
        assertTrue(ratio > 0.5 && ratio < 2, where);
        assertEquals(FitStatus.MU_OVER_T_ONLY, jack.status(), where);
    }

    /**
     * Groups whose photon number differs by 20 % (a slow fluctuation per trajectory): the
     * covariance error misses the spread between groups, the jackknife matches the standard
     * error of the per-group fits.
     */
    @Test
    void correlatedGroupsNeedTheJackknife() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(32L);
        double[] photons = new double[GROUPS];
        for (int g = 0; g < GROUPS; g++) {
            photons[g] = 2.0 * (1 + 0.2 * (2 * rng.nextDouble() - 1) * Math.sqrt(3));
        }
        WignerHistogram h = groups(photons, 33);
        WignerFit cov = DILUTE.fit(h, 0);
        WignerFit jack = DILUTE.fitWithJackknife(h, 0, null);
        // reference: the standard error of the mean of independent per-group fits
        double[] perGroup = new double[GROUPS];
        for (int g = 0; g < GROUPS; g++) {
            double[] one = {photons[g]};
            perGroup[g] = DILUTE.fit(groups(one, 33 + g), 0).muOverT().value();
        }
        double mean = 0;
        for (double v : perGroup) {
            mean += v;
        }
        mean /= GROUPS;
        double ss = 0;
        for (double v : perGroup) {
            ss += (v - mean) * (v - mean);
        }
        double reference = Math.sqrt(ss / (GROUPS - 1) / GROUPS);
        Estimate j = jack.muOverT();
        String where = "covariance " + cov.muOverT() + ", jackknife " + j + ", per-group SE "
            + reference;
        assertTrue(j.standardError() > 3 * cov.muOverT().standardError(), where);
        // both estimate the same spread from the same 10 groups; they agree to a few percent
        // for a statistic this close to linear, 0.7-1.4 allows for the nonlinearity
        assertTrue(j.standardError() > 0.7 * reference && j.standardError() < 1.4 * reference,
            where);
        assertTrue(jack.photonNumber().standardError() > 3 * cov.photonNumber().standardError(),
            where + ", n: " + cov.photonNumber() + " / " + jack.photonNumber());
    }

    @Test
    void withoutGroupsTheCovarianceErrorsStay() {
        WignerHistogram h = groups(new double[] {2.0}, 34);
        WignerFit cov = DILUTE.fit(h, 0);
        WignerFit jack = DILUTE.fitWithJackknife(h, 0, null);
        assertEquals(cov.parameters(), jack.parameters());
        assertEquals(cov.photonNumber(), jack.photonNumber());
        assertEquals(cov.entropy(), jack.entropy());
    }
}
