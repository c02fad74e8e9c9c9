package org.ness4j.sde.srk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.sde.Calculus;
import org.ness4j.sde.NoiseKind;
import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.SdeProblem;
import org.ness4j.sde.SdeStepper;

/** Declared properties, compatibility checks and batch independence of the SRK schemes. */
class SrkSchemesTest {

    static Stream<EmbeddedAlgorithm> schemes() {
        return Stream.of(Sra.sra1(), Sra.sra3(), Sra.sosra(), Sri.sriw1(), Sri.sosri());
    }

    @Test
    void declaredProperties() {
        for (EmbeddedAlgorithm a : schemes().toList()) {
            assertEquals(1.5, a.strongOrder(), a.name());
            assertTrue(a.isAdaptive(), a.name());
        }
        assertEquals(List.of("sra1", "sra3", "sosra", "sriw1", "sosri"),
            schemes().map(SdeAlgorithm::name).toList());
        assertEquals(2.0, Sra.sra1().weakOrder());
        assertEquals(2.0, Sra.sra3().weakOrder());
        assertEquals(2.0, Sri.sriw1().weakOrder());
        assertEquals(1.5, Sri.sosri().weakOrder());
        assertEquals(Set.of(NoiseKind.ADDITIVE, NoiseKind.NON_DIAGONAL_ADDITIVE), Sra.sosra().noiseKinds());
        assertEquals(Set.of(NoiseKind.ADDITIVE, NoiseKind.DIAGONAL), Sri.sriw1().noiseKinds());
        SdeProblem ou = SrkTestProblems.ornsteinUhlenbeck(1, 1, 0);
        int[] drift = {2, 3, 3, 2, 4};
        List<EmbeddedAlgorithm> all = schemes().toList();
        for (int i = 0; i < all.size(); i++) {
            SdeStepper st = all.get(i).stepper(ou, 3);
            assertEquals(drift[i], st.driftEvaluationsPerStep(), all.get(i).name());
            assertEquals(2, st.incrementsPerChannel(), all.get(i).name());
            assertEquals(3, st.batchSize());
        }
    }

    @Test
    void mismatchedProblemsFailBeforeRunningNamingARemedy() {
        SdeProblem diagonalIto = SrkTestProblems.geometricBrownian(0, 1, Calculus.ITO);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Sra.sra1().stepper(diagonalIto, 4));
        assertTrue(e.getMessage().contains("DIAGONAL") && e.getMessage().contains("Sri"),
            e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> Sra.sosra().embeddedStepper(diagonalIto, 4));
        assertTrue(e.getMessage().contains("Sri"), e.getMessage());
        SdeProblem strat = SrkTestProblems.geometricBrownian(0, 1, Calculus.STRATONOVICH);
        e = assertThrows(IllegalArgumentException.class, () -> Sri.sosri().stepper(strat, 4));
        assertTrue(e.getMessage().contains("STRATONOVICH") && e.getMessage().contains("Heun"),
            e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> Sri.sriw1().stepper(SrkTestProblems.ornsteinUhlenbeck(1, 1, 0), 0));
        assertEquals("batch must be at least 1: 0", e.getMessage());
    }

    static Stream<Arguments> lanesAreIndependent() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(31L);
        return schemes().flatMap(a -> Stream.of(
            Arguments.of(a, rng.nextLong()), Arguments.of(a, rng.nextLong())));
    }

    /**
     * A lane's result does not depend on the other lanes of its batch (bit for bit), so an
     * ensemble's result does not depend on the batch size.
     */
    @ParameterizedTest
    @MethodSource
    void lanesAreIndependent(EmbeddedAlgorithm scheme, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        SdeProblem p = scheme instanceof Sra ? SrkTestProblems.sineAdditive(0.7)
            : SrkTestProblems.geometricBrownian(0.3, 0.9, Calculus.ITO);
        int batch = 5;
        double h = 0.01 + 0.1 * rng.nextDouble();
        double[] x = new double[batch];
        double[] dW = new double[2 * batch];
        for (int b = 0; b < batch; b++) {
            x[b] = 0.5 + rng.nextDouble();
            dW[b] = Math.sqrt(h) * g.sample();
            dW[batch + b] = Math.sqrt(h) * g.sample();
        }
        double[] ed = new double[batch];
        double[] en = new double[batch];
        double[] batched = x.clone();
        scheme.embeddedStepper(p, batch).step(0.3, h, batched, dW, ed, en);
        double[] plain = x.clone();
        scheme.stepper(p, batch).step(0.3, h, plain, dW);
        assertArrayEquals(batched, plain, "embedded and plain steps differ, seed " + seed);
        EmbeddedStepper single = scheme.embeddedStepper(p, 1);
        for (int b = 0; b < batch; b++) {
            double[] xb = {x[b]};
            double[] eD = new double[1];
            double[] eN = new double[1];
            single.step(0.3, h, xb, new double[] {dW[b], dW[batch + b]}, eD, eN);
            assertEquals(batched[b], xb[0], 0.0, scheme + " lane " + b + " seed " + seed);
            assertEquals(ed[b], eD[0], 0.0, scheme + " lane " + b + " seed " + seed);
            assertEquals(en[b], eN[0], 0.0, scheme + " lane " + b + " seed " + seed);
        }
    }

    /** Steady-state steps allocate nothing (measured with the JVM's per-thread counter). */
    @ParameterizedTest
    @MethodSource("schemes")
    void stepsDoNotAllocate(EmbeddedAlgorithm scheme) {
        java.lang.management.ThreadMXBean bean =
            java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(
            bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        SdeProblem p = scheme instanceof Sra ? SrkTestProblems.sineAdditive(0.7)
            : SrkTestProblems.geometricBrownian(0.3, 0.9, Calculus.ITO);
        int batch = 64;
        EmbeddedStepper st = scheme.embeddedStepper(p, batch);
        double[] x = new double[batch];
        double[] dW = new double[2 * batch];
        double[] ed = new double[batch];
        double[] en = new double[batch];
        for (int b = 0; b < batch; b++) {
            dW[b] = 0.01 * (b - 32);
            dW[batch + b] = 0.005 * (16 - b);
        }
        for (int k = 0; k < 20_000; k++) {
            java.util.Arrays.fill(x, 1.0);
            st.step(0, 0.01, x, dW, ed, en);
            st.step(0, 0.01, x, dW);
        }
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        for (int k = 0; k < 10_000; k++) {
            java.util.Arrays.fill(x, 1.0);
            st.step(0, 0.01, x, dW, ed, en);
            st.step(0, 0.01, x, dW);
        }
        long bytes = mx.getThreadAllocatedBytes(id) - before;
        assertTrue(bytes < 4096, scheme + " allocated " + bytes + " bytes in 20000 steps");
    }

    @Test
    void noiseFreeStepIsTheDeterministicRungeKuttaStep() {
        // sigma = 0: SRA3's drift part is Kutta's third-order rule; one step of dx = -x
        double h = 0.1;
        double[] x = {1.0};
        Sra.sra3().stepper(SrkTestProblems.ornsteinUhlenbeck(1, 0, 1), 1)
            .step(0, h, x, new double[] {0.3, -0.2});
        assertEquals(1 - h + h * h / 2 - h * h * h / 6, x[0], 1e-15);
    }
}
