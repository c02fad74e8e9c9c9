package org.ness4j.observables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.stream.DoubleStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.ensemble.BatchInfo;
import org.ness4j.sde.ensemble.Ensemble;

class PhaseOtocTest {

    private static final double DT = 0.01;

    private static PhaseOtoc run(BoseHubbardChain chain, double eps, long trajectories,
                                 int batch, long kickStep, int delays, int every) {
        int[] sites = new int[chain.length()];
        for (int l = 0; l < sites.length; l++) {
            sites[l] = l;
        }
        return Ensemble.builder(ChainProblem.truncatedWigner(chain)).trajectories(trajectories)
            .groupSize(2).batchSize(batch).dt(DT).steps(kickStep + (long) every * (delays - 1))
            .seed(17).replicas(2, kickStep, PhaseOtoc.kick(0, eps)).build()
            .run(PhaseOtoc.observer(kickStep, every, delays, DT, sites)).requireSuccess();
    }

    @Test
    void withoutKickReplicasStayIdentical() {
        PhaseOtoc d = run(BoseHubbardChain.builder(5).boundaryDrive(7.5).build(), 0.0, 8, 8,
            500, 30, 20);
        for (int l = 0; l < 5; l++) {
            for (int j = 0; j < 30; j++) {
                assertEquals(0.0, d.decorrelation(l, j).value(), 1e-14, "site " + l + ", j " + j);
            }
        }
    }

    @Test
    void kickShowsAtTheKickedSiteOnlyAtDelayZero() {
        double eps = 0.3;
        PhaseOtoc d = run(BoseHubbardChain.builder(4).boundaryDrive(3).build(), eps, 8, 4, 300,
            3, 10);
        assertEquals(1 - Math.cos(eps), d.decorrelation(0, 0).value(), 1e-12);
        for (int l = 1; l < 4; l++) {
            assertEquals(0.0, d.decorrelation(l, 0).value(), 1e-14);
        }
    }

    @Test
    void linearChainStaysRegular() {
        // U = 0: the difference of the replicas obeys the damped, noise-free linear equations,
        // so D stays of order eps^2 everywhere: no chaos.
        double eps = 1e-2;
        PhaseOtoc d = run(BoseHubbardChain.builder(6).interaction(0).boundaryDrive(5).build(),
            eps, 16, 16, 2000, 100, 20);
        for (int l = 0; l < 6; l++) {
            for (int j = 0; j < 100; j++) {
                assertTrue(d.decorrelation(l, j).value() < 10 * eps * eps,
                    "site " + l + " delay " + d.delay(j) + ": " + d.decorrelation(l, j));
            }
        }
    }

    @Test
    void chaoticChainDecorrelatesAndGrowsExponentially() {
        // L = 10, F = 7.5 (chaotic regime of Fig. 2): D_{1,L} saturates near its ergodic bound 1
        PhaseOtoc d = run(BoseHubbardChain.builder(10).boundaryDrive(7.5).build(), 1e-4, 32, 16,
            20000, 301, 10);
        assertTrue(d.saturation(9, 200).value() > 0.5, "saturation " + d.saturation(9, 200));
        // early growth at the kicked site: a positive exponent, resolved by its error bar
        var lambda = d.lyapunovExponent(0, 5, 60);
        assertTrue(lambda.value() > 5 * lambda.standardError() && lambda.value() > 0,
            "lambda " + lambda);
    }

    @Test
    void batchSplitAndSerializationDoNotChangeTheResult() throws IOException {
        BoseHubbardChain chain = BoseHubbardChain.builder(4).boundaryDrive(6).build();
        PhaseOtoc a = run(chain, 1e-3, 12, 12, 200, 20, 5);
        PhaseOtoc b = run(chain, 1e-3, 12, 2, 200, 20, 5);
        assertEquals(a, b);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.writeTo(new DataOutputStream(bytes));
        assertEquals(a, PhaseOtoc.readFrom(new DataInputStream(
            new ByteArrayInputStream(bytes.toByteArray()))));
    }

