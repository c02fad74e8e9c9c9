package org.ness4j.core.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Weyl symbols of Fock projectors and Wigner functions of diagonal states. */
class FockStatesTest {

    @Test
    void lowOrderLaguerreClosedForms() {
        for (double a2 : new double[] {0, 0.1, 0.37, 1.0, 2.5, 7.0}) {
            double x = 4 * a2;
            double e = Math.exp(-x / 2);
            double[] l = {1, 1 - x, (x * x - 4 * x + 2) / 2, (-x * x * x + 9 * x * x - 18 * x + 6) / 6};
            double[] out = new double[4];
            FockStates.weylSymbols(a2, out);
            for (int n = 0; n < 4; n++) {
                double expected = 2 * ((n & 1) == 0 ? 1 : -1) * e * l[n];
                assertEquals(expected, FockStates.weylSymbol(n, a2), 1e-14, "n=" + n + " a2=" + a2);
                assertEquals(expected, out[n], 1e-14, "bulk n=" + n + " a2=" + a2);
            }
        }
        assertEquals(-2 / Math.PI, FockStates.wigner(1, 0), 1e-15);
        assertEquals(2 / Math.PI, FockStates.wigner(300, 0), 1e-13);
    }

    /**
     * Large n: exact rational evaluation of e^{-x/2} L_n(x) with 900-digit BigDecimal arithmetic
     * (the alternating series cancels catastrophically in doubles). The Laguerre function is
     * bounded by 1; forward recurrence error grows ~ n ulps, so 1e-11 absolute is generous.
     */
    @ParameterizedTest(name = "n={0} |alpha|^2={1}")
    @CsvSource({"300, 0.5", "300, 25", "300, 75.3", "300, 120", "500, 200", "500, 140",
        "200, 400", "500, 400", "120, 5.0"})
    void largeOrderAgainstExactArithmetic(int n, double abs2) {
        double x = 4 * abs2;
        MathContext mc = new MathContext(900);
        BigDecimal bx = new BigDecimal(x);
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal power = BigDecimal.ONE; // x^k / k!
        BigInteger binom = BigInteger.ONE; // C(n, k)
        for (int k = 0; k <= n; k++) {
            BigDecimal term = power.multiply(new BigDecimal(binom), mc);
            sum = (k & 1) == 0 ? sum.add(term, mc) : sum.subtract(term, mc);
            power = power.multiply(bx, mc).divide(BigDecimal.valueOf(k + 1L), mc);
            binom = binom.multiply(BigInteger.valueOf(n - k)).divide(BigInteger.valueOf(k + 1L));
        }
        // e^{-x/2}: exp of a double in BigDecimal via exp(-x/2) = exp(-x/2/m)^m with m = 2^10
        BigDecimal expo = bigExp(-x / 2, mc);
        double exact = 2 * ((n & 1) == 0 ? 1 : -1) * sum.multiply(expo, mc).doubleValue();
        double got = FockStates.weylSymbol(n, abs2);
        double[] bulk = new double[n + 1];
        FockStates.weylSymbols(abs2, bulk);
        assertEquals(exact, got, 1e-11, "n=" + n + " |alpha|^2=" + abs2);
        assertEquals(exact, bulk[n], 1e-11, "bulk n=" + n + " |alpha|^2=" + abs2);
    }

