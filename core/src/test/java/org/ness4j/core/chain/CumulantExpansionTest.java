package org.ness4j.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.hipparchus.complex.Complex;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.core.quantum.ChainOperators;
import org.ness4j.core.quantum.DensityMatrix;
import org.ness4j.core.quantum.FockSpace;
import org.ness4j.core.quantum.Lindbladian;
import org.ness4j.core.quantum.SparseOperator;
import org.ness4j.core.quantum.SteadyStates;

/**
 * Second-order cumulant expansion (paper 000, SI Eq. 34, 37): exact for U = 0, exact time
 * derivatives on Gaussian states for any U, and closer to the exact Lindblad steady state of the
 * dimer than the mean-field (Gross-Pitaevskii) value at small U.
 */
class CumulantExpansionTest {

    static LongStream seeds() {
        return LongStream.range(0, 5).map(i -> 1000 + 17 * i);
    }

    private static double uniform(UniformRandomProvider rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    /**
     * U = 0: the hierarchy closes exactly, so from a Gaussian state with fluctuations the
     * expansion relaxes to the coherent product state of linearSteadyState: alpha to 1e-8,
     * n_l = |alpha_l|^2 and delta n_l = 0. Random chains (L = 1..4, drive and loss anywhere)
     * from a seeded generator. The integration stops when max|dy/dt| < 1e-12; with decay rates
     * >~ 0.01 the remaining distance to the fixed point is < 1e-10.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void linearChainIsExact(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int length = 1 + rng.nextInt(4);
        BoseHubbardChain.Builder b = BoseHubbardChain.builder(length).interaction(0.0)
            .detuning(uniform(rng, -3, 3)).hopping(uniform(rng, -2, 2))
            .boundaryDrive(uniform(rng, -3, 3)).boundaryLoss(uniform(rng, 0.3, 1.5))
            .intrinsicLoss(uniform(rng, 0, 0.2));
        if (length > 1) {
            b.driveAt(length - 1, uniform(rng, -1, 1));
        }
        BoseHubbardChain chain = b.build();
        String what = "seed " + seed + ": " + chain;
        CumulantExpansion c = CumulantExpansion.of(chain).withTolerances(1e-13, 1e-12);
        double[] y0 = c.vacuum();
        for (int l = 0; l < length; l++) {
            y0[c.numberIndex(l, l)] = 0.7;
            y0[c.pairIndex(l, l)] = 0.2;
        }
        CumulantExpansion.Result r = c.steadyState(y0, 5000, 1e-12);
        assertTrue(r.converged(1e-12), "not converged, residual " + r.residual() + " " + what);
        double[] alpha = chain.linearSteadyState();
        double[] y = r.finalState();
        for (int l = 0; l < length; l++) {
            assertEquals(alpha[2 * l], y[c.fieldIndex(l)], 1e-8, "Re alpha_" + l + " " + what);
            assertEquals(alpha[2 * l + 1], y[c.fieldIndex(l) + 1], 1e-8, "Im alpha " + what);
            double n = alpha[2 * l] * alpha[2 * l] + alpha[2 * l + 1] * alpha[2 * l + 1];
            assertEquals(n, r.photonNumber(l), 1e-8 * Math.max(1, n), "n_" + l + " " + what);
            assertEquals(0.0, r.numberFluctuation(l), 1e-8 * Math.max(1, n), "dn " + what);
        }
        // from the vacuum N and M stay exactly zero
        double[] v = c.evolve(c.vacuum(), 3.0);
        for (int k = 0; k < length; k++) {
            for (int l = 0; l < length; l++) {
                assertEquals(0.0, v[c.numberIndex(k, l)], 0.0);
                assertEquals(0.0, v[c.pairIndex(k, l) + 1], 0.0);
            }
        }
    }

    /**
     * For a pure Gaussian state (exp(-iG)|0> with G linear + quadratic, random coefficients)
     * the closed equations give the exact time derivatives of <a_l>, <a_k^dag a_l> and
     * <a_k a_l>, computed here as Tr(O L rho) with the Lindbladian of ChainOperators (random
     * Delta, J, U, F on both sites, loss). This checks every Kerr term of the closure. Cutoff
     * 16 per site for states with <~ 1 photon; the weight on n >= 14 is checked to be < 1e-12,
     * so truncation effects (times n^2 <~ 300 for the Kerr moments) stay below 1e-9; the
     * tolerance is 1e-8.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void derivativesAreExactOnGaussianStates(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        BoseHubbardChain chain = BoseHubbardChain.builder(2).detuning(uniform(rng, -3, 3))
            .hopping(uniform(rng, -2, 2)).interaction(uniform(rng, -1, 1))
            .boundaryDrive(uniform(rng, -2, 2)).driveAt(1, uniform(rng, -1, 1))
            .boundaryLoss(uniform(rng, 0.2, 1.5)).intrinsicLoss(uniform(rng, 0, 0.3)).build();
        String what = "seed " + seed + ": " + chain;
        FockSpace s = FockSpace.of(16, 16);
        int d = s.dimension();
        SparseOperator[] a = {s.annihilation(0), s.annihilation(1)};
        SparseOperator[] ad = {s.creation(0), s.creation(1)};
        // generator of a Gaussian unitary: linear + quadratic, Hermitian
        SparseOperator.Builder gb = SparseOperator.builder(d);
        for (int l = 0; l < 2; l++) {
            double br = uniform(rng, -0.4, 0.4);
            double bi = uniform(rng, -0.4, 0.4);
            gb.addAll(ad[l], br, bi);
            gb.addAll(a[l], br, -bi);
            for (int k = 0; k <= l; k++) {
                double sr = uniform(rng, -0.04, 0.04);
                double si = uniform(rng, -0.04, 0.04);
                SparseOperator pair = ad[k].times(ad[l]);
                gb.addAll(pair, sr, si);
                gb.addAll(pair.adjoint(), sr, -si);
                double cr = uniform(rng, -0.3, 0.3);
                double ci = k == l ? 0 : uniform(rng, -0.3, 0.3);
                SparseOperator hop = ad[k].times(a[l]);
                gb.addAll(hop, cr, ci);
                if (k != l) {
                    gb.addAll(hop.adjoint(), cr, -ci);
                }
            }
        }
        SparseOperator g = gb.build();
        assertTrue(g.isHermitian(1e-14));
        double[] re = new double[d];
        double[] im = new double[d];
        re[0] = 1;
        expMinusI(g, 1.0, re, im);
        double top = 0;
        for (int i = 0; i < d; i++) {
            if (s.occupation(i, 0) >= 14 || s.occupation(i, 1) >= 14) {
                top += re[i] * re[i] + im[i] * im[i];
            }
        }
        assertTrue(top < 1e-12, "state not contained in the cutoff: " + top);
        double[] rhoRe = new double[d * d];
        double[] rhoIm = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                rhoRe[i * d + j] = re[i] * re[j] + im[i] * im[j];
                rhoIm[i * d + j] = im[i] * re[j] - re[i] * im[j];
            }
        }
        DensityMatrix rho = DensityMatrix.of(d, rhoRe, rhoIm);
        Lindbladian lind = ChainOperators.lindbladian(chain, s);
        double[] dRe = new double[d * d];
        double[] dIm = new double[d * d];
        lind.apply(rhoRe, rhoIm, dRe, dIm, lind.newWorkspace());
        DensityMatrix drho = DensityMatrix.of(d, dRe, dIm);

        CumulantExpansion c = CumulantExpansion.of(chain);
        double[] y = c.vacuum();
        Complex[] alpha = new Complex[2];
        for (int l = 0; l < 2; l++) {
            alpha[l] = rho.expectation(a[l]);
            y[c.fieldIndex(l)] = alpha[l].getReal();
            y[c.fieldIndex(l) + 1] = alpha[l].getImaginary();
        }
        for (int k = 0; k < 2; k++) {
            for (int l = 0; l < 2; l++) {
                Complex nkl = rho.expectation(ad[k].times(a[l]))
                    .subtract(alpha[k].conjugate().multiply(alpha[l]));
                Complex mkl = rho.expectation(a[k].times(a[l])).subtract(alpha[k].multiply(alpha[l]));
                y[c.numberIndex(k, l)] = nkl.getReal();
                y[c.numberIndex(k, l) + 1] = nkl.getImaginary();
                y[c.pairIndex(k, l)] = mkl.getReal();
                y[c.pairIndex(k, l) + 1] = mkl.getImaginary();
            }
        }
        assertTrue(Math.abs(y[c.pairIndex(0, 0)]) + Math.abs(y[c.numberIndex(0, 1)]) > 1e-3,
            "the state must have non-trivial fluctuations " + what);
        double[] dy = new double[y.length];
        c.derivatives(y, dy);
        Complex[] dAlpha = new Complex[2];
        for (int l = 0; l < 2; l++) {
            dAlpha[l] = new Complex(dy[c.fieldIndex(l)], dy[c.fieldIndex(l) + 1]);
            Complex exact = drho.expectation(a[l]);
            assertEquals(exact.getReal(), dAlpha[l].getReal(), 1e-8, "d Re a_" + l + " " + what);
            assertEquals(exact.getImaginary(), dAlpha[l].getImaginary(), 1e-8, "d Im a " + what);
        }
        for (int k = 0; k < 2; k++) {
            for (int l = 0; l < 2; l++) {
                Complex dn = new Complex(dy[c.numberIndex(k, l)], dy[c.numberIndex(k, l) + 1]);
                Complex dp = dn.add(dAlpha[k].conjugate().multiply(alpha[l]))
                    .add(alpha[k].conjugate().multiply(dAlpha[l]));
                Complex exactP = drho.expectation(ad[k].times(a[l]));
                assertEquals(exactP.getReal(), dp.getReal(), 1e-8, "d<a+a> " + k + l + what);
                assertEquals(exactP.getImaginary(), dp.getImaginary(), 1e-8, "d<a+a> " + what);
                Complex dm = new Complex(dy[c.pairIndex(k, l)], dy[c.pairIndex(k, l) + 1]);
                Complex dq = dm.add(dAlpha[k].multiply(alpha[l])).add(alpha[k].multiply(dAlpha[l]));
                Complex exactQ = drho.expectation(a[k].times(a[l]));
                assertEquals(exactQ.getReal(), dq.getReal(), 1e-8, "d<aa> " + k + l + what);
                assertEquals(exactQ.getImaginary(), dq.getImaginary(), 1e-8, "d<aa> " + what);
            }
        }
    }

    /**
     * Dimer at small U (defaults Delta = 2.5, J = 2, F = 0.6; U = 0.3): the expansion's
     * steady state is closer to the exact Lindblad steady state than mean field, for n_1, n_2
     * (mean field: the Gross-Pitaevskii fixed point, Eq. 35) and delta n_1, delta n_2 (mean
     * field: 0). Exact solution: dense direct solve at cutoffs (5, 5), whose truncation error
     * is checked against cutoffs (4, 4) to be far below the differences compared.
     */
    @Test
    void dimerAtSmallUIsBetterThanMeanField() {
        for (double u : new double[] {0.3}) {
            BoseHubbardChain chain = BoseHubbardChain.builder(2).interaction(u).detuning(-2.5).boundaryDrive(0.7)
                .build();
            Lindbladian big = ChainOperators.lindbladian(chain, FockSpace.of(5, 5));
            Lindbladian small = ChainOperators.lindbladian(chain, FockSpace.of(4, 4));
            DensityMatrix rho = SteadyStates.direct(big);
            DensityMatrix rhoSmall = SteadyStates.direct(small);
            CumulantExpansion c = CumulantExpansion.of(chain).withTolerances(1e-12, 1e-12);
            CumulantExpansion.Result r = c.steadyState(c.vacuum(), 2000, 1e-11);
            assertTrue(r.converged(1e-11), "U=" + u + " residual " + r.residual());
            double[] gp = grossPitaevskii(chain);
            for (int l = 0; l < 2; l++) {
                FockSpace sb = FockSpace.of(5, 5);
                FockSpace ss = FockSpace.of(4, 4);
                double n = rho.expectation(sb.number(l)).getReal();
                double n2 = rho.expectation(sb.number(l).times(sb.number(l))).getReal();
                double dn = n2 - n - n * n;
                double nS = rhoSmall.expectation(ss.number(l)).getReal();
                double n2S = rhoSmall.expectation(ss.number(l).times(ss.number(l))).getReal();
                double truncation = Math.max(Math.abs(n - nS),
                    Math.abs(dn - (n2S - nS - nS * nS)));
                double nGp = gp[2 * l] * gp[2 * l] + gp[2 * l + 1] * gp[2 * l + 1];
                double errQce = Math.abs(r.photonNumber(l) - n);
                double errGp = Math.abs(nGp - n);
                double errDnQce = Math.abs(r.numberFluctuation(l) - dn);
                double errDnGp = Math.abs(dn);
                String what = String.format(java.util.Locale.ROOT, "U=%s site %d: exact n=%.6f "
                        + "dn=%.6f, QCE n=%.6f dn=%.6f, GP n=%.6f, truncation %.1e", u, l, n, dn,
                    r.photonNumber(l), r.numberFluctuation(l), nGp, truncation);
                assertTrue(truncation < 0.1 * Math.min(errGp, errDnGp), what);
                assertTrue(errQce < errGp, "n: " + what);
                assertTrue(errDnQce < errDnGp, "delta n: " + what);
            }
        }
    }

    @Test
    void rejectsBadInput() {
        CumulantExpansion c = CumulantExpansion.of(BoseHubbardChain.builder(2).build());
        assertEquals(2 * 2 + 4 * 4, c.dimension());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> c.evolve(new double[3], 1.0));
        assertEquals("state must have length 20: 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.evolve(c.vacuum(), 0.0));
        assertEquals("time must be positive and finite: 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> c.timeAverage(c.vacuum(), -1, 10, 0.1));
        assertEquals("transient must be non-negative and finite: -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> c.timeAverage(c.vacuum(), 1, 10, 20));
        assertEquals("sampleInterval must be at most window = 10.0: 20.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> c.withTolerances(Double.NaN, 1e-9));
        assertEquals("absolute must be positive and finite: NaN", e.getMessage());
        double[] bad = c.vacuum();
        bad[3] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> c.steadyState(bad, 10, 1e-9));
        assertEquals("state[3] must be finite: NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.coherentState(new double[3]));
        assertEquals("field must have length 2L = 4: 3", e.getMessage());
        assertThrows(NullPointerException.class, () -> CumulantExpansion.of(null));
    }

    /** In a stationary (fixed-point) case the window average equals the steady state. */
    @Test
    void timeAverageOfFixedPointIsTheFixedPoint() {
        BoseHubbardChain chain = BoseHubbardChain.builder(3).boundaryDrive(2.0).build();
        CumulantExpansion c = CumulantExpansion.of(chain).withTolerances(1e-11, 1e-11);
        CumulantExpansion.Result s = c.steadyState(c.vacuum(), 3000, 1e-11);
        assertTrue(s.converged(1e-11));
        CumulantExpansion.Result a = c.timeAverage(s.finalState(), 0, 20, 0.5);
        assertEquals(41, a.samples()); // 0, 0.5, ..., 20
        for (int l = 0; l < 3; l++) {
            assertEquals(s.photonNumber(l), a.photonNumber(l), 1e-8);
            assertEquals(s.numberFluctuation(l), a.numberFluctuation(l), 1e-8);
        }
        assertTrue(a.halfWindowDifference() < 1e-8);
    }

    /**
     * A lossless single site at U = 0 from the vacuum oscillates with a known closed form:
     * \( \alpha(t) = (F/\Delta)(1 - e^{i\Delta t}) \), so \( n(t) = 2(F/\Delta)^2
     * (1 - \cos\Delta t) \) and \( \delta n = 0 \) (N = M = 0 at U = 0). Its time average over
     * \( [t_0, t_0 + W] \) is \( 2(F/\Delta)^2[1 - (\sin\Delta(t_0 + W) - \sin\Delta t_0)
     * / (\Delta W)] \). The old sampling (absolute multiples of h plus both ends, equally
     * weighted) was biased by O(h/W): about 1 % here.
     */
    @ParameterizedTest(name = "transient {0}, window {1}, h {2}")
    @CsvSource({
        // whole periods (10) with h dividing the period: the trapezoid rule is exact
        "0.3, 100, 0.5, 1e-7",
        "0, 50, 0.25, 1e-7",
        // window not a multiple of h: composite trapezoid bound h^2 max|n''| / 12 = h^2 F^2 / 6
        "0.37, 63.1, 0.1, 1.7e-3",
        "2.9, 31.47, 0.05, 4.2e-4"})
    void timeAverageOfAnOscillationIsItsExactMean(double t0, double w, double h, double tol) {
        double f = 1.0;
        double delta = 2 * Math.PI / 10;
        BoseHubbardChain chain = BoseHubbardChain.builder(1).boundaryLoss(0).interaction(0)
            .detuning(delta).boundaryDrive(f).build();
        CumulantExpansion c = CumulantExpansion.of(chain).withTolerances(1e-12, 1e-12);
        CumulantExpansion.Result r = c.timeAverage(c.vacuum(), t0, w, h);
        double a2 = (f / delta) * (f / delta);
        double exact = 2 * a2 * (1 - (Math.sin(delta * (t0 + w)) - Math.sin(delta * t0))
            / (delta * w));
        assertEquals(exact, r.photonNumber(0), tol, "mean of n");
        assertEquals(0, r.numberFluctuation(0), 1e-9, "delta n");
        // samples t0 + k h for k = 0..floor(W/h), plus the end if W is not a multiple of h
        long grid = (long) Math.floor(w / h + 1e-9) + 1;
        boolean aligned = Math.abs(w / h - Math.rint(w / h)) < 1e-9;
        assertEquals(aligned ? grid : grid + 1, r.samples());
        assertEquals(t0 + w, r.time(), 1e-12);
    }

    /** Gross-Pitaevskii fixed point (Eq. 35) from the vacuum, via the chain's own drift. */
    private static double[] grossPitaevskii(BoseHubbardChain chain) {
        int n = chain.dimension();
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return n;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double[] out = new double[n];
                chain.drift(ChainLimit.GROSS_PITAEVSKII, y, out, 1);
                return out;
            }
        };
        DormandPrince853Integrator in = new DormandPrince853Integrator(1e-12, 10, 1e-12, 1e-12);
        return in.integrate(ode, new ODEState(0, new double[n]), 1000).getPrimaryState();
    }

    /** psi <- exp(-i G t) psi by Taylor series on sub-steps of 0.05 (to round-off). */
    private static void expMinusI(SparseOperator g, double t, double[] re, double[] im) {
        int d = re.length;
        int sub = (int) Math.ceil(t / 0.05);
        double h = t / sub;
        double[] tr = new double[d];
        double[] ti = new double[d];
        double[] ur = new double[d];
        double[] ui = new double[d];
        for (int s = 0; s < sub; s++) {
            System.arraycopy(re, 0, tr, 0, d);
            System.arraycopy(im, 0, ti, 0, d);
            for (int k = 1; k < 60; k++) {
                g.apply(tr, ti, ur, ui);
                double norm = 0;
                for (int i = 0; i < d; i++) {
                    // term_k = (-i h / k) G term_{k-1}
                    double vr = h / k * ui[i];
                    double vi = -h / k * ur[i];
                    tr[i] = vr;
                    ti[i] = vi;
                    re[i] += vr;
                    im[i] += vi;
                    norm += vr * vr + vi * vi;
                }
                if (norm < 1e-34) {
                    break;
                }
            }
        }
    }
}