    @Test
    void needsReplicas() {
        Ensemble e = Ensemble.builder(ChainProblem.truncatedWigner(
            BoseHubbardChain.builder(3).build())).dt(DT).steps(10).build();
        // refused before any work (the ensemble opens the observer once up front)
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> e.run(PhaseOtoc.observer(0, 1, 5, DT, 0)));
        assertTrue(ex.getMessage().contains("2 replicas"), ex.getMessage());
    }

    /**
     * 1 - cos of tiny angles keeps its relative precision: random angles over 20 decades down to
     * 1e-20 (where cos is exactly 1), against 2 sin^2(theta / 2).
     */
    @ParameterizedTest
    @MethodSource("angles")
    void oneMinusCosineKeepsRelativePrecision(double theta) {
        double exact = 2 * Math.pow(Math.sin(theta / 2), 2);
        double d = PhaseOtoc.oneMinusCosine(Math.cos(theta), Math.sin(theta));
        assertEquals(exact, d, 1e-14 * exact, "theta " + theta);
    }

    static DoubleStream angles() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(33);
        return DoubleStream.generate(() -> (rng.nextBoolean() ? 1 : -1)
            * Math.PI * Math.pow(10, -20 * rng.nextDouble())).limit(60);
    }

    /**
     * Replicas whose phases differ by 1e-9, 1e-8 and 1e-7 at three delays (D = delta^2 / 2 =
     * 5e-19 ... 5e-15, below the resolution of cos near 1): D and the Lyapunov exponent
     * 2 ln 10 / delayStep come out at full precision; a window containing D = 0 gives NaN, not
     * a number.
     */
    @Test
    void resolvesDecorrelationFarBelowTheCosineResolution() {
        int size = 4;
        BatchInfo info = new BatchInfo(0, size, 2, 2, 2, DT);
        int every = 10;
        var batch = PhaseOtoc.observer(0, every, 4, DT, 0).open(info);
        double[] delta = {1e-9, 1e-8, 1e-7, 0};
        double[] x = new double[2 * info.lanes()];
        for (int j = 0; j < delta.length; j++) {
            for (int b = 0; b < size; b++) {
                double r = 1 + b;
                double phi = 0.7 * b - 2;
                x[b] = r * Math.cos(phi);
                x[info.lanes() + b] = r * Math.sin(phi);
                // replica b: replica a rotated by delta (a rotation keeps delta to ~1e-16 / delta)
                x[size + b] = x[b] * Math.cos(delta[j]) - x[info.lanes() + b] * Math.sin(delta[j]);
                x[info.lanes() + size + b] = x[b] * Math.sin(delta[j])
                    + x[info.lanes() + b] * Math.cos(delta[j]);
            }
            batch.observe((long) j * every, j * every * DT, x);
        }
        PhaseOtoc d = batch.finish(new boolean[size]);
        for (int j = 0; j < 3; j++) {
            double expected = delta[j] * delta[j] / 2;
            assertEquals(expected, d.decorrelation(0, j).value(), 1e-5 * expected, "delay " + j);
        }
        assertEquals(0.0, d.decorrelation(0, 3).value());
        double lambda = 2 * Math.log(10) / (every * DT);
        assertEquals(lambda, d.lyapunovExponent(0, 0, 2).value(), 1e-5 * lambda);
        assertTrue(Double.isNaN(d.lyapunovExponent(0, 1, 3).value()),
            "" + d.lyapunovExponent(0, 1, 3));
    }

    /** A run that stops before the last delay is refused before it starts. */
    @Test
    void refusesARunShorterThanTheDelays() {
        Ensemble e = Ensemble.builder(ChainProblem.truncatedWigner(
                BoseHubbardChain.builder(3).build())).dt(DT).steps(100 + 20 * 4 - 1)
            .replicas(2, 100, PhaseOtoc.kick(0, 1e-3)).build();
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> e.run(PhaseOtoc.observer(100, 20, 5, DT, 0, 1)));
        assertTrue(ex.getMessage().contains("needs 5 samples"), ex.getMessage());
    }
}
