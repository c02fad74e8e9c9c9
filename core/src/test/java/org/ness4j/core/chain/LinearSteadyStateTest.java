package org.ness4j.core.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.complex.Complex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link BoseHubbardChain#linearSteadyState()} for long chains, against an independent solution
 * of the complex tridiagonal system written here (Thomas algorithm in Hipparchus complex
 * arithmetic). Until the condition estimate replaced EJML's LU quality (a product of 2L pivots
 * that underflows), every chain with L &gt;= 70 was refused as singular.
 */
class LinearSteadyStateTest {

    /**
     * Solves \( [i\Delta - \kappa_\ell/2]\alpha_\ell + iJ(\alpha_{\ell-1} + \alpha_{\ell+1})
     * = iF_\ell \) by forward elimination and back substitution on the complex tridiagonal
     * matrix (no pivoting: inside the band the elimination is an elliptic Moebius map and its
     * pivots stay away from zero; the residual is checked by the caller).
     */
    private static Complex[] thomas(BoseHubbardChain c) {
        int n = c.length();
        Complex off = new Complex(0, c.hopping());
        Complex[] cPrime = new Complex[n];
        Complex[] dPrime = new Complex[n];
        for (int l = 0; l < n; l++) {
            Complex diag = new Complex(-0.5 * c.lossRate(l), c.detuning());
            Complex rhs = new Complex(0, c.drive(l));
            if (l > 0) {
                diag = diag.subtract(off.multiply(cPrime[l - 1]));
                rhs = rhs.subtract(off.multiply(dPrime[l - 1]));
            }
            cPrime[l] = off.divide(diag);
            dPrime[l] = rhs.divide(diag);
        }
        Complex[] alpha = new Complex[n];
        alpha[n - 1] = dPrime[n - 1];
        for (int l = n - 2; l >= 0; l--) {
            alpha[l] = dPrime[l].subtract(cPrime[l].multiply(alpha[l + 1]));
        }
        return alpha;
    }

    private static double abs(Complex z) {
        return Math.hypot(z.getReal(), z.getImaginary());
    }

    /** Max-norm residual of the complex equations, relative to the largest term. */
    private static double residual(BoseHubbardChain c, Complex[] alpha) {
        double worst = 0;
        double scale = 0;
        for (int l = 0; l < c.length(); l++) {
            Complex sum = alpha[l].multiply(new Complex(-0.5 * c.lossRate(l), c.detuning()));
            Complex nb = Complex.ZERO;
            if (l > 0) {
                nb = nb.add(alpha[l - 1]);
            }
            if (l + 1 < c.length()) {
                nb = nb.add(alpha[l + 1]);
            }
            sum = sum.add(nb.multiply(new Complex(0, c.hopping())))
                .subtract(new Complex(0, c.drive(l)));
            worst = Math.max(worst, abs(sum));
            scale = Math.max(scale, abs(alpha[l]));
        }
        return worst / scale;
    }

    @ParameterizedTest(name = "L = {0}")
    @ValueSource(ints = {70, 100, 200, 400})
    void longPaperChainMatchesIndependentTridiagonalSolve(int length) {
        // the paper's chain: boundary drive F = 7.5, boundary loss 1, Delta = 2.5, J = 2;
        // plus intrinsic loss variant below
        BoseHubbardChain chain = BoseHubbardChain.builder(length).boundaryDrive(7.5)
            .interaction(0).build();
        compare(chain);
        compare(chain.toBuilder().intrinsicLoss(0.01).driveAt(length / 2, -1.5).build());
        compare(chain.mirrored());
    }

    private static void compare(BoseHubbardChain chain) {
        Complex[] expected = thomas(chain);
        double res = residual(chain, expected);
        assertTrue(res < 1e-12, "independent solution residual " + res + " for " + chain.length());
        double[] alpha = chain.linearSteadyState();
        double[] n = chain.linearSteadyStateDensities();
        assertEquals(2 * chain.length(), alpha.length);
        assertEquals(chain.length(), n.length);
        double scale = 0;
        for (Complex a : expected) {
            scale = Math.max(scale, abs(a));
        }
        for (int l = 0; l < chain.length(); l++) {
            String where = "L = " + chain.length() + ", site " + l;
            // condition number a few hundred: 1e-10 relative is far above rounding
            assertEquals(expected[l].getReal(), alpha[2 * l], 1e-10 * scale, where);
            assertEquals(expected[l].getImaginary(), alpha[2 * l + 1], 1e-10 * scale, where);
            double nl = abs(expected[l]) * abs(expected[l]);
            assertEquals(nl, n[l], 1e-9 * scale * scale, where);
        }
    }

    @Test
    void densitiesIgnoreTheInteraction() {
        // documented: for U != 0 the result is the linear (U = 0) part
        BoseHubbardChain kerr = BoseHubbardChain.builder(150).boundaryDrive(7.5).build();
        BoseHubbardChain linear = kerr.toBuilder().interaction(0).build();
        assertEquals(0.1, kerr.interaction());
        assertArrayEquals(linear.linearSteadyStateDensities(), kerr.linearSteadyStateDensities(), 0);
        assertArrayEquals(linear.linearSteadyState(), kerr.linearSteadyState(), 0);
    }

    @Test
    void singularSystemIsRefused() {
        // no loss, Delta on resonance with the normal mode (1, -1) of the two-site chain
        BoseHubbardChain resonant = BoseHubbardChain.builder(2).boundaryLoss(0).detuning(2)
            .hopping(2).interaction(0).boundaryDrive(1).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
            resonant::linearSteadyState);
        assertTrue(e.getMessage().contains("singular"), e.getMessage());
        assertThrows(IllegalStateException.class, resonant::linearSteadyStateDensities);
        BoseHubbardChain zero = BoseHubbardChain.builder(1).boundaryLoss(0).detuning(0)
            .boundaryDrive(1).build();
        assertThrows(IllegalStateException.class, zero::linearSteadyState);
    }

    @Test
    void conditionLimitSeparatesNearlyResonantChains() {
        // lossless two-site chain detuned by delta from the resonance Delta = J: the 1-norm
        // condition number is about (|Delta| + |J|) / delta, so delta = 1e-14 (about 4e14) is
        // refused and delta = 1e-8 (about 4e8) is solved, and accurately
        BoseHubbardChain.Builder b = BoseHubbardChain.builder(2).boundaryLoss(0).hopping(2)
            .interaction(0).boundaryDrive(1);
        BoseHubbardChain near = b.detuning(2 + 1e-14).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
            near::linearSteadyState);
        assertTrue(e.getMessage().contains("condition estimate"), e.getMessage());
        BoseHubbardChain ok = b.detuning(2 + 1e-8).build();
        double[] alpha = ok.linearSteadyState();
        Complex[] expected = thomas(ok);
        for (int l = 0; l < 2; l++) {
            double scale = abs(expected[l]);
            assertEquals(expected[l].getReal(), alpha[2 * l], 1e-6 * scale);
            assertEquals(expected[l].getImaginary(), alpha[2 * l + 1], 1e-6 * scale);
        }
    }
}
