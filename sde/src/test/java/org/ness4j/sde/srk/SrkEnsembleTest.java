package org.ness4j.sde.srk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.ness4j.core.stat.GroupedSums;
import org.ness4j.sde.Calculus;
import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.SdeProblem;
import org.ness4j.sde.ensemble.BatchInfo;
import org.ness4j.sde.ensemble.BatchObserver;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.EnsembleObserver;
import org.ness4j.sde.ensemble.SampleSchedule;

/**
 * The SRK schemes inside the fixed-step {@link Ensemble} (which draws
 * {@code incrementsPerChannel() = 2} variates per channel): the final moments equal the scheme's
 * exact discrete-time moments (one-step moments by Gauss-Hermite quadrature, see
 * {@link SrkConvergenceTest}) within 5 standard errors (false-failure probability below 6e-7
 * per assertion).
 */
class SrkEnsembleTest {

    /** Per-trajectory final value and its square, one group per trajectory. */
    private static EnsembleObserver<GroupedSums> finalState(long steps) {
        return new EnsembleObserver<>() {
            @Override
            public SampleSchedule schedule() {
                return new SampleSchedule(steps, 1);
            }

            @Override
            public BatchObserver<GroupedSums> open(BatchInfo info) {
                double[] last = new double[info.size()];
                return new BatchObserver<>() {
                    @Override
                    public void observe(long step, double t, double[] x) {
                        System.arraycopy(x, 0, last, 0, last.length);
                    }

                    @Override
                    public GroupedSums finish(boolean[] diverged) {
                        GroupedSums g = new GroupedSums(2);
                        for (int b = 0; b < last.length; b++) {
                            if (!diverged[b]) {
                                g.add(info.firstTrajectory() + b, 1,
                                    new double[] {last[b], last[b] * last[b]});
                            }
                        }
                        return g;
                    }
                };
            }

            @Override
            public GroupedSums empty() {
                return new GroupedSums(2);
            }
        };
    }

    private static void check(SdeAlgorithm scheme, SdeProblem p, double h, int steps,
                              double mean, double secondMoment) {
        int n = 20_000;
        GroupedSums s = Ensemble.builder(p).algorithm(scheme).trajectories(n).dt(h)
            .steps(steps).seed(2026L).threads(2).build().run(finalState(steps))
            .requireSuccess();
        double[] x = s.groupMeans(0);
        assertEquals(n, x.length);
        double m = 0;
        double m2 = 0;
        for (double v : x) {
            m += v / n;
            m2 += v * v / n;
        }
        double var = m2 - m * m;
        double m4 = 0;
        for (double v : x) {
            m4 += Math.pow(v * v - m2, 2) / n;
        }
        assertEquals(mean, m, 5 * Math.sqrt(var / n), scheme + " mean");
        assertEquals(secondMoment, m2, 5 * Math.sqrt(m4 / n), scheme + " second moment");
    }

    @Test
    void sraOnOrnsteinUhlenbeckMatchesItsExactDiscreteMoments() {
        double theta = 1.3;
        double sigma = 0.7;
        double x0 = 2.0;
        double h = 0.05;
        int steps = 40;
        for (Sra scheme : new Sra[] {Sra.sra1(), Sra.sra3(), Sra.sosra()}) {
            double a = SrkConvergenceTest.stepMoments(scheme,
                SrkTestProblems.ornsteinUhlenbeck(theta, 0, 1), h, 1.0)[0];
            double v = SrkConvergenceTest.stepMoments(scheme,
                SrkTestProblems.ornsteinUhlenbeck(theta, sigma, 0), h, 0.0)[1];
            double mean = x0;
            double var = 0;
            for (int k = 0; k < steps; k++) {
                mean *= a;
                var = a * a * var + v;
            }
            check(scheme, SrkTestProblems.ornsteinUhlenbeck(theta, sigma, x0), h, steps, mean,
                var + mean * mean);
        }
    }

    @Test
    void sriOnGeometricBrownianMotionMatchesItsExactDiscreteMoments() {
        double mu = -0.2;
        double sigma = 0.5;
        double h = 0.05;
        int steps = 20;
        SdeProblem p = SrkTestProblems.geometricBrownian(mu, sigma, Calculus.ITO);
        for (Sri scheme : new Sri[] {Sri.sriw1(), Sri.sosri()}) {
            double[] phi = SrkConvergenceTest.stepMoments(scheme, p, h, 1.0);
            check(scheme, p, h, steps, Math.pow(phi[0], steps), Math.pow(phi[1], steps));
        }
    }
}
