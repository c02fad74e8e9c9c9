package org.ness4j.observables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.sde.chain.ChainProblem;
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
        IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> e.run(PhaseOtoc.observer(0, 1, 5, DT, 0)));
        assertTrue(ex.getCause().getMessage().contains("2 replicas"), ex.getMessage());
    }
}
