package org.ness4j.sde.srk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stored tableaus against the strong order 1.5 conditions of Rößler (2010) (as listed by
 * Rackauckas and Nie 2018), and the stability polynomials of their drift parts on the imaginary
 * axis.
 *
 * <p>Tolerance 1e-12: SRA1, SRA3 and SRIW1 are rationals (rounding only, residuals below
 * 2e-16); SOSRA and SOSRI are published as 16-17 significant-digit decimals with entries up to
 * 17.5 in magnitude, so rounding the published values contributes at most about
 * 17.5 x 2 x 1.1e-16 x (number of products) ~ 1e-14 per condition; the measured residuals are
 * below 1e-15. A tableau with a single coefficient wrong in its 12th digit would fail.
 */
class TableauOrderConditionsTest {

    private static final double TOL = 1e-12;

    static Stream<SraTableau> sra() {
        return Stream.of(SraTableau.sra1(), SraTableau.sra3(), SraTableau.sosra());
    }

    static Stream<SriTableau> sri() {
        return Stream.of(SriTableau.sriw1(), SriTableau.sosri());
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] mul(double[][] a, double[] v) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = dot(a[i], v);
        }
        return r;
    }

    private static double[] sq(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = v[i] * v[i];
        }
        return r;
    }

    private static double[] ones(int s) {
        double[] e = new double[s];
        java.util.Arrays.fill(e, 1.0);
        return e;
    }

    @ParameterizedTest
    @MethodSource("sra")
    void sraTableauSatisfiesTheStrongOrder15Conditions(SraTableau t) {
        double[] e = ones(t.stages());
        double[] a = t.alpha();
        double[] b1 = t.beta1();
        double[] b2 = t.beta2();
        double[] c1 = t.c1();
        double[] b0e = mul(t.b0(), e);
        double[][] lhsRhs = {
            {dot(a, e), 1},
            {dot(b1, e), 1},
            {dot(b2, e), 0},
            {dot(a, b0e), 1},
            {dot(a, mul(t.a0(), e)), 0.5},
            {dot(a, sq(b0e)), 1.5},
            {dot(b1, c1), 1},
            {dot(b2, c1), -1},
        };
        for (int k = 0; k < lhsRhs.length; k++) {
            assertEquals(lhsRhs[k][1], lhsRhs[k][0], TOL, t + " condition " + (k + 1));
        }
        double[] a0e = mul(t.a0(), e);
        for (int i = 0; i < e.length; i++) {
            assertEquals(a0e[i], t.c0()[i], TOL, t + " c0 = A0 e at stage " + (i + 1));
        }
    }

    @ParameterizedTest
    @MethodSource("sri")
    void sriTableauSatisfiesTheStrongOrder15Conditions(SriTableau t) {
        double[] e = ones(t.stages());
        double[] a = t.alpha();
        double[][] b = {t.beta1(), t.beta2(), t.beta3(), t.beta4()};
        double[][] a0 = t.a0();
        double[][] a1 = t.a1();
        double[] b1e = mul(t.b1(), e);
        double[] b0e = mul(t.b0(), e);
        double[] b1b1e = mul(t.b1(), b1e);
        double[] a1e = mul(a1, e);
        double[] a1b0e = mul(a1, b0e);
        double[][] lhsRhs = {
            {dot(a, e), 1},
            {dot(b[0], e), 1},
            {dot(b[1], e), 0},
            {dot(b[2], e), 0},
            {dot(b[3], e), 0},
            {dot(b[0], b1e), 0},
            {dot(b[1], b1e), 1},
            {dot(b[2], b1e), 0},
            {dot(b[3], b1e), 0},
            {dot(a, mul(a0, e)), 0.5},
            {dot(a, b0e), 1},
            {dot(a, sq(b0e)), 1.5},
            {dot(b[0], a1e), 1},
            {dot(b[1], a1e), 0},
            {dot(b[2], a1e), -1},
            {dot(b[3], a1e), 0},
            {dot(b[0], sq(b1e)), 1},
            {dot(b[1], sq(b1e)), 0},
            {dot(b[2], sq(b1e)), -1},
            {dot(b[3], sq(b1e)), 2},
            {dot(b[0], b1b1e), 0},
            {dot(b[1], b1b1e), 0},
            {dot(b[2], b1b1e), 0},
            {dot(b[3], b1b1e), 1},
            {0.5 * dot(b[0], a1b0e) + dot(b[2], a1b0e) / 3, 0},
        };
        for (int k = 0; k < lhsRhs.length; k++) {
            assertEquals(lhsRhs[k][1], lhsRhs[k][0], TOL, t + " condition " + (k + 1));
        }
        double[] a0e = mul(a0, e);
        for (int i = 0; i < e.length; i++) {
            assertEquals(a0e[i], t.c0()[i], TOL, t + " c0 = A0 e at stage " + (i + 1));
            assertEquals(a1e[i], t.c1()[i], TOL, t + " c1 = A1 e at stage " + (i + 1));
        }
    }

    @Test
    void aWrongCoefficientIsDetected() {
        double[] alpha = SraTableau.sra1().alpha();
        alpha[0] += 1e-10;
        SraTableau bad = SraTableau.of("bad", SraTableau.sra1().c0(), SraTableau.sra1().c1(),
            SraTableau.sra1().a0(), SraTableau.sra1().b0(), alpha, SraTableau.sra1().beta1(),
            SraTableau.sra1().beta2());
        double[] e = ones(2);
        assertTrue(Math.abs(dot(bad.alpha(), e) - 1) > TOL);
    }

    /**
     * |R(iy)|^2 of the drift part R(z) = 1 + z alpha^T (I - z A0)^{-1} e = sum_k alpha^T A0^k e
     * z^{k+1}, evaluated with complex arithmetic.
     */
    static double amplificationSquared(double[][] a0, double[] alpha, double y) {
        int s = alpha.length;
        double re = 1;
        double im = 0;
        double[] v = ones(s);
        // z^{k+1} = (iy)^{k+1}
        double pr = 0;
        double pi = y;
        for (int k = 0; k < s; k++) {
            double c = dot(alpha, v);
            re += c * pr;
            im += c * pi;
            double nr = -pi * y;
            double ni = pr * y;
            pr = nr;
            pi = ni;
            v = mul(a0, v);
        }
        return re * re + im * im;
    }

    @Test
    void onlySra3IsStableOnAPartOfTheImaginaryAxis() {
        SraTableau sra3 = SraTableau.sra3();
        for (int k = 1; k <= 1000; k++) {
            double y = Math.sqrt(3) * k / 1000;
            double r2 = amplificationSquared(sra3.a0(), sra3.alpha(), y);
            // exact: 1 - y^4/12 + y^6/36
            assertEquals(1 - Math.pow(y, 4) / 12 + Math.pow(y, 6) / 36, r2, 1e-13, "y = " + y);
            assertTrue(r2 <= 1 + 1e-13, "SRA3 |R(iy)| > 1 at y = " + y);
        }
        assertTrue(amplificationSquared(sra3.a0(), sra3.alpha(), 1.8) > 1);
        double y = 0.1;
        SraTableau sra1 = SraTableau.sra1();
        assertEquals(1 + Math.pow(y, 4) / 4, amplificationSquared(sra1.a0(), sra1.alpha(), y),
            1e-15);
        SraTableau sosra = SraTableau.sosra();
        double c3 = 0.025024459226717772 * 4.1609142252828395 * 0.6923962376159507;
        assertEquals(1 + (0.25 - 2 * c3) * Math.pow(y, 4) + c3 * c3 * Math.pow(y, 6),
            amplificationSquared(sosra.a0(), sosra.alpha(), y), 1e-15);
        SriTableau sriw1 = SriTableau.sriw1();
        assertEquals(1 + Math.pow(y, 4) / 4, amplificationSquared(sriw1.a0(), sriw1.alpha(), y),
            1e-15);
        SriTableau sosri = SriTableau.sosri();
        double r2 = amplificationSquared(sosri.a0(), sosri.alpha(), y);
        assertEquals(0.0764, (r2 - 1) / Math.pow(y, 4), 5e-4, "SOSRI y^4 coefficient");
    }
}
