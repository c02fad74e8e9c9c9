package org.ness4j.hydro.twocomponent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ness4j.hydro.ed.DrivenXxzHydrodynamics;
import org.ness4j.hydro.ed.FixedPoint;
import org.ness4j.hydro.ed.GibbsPoint;
import org.ness4j.hydro.ed.XxzChain;
import org.ness4j.hydro.ed.XxzSpectrum;

class TwoComponentStepperTest {

    private static DrivenXxzHydrodynamics hydro;
    private static TabulatedHydrodynamics coarse;
    private static TabulatedHydrodynamics fine;

    @BeforeAll
    static void setUp() {
        // N = 8, gamma = 0.96: two stable fixed points and an unstable one at m = 0
        hydro = new DrivenXxzHydrodynamics(XxzSpectrum.compute(XxzChain.paper(8)), 0.96);
        coarse = TabulatedHydrodynamics.tabulate(hydro, 25, 13, 0.95, 0.02);
        fine = TabulatedHydrodynamics.tabulate(hydro, 49, 25, 0.95, 0.02);
    }

    /** Final uniform state of a noise-free run from just above the unstable point. */
    private static double[] relax(TabulatedHydrodynamics table, FixedPoint start) {
        TwoComponentModel model = TwoComponentModel.builder(table).eps(1).drivenNoiseScale(0)
            .thermalNoiseScale(0).length(4).dx(1).dt(0.25).build();
        TwoComponentStepper s = new TwoComponentStepper(model, 1, 1, 0);
        s.fill(start.point().m() + 0.01, start.point().e());
        s.advance(12_000);
        double[] m = s.magnetization();
        double[] e = s.energy();
        for (int i = 1; i < 4; i++) {
            assertEquals(m[0], m[i], 0.0, "homogeneous state must stay homogeneous");
            assertEquals(e[0], e[i], 0.0, "homogeneous state must stay homogeneous");
        }
        return new double[] {m[0], e[0]};
    }

    @Test
    void noiseFreeHomogeneousFlowReachesTheEdFixedPoint() {
        List<FixedPoint> fps = hydro.fixedPoints();
        assertEquals(3, fps.size(), fps.toString());
        GibbsPoint target = fps.get(2).point();
        double[] err = new double[2];
        TabulatedHydrodynamics[] tables = {coarse, fine};
        for (int g = 0; g < 2; g++) {
            double[] q = relax(tables[g], fps.get(1));
            // Tolerance from the interpolation error: the tabulated flow stops where the
            // interpolated force vanishes, |dq| ~ |A^{-1} f_interp(q*)| with A = df/dq.
            double[] f = new double[2];
            tables[g].evaluate(target.m(), target.e(), TabulatedHydrodynamics.F1, 2, f);
            double[][] a = target.stability();
            double det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
            double dm = (a[1][1] * f[0] - a[0][1] * f[1]) / det;
            double de = (-a[1][0] * f[0] + a[0][0] * f[1]) / det;
            double bound = Math.hypot(dm, de);
            err[g] = Math.hypot(q[0] - target.m(), q[1] - target.e());
            String msg = "grid " + g + ": reached " + q[0] + ", " + q[1] + "; ED fixed point "
                + target.m() + ", " + target.e() + "; linearized bound " + bound;
            assertTrue(err[g] <= 2 * bound + 1e-9, msg);
            assertTrue(err[g] < 0.02, msg);
        }
        assertTrue(err[1] < err[0] / 2.5, "refining the table must reduce the error: "
            + err[0] + " -> " + err[1]);
    }

    @Test
    void diffusionAndConservedNoiseConserveBothTotals() {
        // D = 1.3 (identity): the Eq. 12 covariance 2.6 chiT is positive semi-definite
        // everywhere; near the hull edges, where chiT is almost singular, a D that is not a
        // multiple of the identity makes it indefinite (refused, see below)
        TwoComponentModel model = TwoComponentModel.builder(fine).eps(0)
            .diffusion(1.3).thermalNoiseScale(1).length(200).dx(2).dt(0.5).build();
        TwoComponentStepper s = new TwoComponentStepper(model, 2, 9, 0);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(4006L);
        double[] m = s.magnetization();
        double[] e = s.energy();
        for (int i = 0; i < m.length; i++) {
            m[i] = rng.nextDouble(-0.5, 0.5);
            e[i] = rng.nextDouble(0.0, 0.5);
        }
        double[] before = totals(s);
        double[] start = m.clone();
        s.advance(200);
        double[] after = totals(s);
        for (int k = 0; k < 4; k++) {
            assertEquals(before[k], after[k], 1e-11 * s.cells(), "total " + k);
        }
        double moved = 0;
        for (int i = 0; i < m.length; i++) {
            moved = Math.max(moved, Math.abs(m[i] - start[i]));
        }
        assertTrue(moved > 0.1, "the state must actually evolve: " + moved);
    }

    private static double[] totals(TwoComponentStepper s) {
        double[] t = new double[4];
        int n = s.cells();
        for (int r = 0; r < 2; r++) {
            for (int i = 0; i < n; i++) {
                t[2 * r] += s.magnetization()[r * n + i];
                t[2 * r + 1] += s.energy()[r * n + i];
            }
        }
        return t;
    }

