package org.ness4j.sde.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.chain.ChainLimit;
import org.ness4j.sde.GenericSteppers;
import org.ness4j.sde.Heun;
import org.ness4j.sde.SdeStepper;

class ChainHeunStepperTest {

    static Stream<Arguments> randomChains() {
        return randomChains(21L, rng -> 1 + rng.nextInt(3 * ChainHeunStepper.TILE));
    }

    /** Batches whose last (or only) tile is narrower than NARROW: the scalar path. */
    static Stream<Arguments> narrowTiles() {
        return randomChains(22L, rng -> rng.nextInt(3) * ChainHeunStepper.TILE + 1
            + rng.nextInt(ChainHeunStepper.NARROW - 1));
    }

    private static Stream<Arguments> randomChains(long seed,
                                                  ToIntFunction<UniformRandomProvider> batches) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        return Stream.generate(() -> {
            int length = 1 + rng.nextInt(9);
            BoseHubbardChain.Builder b = BoseHubbardChain.builder(length)
                .detuning(5 * rng.nextDouble() - 2.5).hopping(4 * rng.nextDouble() - 2)
                .interaction(rng.nextDouble() * 0.5).boundaryDrive(10 * rng.nextDouble());
            if (rng.nextBoolean()) {
                b.uniformLoss(rng.nextDouble()).driveAt(rng.nextInt(length), rng.nextDouble());
            }
            if (rng.nextBoolean()) {
                b.intrinsicLoss(0.1 * rng.nextDouble());
            }
            ChainLimit limit = rng.nextBoolean() ? ChainLimit.TRUNCATED_WIGNER
                : ChainLimit.GROSS_PITAEVSKII;
            return Arguments.of(ChainProblem.of(b.build(), limit), batches.applyAsInt(rng),
                rng.nextLong());
        }).limit(40);
    }

    @ParameterizedTest
    @MethodSource({"randomChains", "narrowTiles"})
    void fusedKernelIsBitIdenticalToGenericHeun(ChainProblem p, int batch, long seed) {
        SdeStepper fused = Heun.create().stepper(p, batch);
        assertTrue(fused instanceof ChainHeunStepper);
        SdeStepper generic = GenericSteppers.of(Heun.create(), p, batch);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] x = new double[p.dimension() * batch];
        for (int i = 0; i < x.length; i++) {
            x[i] = 4 * rng.nextDouble() - 2;
        }
        double[] y = x.clone();
        double[] dW = new double[p.noiseComponents().length * batch];
        for (int s = 0; s < 20; s++) {
            for (int i = 0; i < dW.length; i++) {
                dW[i] = 0.1 * (rng.nextDouble() - 0.5);
            }
            fused.step(0.01 * s, 0.01, x, dW);
            generic.step(0.01 * s, 0.01, y, dW);
        }
        assertArrayEquals(y, x, 0.0, p.chain() + ", batch " + batch + ", seed " + seed);
    }

    @Test
    void heunHeatsTheLinearIsolatedChainExactlyAsPredicted() {
        // U = 0, F = kappa = 0: modes omega_k = Delta + 2J cos(k pi/(L+1)); Heun multiplies
        // |c_k|^2 by 1 + (h omega_k)^4 / 4 per step. Norm and energy follow exactly.
        int length = 12;
        double delta = 2.5;
        double j = 2;
        double h = 0.05;
        int steps = 4000;
        BoseHubbardChain c = BoseHubbardChain.builder(length).detuning(delta).hopping(j)
            .interaction(0).boundaryLoss(0).build();
        ChainProblem p = ChainProblem.truncatedWigner(c);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        double[] x = new double[2 * length];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() - 0.5;
        }
        double predictedNorm = 0;
        double predictedEnergy = 0;
        for (int k = 1; k <= length; k++) {
            double re = 0;
            double im = 0;
            for (int l = 0; l < length; l++) {
                double v = Math.sqrt(2.0 / (length + 1)) * Math.sin(k * (l + 1) * Math.PI
                    / (length + 1));
                re += v * x[2 * l];
                im += v * x[2 * l + 1];
            }
            double omega = delta + 2 * j * Math.cos(k * Math.PI / (length + 1));
            double gain = Math.pow(1 + Math.pow(h * omega, 4) / 4, steps);
            predictedNorm += (re * re + im * im) * gain;
            predictedEnergy += -omega * (re * re + im * im) * gain;
        }
        double norm0 = c.norm(x, 1, 0);
        SdeStepper st = Heun.create().stepper(p, 1);
        double[] none = new double[0];
        for (int s = 0; s < steps; s++) {
            st.step(s * h, h, x, none);
        }
        double norm = c.norm(x, 1, 0);
        assertTrue(norm / norm0 > 1.01, "the test must see heating: " + norm / norm0);
        assertEquals(predictedNorm, norm, 1e-10 * norm);
        assertEquals(predictedEnergy, c.energy(ChainLimit.TRUNCATED_WIGNER, x, 1, 0),
            1e-9 * Math.abs(predictedEnergy));
    }
}
