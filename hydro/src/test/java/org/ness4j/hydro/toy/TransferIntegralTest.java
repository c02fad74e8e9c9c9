package org.ness4j.hydro.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ness4j.core.random.TrajectoryStreams;

/**
 * The transfer integral against independent results: the Gaussian chain (gamma = 0) in closed
 * form, grid convergence, its own exact sampler, and the SPDE simulation (one- and two-point
 * functions and wall densities counted with the same counter).
 */
class TransferIntegralTest {

    /**
     * gamma = 0: V = eps J m^2 / 2 and the lattice action is Gaussian,
     * F/T = sum kappa (m_{i+1} - m_i)^2 + b m_i^2 with b = 2 dx eps J / (2 S). Its covariance on
     * the infinite chain is rho^r / sqrt(A^2 - B^2) with A = 4 kappa + 2 b, B = 4 kappa,
     * rho = (A - sqrt(A^2 - B^2)) / B; on a ring of N cells the images add up to
     * (rho^r + rho^(N - r)) / ((1 - rho^N) sqrt(A^2 - B^2)).
     */
    static Stream<double[]> gaussianChains() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(4711L);
        return IntStream.range(0, 5).mapToObj(i -> new double[] {
            0.05 + 0.5 * rng.nextDouble(), 0.5 + 2 * rng.nextDouble(), 0.25 * (1 + rng.nextInt(3)),
            10 + rng.nextInt(60)});
    }

    @ParameterizedTest
    @MethodSource("gaussianChains")
    void gaussianChainMatchesClosedForm(double[] in) {
        double eps = in[0];
        double d = in[1];
        double dx = in[2];
        int cells = (int) in[3];
        ToyModel model = ToyModel.builder().eps(eps).gamma(0).diffusion(d).dx(dx).dt(1e-4)
            .thermalNoiseStrength(0).length(cells * dx).build();
        TransferIntegral t = TransferIntegral.of(model);
        double s = model.drivenNoiseStrength();
        double kappa = d / (s * dx);
        double b = dx * eps / s;
        double a = 4 * kappa + 2 * b;
        double bb = 4 * kappa;
        double root = Math.sqrt(a * a - bb * bb);
        double rho = (a - root) / bb;
        String msg = String.format(Locale.ROOT, "eps %s D %s dx %s cells %d", eps, d, dx, cells);
        assertEquals(-dx / Math.log(rho), t.correlationLength(), 1e-9 * t.correlationLength(), msg);
        double[] inf = t.correlation(5);
        double[] ring = t.correlation(cells, cells / 2);
        for (int r = 0; r <= 5; r++) {
            assertEquals(Math.pow(rho, r) / root, inf[r], 1e-9 * inf[0], msg + " r " + r);
        }
        for (int r = 0; r <= cells / 2; r++) {
            double exact = (Math.pow(rho, r) + Math.pow(rho, cells - r))
                / ((1 - Math.pow(rho, cells)) * root);
            assertEquals(exact, ring[r], 1e-9 * ring[0], msg + " ring r " + r);
        }
        assertEquals(ring[0], t.moment(cells, 2), 1e-12 * ring[0], msg);
        assertEquals(1.0, t.moment(cells, 0), 1e-12, msg);
    }

    /** Bistable models: the default grid against a grid 3x finer and 1.5x wider. */
    static Stream<double[]> bistableModels() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1618L);
        return IntStream.range(0, 4).mapToObj(i -> new double[] {
            0.03 + 0.5 * rng.nextDouble(), 0.82 + 0.15 * rng.nextDouble(),
            0.25 * (1 + rng.nextInt(2))});
    }

    @ParameterizedTest
    @MethodSource("bistableModels")
    void defaultGridIsConverged(double[] in) {
        ToyModel model = ToyModel.builder().eps(in[0]).gamma(in[1]).dx(in[2]).length(50)
            .thermalNoiseStrength(0).build();
        TransferIntegral t = TransferIntegral.of(model);
        TransferIntegral fine = TransferIntegral.of(model, 1.5 * t.range(), 3 * t.points());
        String msg = String.format(Locale.ROOT, "eps %s gamma %s dx %s: %d points, R %s", in[0],
            in[1], in[2], t.points(), t.range());
        assertTrue(t.tailMass() <= TransferIntegral.TAIL_TOLERANCE, msg);
        assertEquals(fine.correlationLength(), t.correlationLength(),
            1e-9 * fine.correlationLength(), msg);
        assertEquals(fine.eigenvalueRatio(2), t.eigenvalueRatio(2), 1e-9, msg);
        assertEquals(fine.moment(model.cells(), 2), t.moment(model.cells(), 2), 1e-9, msg);
        assertEquals(fine.moment(model.cells(), 4), t.moment(model.cells(), 4), 1e-9, msg);
        double[] c = t.correlation(model.cells(), 20);
        double[] cf = fine.correlation(model.cells(), 20);
        for (int r = 0; r <= 20; r++) {
            assertEquals(cf[r], c[r], 1e-9, msg + " r " + r);
        }
        // a grid of one point per two kernel widths is visibly off (the midpoint rule's error
        // for a Gaussian is ~exp(-2 pi^2 sigma^2 / h^2)): the comparison can fail
        TransferIntegral coarse = TransferIntegral.of(model, t.range(), (int) (t.points() / 6.0));
        assertTrue(Math.abs(coarse.moment(model.cells(), 2) - fine.moment(model.cells(), 2))
            > 1e-5, msg);
    }

    /**
     * The exact sampler reproduces the exact ring statistics: a short ring, where every step is a
     * bridge, and a long one, where most steps use the stationary chain. 4000 independent
     * configurations per ring; each comparison allows 4.5 standard errors (false-failure
     * probability 7e-6 each, below 1e-3 for all of them).
     */
    @ParameterizedTest
    @ValueSource(ints = {24, 400})
    void samplerReproducesExactRingStatistics(int cells) {
        ToyModel model = ToyModel.builder().eps(0.3).dx(0.5).dt(0.005).length(cells * 0.5)
            .thermalNoiseStrength(0).build();
        TransferIntegral t = TransferIntegral.of(model);
        int maxR = Math.min(cells / 2, 30);
        double[] exact = t.correlation(cells, maxR);
        double exact4 = t.moment(cells, 4);
        double exact1 = t.moment(cells, 1);
        TransferIntegral.Sampler sampler = t.sampler(cells);
        int samples = 4000;
        double[] m = new double[cells];
        double[][] perSample = new double[maxR + 3][samples];
        for (int j = 0; j < samples; j++) {
            sampler.sample(TrajectoryStreams.stream(99L, j), m);
            for (int r = 0; r <= maxR; r++) {
                double s = 0;
                for (int i = 0; i < cells; i++) {
                    s += m[i] * m[(i + r) % cells];
                }
                perSample[r][j] = s / cells;
            }
            double s4 = 0;
            double s1 = 0;
            for (int i = 0; i < cells; i++) {
                s4 += m[i] * m[i] * m[i] * m[i];
                s1 += m[i];
            }
            perSample[maxR + 1][j] = s4 / cells;
            perSample[maxR + 2][j] = s1 / cells;
        }
        for (int r = 0; r <= maxR; r += 3) {
            assertWithin(exact[r], perSample[r], 4.5, "cells " + cells + " r " + r);
        }
        assertWithin(exact4, perSample[maxR + 1], 4.5, "cells " + cells + " <m^4>");
        assertWithin(exact1, perSample[maxR + 2], 4.5, "cells " + cells + " <m>");
    }

    /**
     * The SPDE stepper's stationary one- and two-point functions equal the exact Gibbs values
     * with T = S/2 (a factor 2 in T changes <m^2> by ~30 %). 32 replicas start from exact
     * samples (no burn-in needed) and run 200 time units at eps = 0.4 (correlation time ~13);
     * standard errors from the replica means (31 degrees of freedom), 4.5 standard errors
     * allowed (t-distribution: 2e-4 per comparison, 1e-3 for the five). The Heun step's bias
     * is below 0.2 % (class comment of TransferIntegral), well below the errors (~1 %).
     */
    @Test
    void stepperStationaryCorrelationsMatchExact() {
        ToyModel model = ToyModel.builder().eps(0.4).dx(0.5).dt(0.005).length(25)
            .thermalNoiseStrength(0).build();
        int n = model.cells();
        TransferIntegral t = TransferIntegral.of(model);
        int replicas = 32;
        ToyModelStepper stepper = new ToyModelStepper(model, replicas, 21L, 0);
        TransferIntegral.Sampler sampler = t.sampler(n);
        double[] m = new double[n];
        for (int r = 0; r < replicas; r++) {
            sampler.sample(TrajectoryStreams.stream(22L, r), m);
            System.arraycopy(m, 0, stepper.state(), r * n, n);
        }
        int[] distances = {0, 2, 5, 10, 20};
        double[][] mean = new double[distances.length][replicas];
        int records = 2000;
        for (int k = 0; k < records; k++) {
            stepper.advance(20); // 0.1 time units
            double[] st = stepper.state();
            for (int r = 0; r < replicas; r++) {
                for (int d = 0; d < distances.length; d++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += st[r * n + i] * st[r * n + (i + distances[d]) % n];
                    }
                    mean[d][r] += s / n / records;
                }
            }
        }
        double[] exact = t.correlation(n, 20);
        for (int d = 0; d < distances.length; d++) {
            assertWithin(exact[distances[d]], mean[d], 4.5, "r " + distances[d]);
        }
    }

    /**
     * DomainWallStatistics (the SPDE simulation) against the exact wall density counted by the
     * same counters, at two eps (fast: dx = 0.5, dt = 0.01, L = 100; the Heun step changes the
     * variance of the stiffest mode by 0.7 %, of the smoothed field much less, against
     * simulation errors of ~3 %). The simulation's error
     * comes from 32 replicas (31 degrees of freedom), the exact one from 4000 configurations;
     * 4 combined standard errors allowed (t-distribution: 4e-4 per comparison, 2e-3 for the
     * four).
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.25, 0.4})
    void simulatedWallDensityMatchesExact(double eps) {
        ToyModel model = ToyModel.builder().eps(eps).dx(0.5).dt(0.01).length(100)
            .thermalNoiseStrength(0).build();
        compareWallDensities(model, new DomainWallStatistics.Settings(32, 40 / eps, 2 / eps, 40,
            31L, 2), 4000, 4.0);
    }

    /**
     * The same at the paper's discretization (dx = 0.25, dt = 0.001) over eps 0.1-0.4 (2-3.5
     * minutes on the shared 2-core machine at load 12-15; eps 0.1 takes half of it). 16
     * replicas (15 degrees of freedom), 4.5 combined standard errors (t-distribution: 4e-4 per
     * comparison, 2.4e-3 for the six).
     */
    @Tag("slow")
    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.2, 0.4})
    void simulatedWallDensityMatchesExactAtPaperDiscretization(double eps) {
        ToyModel model = ToyModel.builder().eps(eps).length(100).thermalNoiseStrength(0).build();
        compareWallDensities(model, new DomainWallStatistics.Settings(16, 40 / eps, 2 / eps, 40,
            41L, 2), 4000, 4.5);
    }

    private static void compareWallDensities(ToyModel model, DomainWallStatistics.Settings s,
                                             int exactSamples, double sigmas) {
        List<DomainWallCounter> counters = List.of(DomainWallCounter.forModel(model),
            DomainWallCounter.forModelQuarterWallWidth(model));
        List<DomainWallStatistics.Result> sim = DomainWallStatistics.measure(model, counters, s);
        List<TransferIntegral.WallDensity> exact = TransferIntegral.of(model)
            .wallDensities(counters, model.cells(), exactSamples, 7L);
        for (int c = 0; c < counters.size(); c++) {
            double diff = sim.get(c).density() - exact.get(c).density();
            double se = Math.hypot(sim.get(c).standardError(), exact.get(c).standardError());
            String msg = String.format(Locale.ROOT, "eps %s window %d: simulated %.5f +- %.5f,"
                    + " exact %.5f +- %.5f", model.eps(), counters.get(c).window(),
                sim.get(c).density(), sim.get(c).standardError(), exact.get(c).density(),
                exact.get(c).standardError());
            assertTrue(Math.abs(diff) < sigmas * se, msg);
        }
    }

    @Test
    void wallDensityIsReproducibleAndItsErrorScales() {
        ToyModel model = ToyModel.builder().eps(0.3).dx(0.5).length(100).thermalNoiseStrength(0)
            .dt(0.005).build();
        TransferIntegral t = TransferIntegral.of(model);
        DomainWallCounter c = DomainWallCounter.forModel(model);
        TransferIntegral.WallDensity a = t.wallDensity(c, 400, 3L);
        assertEquals(a, t.wallDensity(c, 400, 3L));
        TransferIntegral.WallDensity b = t.wallDensity(c, 1600, 4L);
        // sd/sqrt(n): the ratio of errors is ~2, with a relative spread of ~4 % for these sizes
        double ratio = a.standardError() / b.standardError();
        assertTrue(ratio > 1.6 && ratio < 2.5, "error ratio " + ratio);
        assertTrue(Math.abs(a.density() - b.density()) < 4.5 * Math.hypot(a.standardError(),
            b.standardError()), a + " vs " + b);
    }

    /**
     * Dilute walls: at small eps the kink density 1/(2 xi) falls as exp(-E_DW/T), with E_DW of
     * Eq. 17 and T = S/2, so the local exponent d ln(1/xi) / d(-1/sqrt(eps)) tends to
     * E_DW sqrt(eps)/T = ToyModel.analyticExponent(nu) = 0.495 (a prefactor ~ eps^(1/4) and
     * O(T/E_DW) corrections add a few hundredths at eps = 0.005-0.01; with T = S it would be
     * 0.99, with T = S/4 0.25).
     */
    @Test
    void smallEpsExponentTendsToTheWallEnergyOverTemperature() {
        assertLocalExponentNearWallEnergyOverTemperature(0.005, 0.01);
    }

    /**
     * The same at eps 0.0025-0.005: the grid of eps = 0.0025 has 844 points, where EJML's
     * default iteration limit of the symmetric QR algorithm fails (about 10 s).
     */
    @Tag("slow")
    @Test
    void largestGridsDecompose() {
        assertLocalExponentNearWallEnergyOverTemperature(0.0025, 0.005);
    }

    private static void assertLocalExponentNearWallEnergyOverTemperature(double e1, double e2) {
        ToyModel a = ToyModel.builder().eps(e1).length(100).thermalNoiseStrength(0).build();
        ToyModel b = a.toBuilder().eps(e2).build();
        double xa = TransferIntegral.of(a).correlationLength();
        double xb = TransferIntegral.of(b).correlationLength();
        double local = Math.log(xa / xb) / (1 / Math.sqrt(e1) - 1 / Math.sqrt(e2));
        double c0 = a.analyticExponent(a.drivenNoiseFactor());
        assertEquals(c0, 0.495, 1e-3);
        assertTrue(local > c0 && local < c0 + 0.05, "eps " + e1 + "-" + e2 + ": local exponent "
            + local + ", E_DW/T " + c0);
    }

    @Test
    void refusesModelsWithoutGibbsStateAndBadGrids() {
        ToyModel.Builder base = ToyModel.builder().eps(0.3).length(50);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> TransferIntegral.of(base.build()));
        assertTrue(e.getMessage().contains("thermalNoiseStrength"), e.getMessage());
        ToyModel ok = base.thermalNoiseStrength(0).build();
        e = assertThrows(IllegalArgumentException.class,
            () -> TransferIntegral.of(ok.toBuilder().drivenNoiseFactor(0).build()));
        assertTrue(e.getMessage().contains("driven noise"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> TransferIntegral.of(ok.toBuilder().diffusion(0).build()));
        assertTrue(e.getMessage().contains("diffusion"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TransferIntegral.of(ok, 0.5, 100));
        assertTrue(e.getMessage().contains("range 0.5 cuts"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TransferIntegral.of(ok, 3, 2));
        assertTrue(e.getMessage().contains("points"), e.getMessage());
        TransferIntegral t = TransferIntegral.of(ok);
        e = assertThrows(IllegalArgumentException.class, () -> t.sampler(1));
        assertTrue(e.getMessage().contains("cells"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.correlation(10, 11));
        assertTrue(e.getMessage().contains("maxDistance"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> t.wallDensity(DomainWallCounter.forModel(ok), 1, 1L));
        assertTrue(e.getMessage().contains("samples"), e.getMessage());
    }

    /** |exact - mean(x)| below sigmas standard errors of the mean of the independent x. */
    private static void assertWithin(double exact, double[] x, double sigmas, String what) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        double se = Math.sqrt(ss / (x.length - 1) / x.length);
        assertTrue(Math.abs(mean - exact) < sigmas * se, String.format(Locale.ROOT,
            "%s: sampled %.6g +- %.2g, exact %.6g", what, mean, se, exact));
    }
}