    @Test
    void drivenNoiseHasCovarianceEpsNDtOverDx() {
        int n = 40_000;
        double eps = 0.1;
        double dt = 0.01;
        double dx = 0.5;
        double m0 = 0.3;
        double e0 = 0.4;
        TwoComponentModel noisy = TwoComponentModel.builder(fine).eps(eps).diffusion(0)
            .thermalNoiseScale(0).length(n * dx).dx(dx).dt(dt).build();
        TwoComponentModel quiet = noisy.toBuilder().drivenNoiseScale(0).build();
        TwoComponentStepper a = new TwoComponentStepper(noisy, 1, 17, 0);
        TwoComponentStepper b = new TwoComponentStepper(quiet, 1, 17, 0);
        a.fill(m0, e0);
        b.fill(m0, e0);
        a.step();
        b.step();
        double s11 = 0;
        double s12 = 0;
        double s22 = 0;
        for (int i = 0; i < n; i++) {
            double x = a.magnetization()[i] - b.magnetization()[i];
            double y = a.energy()[i] - b.energy()[i];
            s11 += x * x;
            s12 += x * y;
            s22 += y * y;
        }
        s11 /= n;
        s12 /= n;
        s22 /= n;
        double[] nz = new double[5];
        fine.evaluate(m0, e0, TabulatedHydrodynamics.F1, 5, nz);
        double scale = eps * dt / dx;
        double v11 = scale * nz[2];
        double v12 = scale * nz[3];
        double v22 = scale * nz[4];
        // Gaussian sample (co)variances: SE(s11) = sqrt(2/n) v11, SE(s12) =
        // sqrt((v11 v22 + v12^2)/n); 5 SE gives a false-failure rate below 1e-6 per check.
        // The Heun corrector changes the increment by a relative O(eps dt |df/dq|) ~ 1e-3.
        assertEquals(v11, s11, 5 * Math.sqrt(2.0 / n) * v11, "N11");
        assertEquals(v22, s22, 5 * Math.sqrt(2.0 / n) * v22, "N22");
        assertEquals(v12, s12, 5 * Math.sqrt((v11 * v22 + v12 * v12) / n), "N12");
        assertTrue(Math.abs(v12) > 10 * Math.sqrt((v11 * v22 + v12 * v12) / n),
            "the test point must have a resolvable cross-correlation: " + v12);
    }

    @Test
    void replicaDependsOnlyOnSeedAndIndexNotOnBatch() {
        TwoComponentModel model = TwoComponentModel.builder(coarse).eps(0.05).length(60)
            .build();
        TwoComponentStepper three = new TwoComponentStepper(model, 3, 42, 0);
        TwoComponentStepper one = new TwoComponentStepper(model, 1, 42, 2);
        three.fill(0.0, 0.6);
        one.fill(0.0, 0.6);
        three.advance(50);
        one.advance(50);
        int n = model.cells();
        double[] m3 = java.util.Arrays.copyOfRange(three.magnetization(), 2 * n, 3 * n);
        double[] e3 = java.util.Arrays.copyOfRange(three.energy(), 2 * n, 3 * n);
        assertArrayEquals(one.magnetization(), m3, 0.0);
        assertArrayEquals(one.energy(), e3, 0.0);
    }

    @Test
    void builderRejectsBadValuesNamingParameterAndValue() {
        TwoComponentModel.Builder b = TwoComponentModel.builder(coarse);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> b.eps(-1));
        assertTrue(ex.getMessage().contains("eps") && ex.getMessage().contains("-1"));
        ex = assertThrows(IllegalArgumentException.class, () -> b.drivenNoiseScale(Double.NaN));
        assertTrue(ex.getMessage().contains("drivenNoiseScale"));
        ex = assertThrows(IllegalArgumentException.class, () -> b.diffusion(1, -1, 1, 1));
        assertTrue(ex.getMessage().contains("real non-negative eigenvalues"));
        ex = assertThrows(IllegalArgumentException.class,
            () -> TwoComponentModel.builder(coarse).dx(1).dt(0.6).build());
        assertTrue(ex.getMessage().contains("dt") && ex.getMessage().contains("0.6"));
        ex = assertThrows(IllegalArgumentException.class,
            () -> TwoComponentModel.builder(coarse).dx(0.3).dt(0.01).length(1.0).build());
        assertTrue(ex.getMessage().contains("length"));
        // a D with non-negative eigenvalues whose conserved-noise covariance is indefinite
        // somewhere on the table: refused (it was sampled with a clamped Cholesky pivot)
        ex = assertThrows(IllegalArgumentException.class, () -> TwoComponentModel.builder(fine)
            .diffusion(1, 0, 0, 10).thermalNoiseScale(1).dx(2).dt(0.05).build());
        assertTrue(ex.getMessage().contains("not positive semi-definite"), ex.getMessage());
        TwoComponentModel.builder(fine).diffusion(1, 0, 0, 10).thermalNoiseScale(0).dx(2)
            .dt(0.05).build(); // without conserved noise D is fine
        assertThrows(IllegalArgumentException.class,
            () -> new TwoComponentStepper(TwoComponentModel.builder(coarse).build(), 0, 1, 0));
    }
}