    private static BigDecimal bigExp(double y, MathContext mc) {
        BigDecimal t = new BigDecimal(y).divide(BigDecimal.valueOf(1024), mc);
        BigDecimal s = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int k = 1; k < 200; k++) {
            term = term.multiply(t, mc).divide(BigDecimal.valueOf(k), mc);
            s = s.add(term, mc);
        }
        return s.pow(1024, mc);
    }

    @Test
    void vacuumThermalAndPhaseAveragedCoherentStates() {
        FockDistribution vac = FockDistribution.fockState(0, 10);
        FockDistribution th = FockDistribution.thermal(40.0, 1500);
        double nb = 40.0;
        for (double a2 : new double[] {0, 0.3, 2, 10, 40, 120, 300}) {
            assertEquals(2 / Math.PI * Math.exp(-2 * a2), vac.wignerRadial(a2), 1e-15);
            double expected = 2 / Math.PI / (2 * nb + 1) * Math.exp(-2 * a2 / (2 * nb + 1));
            // the truncated thermal state misses weight (40/41)^1501 ~ 1e-16
            assertEquals(expected, th.wignerRadial(a2), 1e-14, "thermal at " + a2);
            assertTrue(th.wignerRadial(a2) > 0);
        }
        // phase-averaged coherent state |beta|^2 = 30: W = (2/pi) e^{-2(r^2+b^2)} I0(4 r b)
        double b2 = 30;
        FockDistribution coh = FockDistribution.poisson(b2, 400);
        for (double r2 : new double[] {0, 5, 25, 30, 36, 60}) {
            double y = 4 * Math.sqrt(r2 * b2);
            double expected = 2 / Math.PI * scaledI0(y) * Math.exp(y - 2 * (r2 + b2));
            assertEquals(expected, coh.wignerRadial(r2), 1e-13, "coherent at r^2=" + r2);
            assertTrue(coh.wignerRadial(r2) > 0, "phase-averaged coherent W > 0 at " + r2);
        }
    }

    /** I0(y) e^{-y} from the power series (y <= 200 here, 1e-16 relative). */
    private static double scaledI0(double y) {
        double term = Math.exp(-y);
        double s = term;
        for (int k = 1; k < 2000; k++) {
            term *= (y / 2) * (y / 2) / ((double) k * k);
            s += term;
            if (term < 1e-18 * s) {
                break;
            }
        }
        return s;
    }

    /**
     * Normalisation: int W d^2 alpha = pi int_0^inf W(u) du with u = |alpha|^2 (all states here
     * have W < 1e-20 beyond u = 200). Composite Simpson, error ~ h^4 max|W^(4)|: the oscillating
     * Fock-7 Wigner function dominates (measured 5e-7 at h = 0.01); with h = 1.25e-3 on [0, 50]
     * the bound is 5e-7/4096 ~ 1.2e-10, and h = 0.01 suffices on the smooth tail [50, 200].
     */
    @Test
    void wignerFunctionsAreNormalised() {
        FockDistribution[] states = {FockDistribution.fockState(0, 5),
            FockDistribution.fockState(7, 10), FockDistribution.thermal(3.0, 300),
            FockDistribution.poisson(20, 120),
            TwoPhotonDecayModel.builder().gammaUp(3).gammaDown(1).gammaS(0.05).cutoff(200).build()
                .steadyState()};
        for (FockDistribution s : states) {
            double total = simpson(s, 0, 50, 40000) + simpson(s, 50, 200, 15000);
            assertEquals(1.0, Math.PI * total, 1e-9, s.toString());
        }
    }

    private static double simpson(FockDistribution s, double a, double b, int m) {
        double h = (b - a) / m;
        double sum = s.wignerRadial(a) + s.wignerRadial(b);
        for (int k = 1; k < m; k++) {
            sum += (k % 2 == 1 ? 4 : 2) * s.wignerRadial(a + k * h);
        }
        return sum * h / 3;
    }

    @Test
    void wignerSamplesOfWeylSymbolsRecoverPopulations() {
        // Tr(rho |n><n|) = int W_rho (|n><n|)_W d^2alpha: for a diagonal state this reduces to
        // pi int W(u) weyl_n(u) du = p_n
        FockDistribution s = FockDistribution.thermal(2.0, 80);
        int m = 40000;
        double h = 80.0 / m;
        double[] w = new double[6];
        double[] acc = new double[6];
        for (int k = 0; k <= m; k++) {
            double u = k * h;
            FockStates.weylSymbols(u, w);
            double c = (k == 0 || k == m) ? 1 : (k % 2 == 1 ? 4 : 2);
            double wig = s.wignerRadial(u);
            for (int n = 0; n < 6; n++) {
                acc[n] += c * wig * w[n];
            }
        }
        for (int n = 0; n < 6; n++) {
            assertEquals(s.population(n), Math.PI * acc[n] * h / 3, 1e-9, "p_" + n);
        }
    }
}
