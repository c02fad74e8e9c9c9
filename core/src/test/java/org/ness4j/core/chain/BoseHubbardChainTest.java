package org.ness4j.core.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BoseHubbardChainTest {

    private static final double[] BAD = {Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY};

    @Test
    void defaultsArePaperModel() {
        BoseHubbardChain c = BoseHubbardChain.builder(5).boundaryDrive(7.5).build();
        assertEquals(2.5, c.detuning());
        assertEquals(2.0, c.hopping());
        assertEquals(0.1, c.interaction());
        assertArrayEquals(new double[] {7.5, 0, 0, 0, 0}, c.drives());
        assertArrayEquals(new double[] {1, 0, 0, 0, 1}, c.lossRates());
    }

    @Test
    void uniformVariantAndIntrinsicLoss() {
        BoseHubbardChain c = BoseHubbardChain.builder(3).uniformDrive(2).uniformLoss(0.5)
            .intrinsicLoss(0.01).build();
        assertArrayEquals(new double[] {2, 2, 2}, c.drives());
        assertArrayEquals(new double[] {0.51, 0.51, 0.51}, c.lossRates(), 1e-15);
        BoseHubbardChain d = BoseHubbardChain.builder(4).intrinsicLoss(0.1).build();
        assertArrayEquals(new double[] {1.1, 0.1, 0.1, 1.1}, d.lossRates(), 1e-15);
    }

    @Test
    void explicitPlacementOverridesSingleSites() {
        BoseHubbardChain c = BoseHubbardChain.builder(4).boundaryDrive(1).driveAt(2, -3)
            .lossAt(0, 0).lossAt(1, 2).build();
        assertArrayEquals(new double[] {1, 0, -3, 0}, c.drives());
        assertArrayEquals(new double[] {0, 2, 0, 1}, c.lossRates());
    }

    @Test
    void singleSiteChainHasBothBoundaryLosses() {
        // kappa_l = gamma (delta_{l,1} + delta_{l,L}) gives 2 gamma when L = 1
        assertArrayEquals(new double[] {2}, BoseHubbardChain.builder(1).build().lossRates());
    }

    @Test
    void toBuilderRoundTripsAndMirroredFlipsSigns() {
        BoseHubbardChain c = BoseHubbardChain.builder(6).boundaryDrive(4).driveAt(3, 1)
            .intrinsicLoss(0.2).interaction(0.3).build();
        assertEquals(c, c.toBuilder().build());
        BoseHubbardChain m = c.mirrored();
        assertEquals(-c.interaction(), m.interaction());
        assertEquals(-c.detuning(), m.detuning());
        assertEquals(-c.hopping(), m.hopping());
        assertEquals(-4.0, m.drive(0));
        assertArrayEquals(c.lossRates(), m.lossRates());
        assertEquals(c, m.mirrored());
    }

    static Stream<Arguments> randomChainsWithZeros() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(15L);
        // parameters are zero with probability 1/2 each, so most chains have several zeros
        return Stream.generate(() -> {
            int length = 1 + rng.nextInt(8);
            double[] p = new double[5];
            for (int i = 0; i < p.length; i++) {
                p[i] = rng.nextBoolean() ? 0.0 : 4 * rng.nextDouble() - 2;
            }
            return Arguments.of(length, p);
        }).limit(30);
    }

    @ParameterizedTest
    @MethodSource("randomChainsWithZeros")
    void mirroredEqualsTheMirrorBuiltDirectly(int length, double[] p) {
        // detuning, hopping, interaction, boundary drive, extra drive on the last site;
        // negating a zero must not give -0.0 (equals and toString, hence checkpoint
        // fingerprints, would differ from the same chain built directly)
        BoseHubbardChain c = BoseHubbardChain.builder(length).detuning(p[0]).hopping(p[1])
            .interaction(p[2]).boundaryDrive(p[3]).driveAt(length - 1, p[4]).build();
        BoseHubbardChain direct = BoseHubbardChain.builder(length).detuning(0.0 - p[0])
            .hopping(0.0 - p[1]).interaction(0.0 - p[2]).boundaryDrive(0.0 - p[3])
            .driveAt(length - 1, 0.0 - p[4]).build();
        String where = length + " " + java.util.Arrays.toString(p);
        assertEquals(direct, c.mirrored(), where);
        assertEquals(direct.toString(), c.mirrored().toString(), where);
        assertEquals(direct.hashCode(), c.mirrored().hashCode(), where);
        assertEquals(c, c.mirrored().mirrored(), where);
        assertEquals(c.toString(), c.mirrored().mirrored().toString(), where);
        assertEquals(c, direct.mirrored(), where);
        assertEquals(c.toString(), direct.mirrored().toString(), where);
    }

    @Test
    void negativeZeroParametersEqualPositiveZero() {
        BoseHubbardChain plus = BoseHubbardChain.builder(3).detuning(0.0).hopping(0.0)
            .interaction(0.0).boundaryDrive(0.0).build();
        BoseHubbardChain minus = BoseHubbardChain.builder(3).detuning(-0.0).hopping(-0.0)
            .interaction(-0.0).boundaryDrive(-0.0).driveAt(1, -0.0).build();
        assertEquals(plus, minus);
        assertEquals(plus.toString(), minus.toString());
    }

    static Stream<Arguments> badParameters() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        // many cases: every setter with every non-finite value, and random negative rates
        Stream.Builder<Arguments> cases = Stream.builder();
        for (double v : BAD) {
            cases.add(Arguments.of("detuning", v, (Consumer<BoseHubbardChain.Builder>)
                b -> b.detuning(v)));
            cases.add(Arguments.of("hopping", v, (Consumer<BoseHubbardChain.Builder>)
                b -> b.hopping(v)));
            cases.add(Arguments.of("interaction", v, (Consumer<BoseHubbardChain.Builder>)
                b -> b.interaction(v)));
            cases.add(Arguments.of("drive", v, (Consumer<BoseHubbardChain.Builder>)
                b -> b.boundaryDrive(v)));
            cases.add(Arguments.of("drive", v, (Consumer<BoseHubbardChain.Builder>)
                b -> b.uniformDrive(v)));
            cases.add(Arguments.of("drive[1]", v, (Consumer<BoseHubbardChain.Builder>)
                b -> b.driveAt(1, v)));
            cases.add(Arguments.of("loss", v, (Consumer<BoseHubbardChain.Builder>)
                b -> b.boundaryLoss(v)));
            cases.add(Arguments.of("intrinsicLoss", v, (Consumer<BoseHubbardChain.Builder>)
                b -> b.intrinsicLoss(v)));
        }
        for (int i = 0; i < 20; i++) {
            double neg = -Math.exp(10 * rng.nextDouble() - 5);
            cases.add(Arguments.of("loss", neg, (Consumer<BoseHubbardChain.Builder>)
                b -> b.uniformLoss(neg)));
            cases.add(Arguments.of("loss[2]", neg, (Consumer<BoseHubbardChain.Builder>)
                b -> b.lossAt(2, neg)));
            cases.add(Arguments.of("intrinsicLoss", neg, (Consumer<BoseHubbardChain.Builder>)
                b -> b.intrinsicLoss(neg)));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badParameters")
    void rejectsBadValuesNamingParameterAndValue(String name, double value,
                                                 Consumer<BoseHubbardChain.Builder> set) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> set.accept(BoseHubbardChain.builder(4)));
        assertTrue(e.getMessage().startsWith(name + " ")
                && e.getMessage().endsWith(String.valueOf(value)),
            "message for " + name + " = " + value + ": " + e.getMessage());
    }

    static IntStream randomLengths() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(12L);
        return IntStream.generate(() -> 1 + rng.nextInt(50)).limit(30);
    }

    @ParameterizedTest
    @MethodSource("randomLengths")
    void rejectsSitesOutOfRange(int length) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> BoseHubbardChain.builder(length).driveAt(length, 1).build());
        assertEquals("drive site must be in [0, " + (length - 1) + "]: " + length,
            e.getMessage(), "length " + length);
        e = assertThrows(IllegalArgumentException.class,
            () -> BoseHubbardChain.builder(length).lossAt(length + 3, 1).build());
        assertTrue(e.getMessage().startsWith("loss site"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> BoseHubbardChain.builder(length).driveAt(-1, 1));
        assertEquals("drive site must be at least 0: -1", e.getMessage());
    }

    @Test
    void rejectsEmptyChain() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> BoseHubbardChain.builder(0));
        assertEquals("length must be at least 1: 0", e.getMessage());
    }

    static Stream<Arguments> randomLinearChains() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(13L);
        return Stream.generate(() -> {
            int length = 1 + rng.nextInt(12);
            BoseHubbardChain.Builder b = BoseHubbardChain.builder(length)
                .detuning(6 * rng.nextDouble() - 3).hopping(4 * rng.nextDouble() - 2)
                .interaction(0).boundaryDrive(10 * rng.nextDouble())
                .boundaryLoss(0.1 + rng.nextDouble());
            if (rng.nextBoolean()) {
                b.driveAt(rng.nextInt(length), 5 * rng.nextDouble()).intrinsicLoss(
                    0.1 * rng.nextDouble());
            }
            return Arguments.of(b.build());
        }).limit(40);
    }

    @ParameterizedTest
    @MethodSource("randomLinearChains")
    void linearSteadyStateIsAFixedPointOfTheDrift(BoseHubbardChain chain) {
        double[] alpha = chain.linearSteadyState();
        double[] out = new double[alpha.length];
        chain.drift(ChainLimit.GROSS_PITAEVSKII, alpha, out, 1);
        double scale = 1;
        for (double v : alpha) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < out.length; i++) {
            assertEquals(0, out[i], 1e-10 * scale * (1 + Math.abs(chain.hopping())
                + Math.abs(chain.detuning())), chain + " component " + i);
        }
    }

    @Test
    void driftMatchesEquationFourForOneSite() {
        // single site with drive and loss: d alpha = [i(Delta - U(|a|^2 - 1)) a - iF - k/2 a]
        BoseHubbardChain c = BoseHubbardChain.builder(1).detuning(1.3).interaction(0.7)
            .boundaryDrive(2).boundaryLoss(0.25).build();
        double ar = 0.4;
        double ai = -1.1;
        double[] out = new double[2];
        c.drift(ChainLimit.TRUNCATED_WIGNER, new double[] {ar, ai}, out, 1);
        double s = 1.3 - 0.7 * (ar * ar + ai * ai - 1);
        double kappa = 0.5; // both boundary losses on the single site
        assertEquals(-s * ai - kappa / 2 * ar, out[0], 1e-15);
        assertEquals(s * ar - 2 - kappa / 2 * ai, out[1], 1e-15);
        c.drift(ChainLimit.GROSS_PITAEVSKII, new double[] {ar, ai}, out, 1);
        s = 1.3 - 0.7 * (ar * ar + ai * ai);
        assertEquals(-s * ai - kappa / 2 * ar, out[0], 1e-15);
    }

    @ParameterizedTest
    @MethodSource("randomLinearChains")
    void energyGeneratesTheHamiltonianDrift(BoseHubbardChain linear) {
        // d alpha/dt = -i dE/d alpha^*: check with central differences on a random state,
        // isolated chain (no loss) and interaction switched on
        BoseHubbardChain c = linear.toBuilder().boundaryLoss(0).intrinsicLoss(0)
            .interaction(0.37).build();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(14L);
        double[] x = new double[c.dimension()];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * rng.nextDouble() - 1;
        }
        double[] f = new double[x.length];
        c.drift(ChainLimit.TRUNCATED_WIGNER, x, f, 1);
        double h = 1e-6;
        for (int l = 0; l < c.length(); l++) {
            // E real: dE/d alpha^* = (dE/dRe + i dE/dIm)/2, so -i dE/da* = (dE/dIm - i dE/dRe)/2
            double dRe = partial(c, x, 2 * l, h);
            double dIm = partial(c, x, 2 * l + 1, h);
            assertEquals(0.5 * dIm, f[2 * l], 1e-6, c + " Re at " + l);
            assertEquals(-0.5 * dRe, f[2 * l + 1], 1e-6, c + " Im at " + l);
        }
    }

    private static double partial(BoseHubbardChain c, double[] x, int i, double h) {
        double[] p = x.clone();
        double[] m = x.clone();
        p[i] += h;
        m[i] -= h;
        return (c.energy(ChainLimit.TRUNCATED_WIGNER, p, 1, 0)
            - c.energy(ChainLimit.TRUNCATED_WIGNER, m, 1, 0)) / (2 * h);
    }

    @Test
    void noiseAmplitudeIsQuarterLossRate() {
        BoseHubbardChain c = BoseHubbardChain.builder(3).boundaryLoss(2).build();
        assertEquals(Math.sqrt(0.5), c.noiseAmplitude(0, ChainLimit.TRUNCATED_WIGNER), 0);
        assertEquals(0, c.noiseAmplitude(1, ChainLimit.TRUNCATED_WIGNER), 0);
        assertEquals(0, c.noiseAmplitude(0, ChainLimit.GROSS_PITAEVSKII), 0);
    }
}
