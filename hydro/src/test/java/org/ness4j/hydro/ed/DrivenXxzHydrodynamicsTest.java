package org.ness4j.hydro.ed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DrivenXxzHydrodynamicsTest {

    private static XxzSpectrum small;
    private static XxzSpectrum n8;

    @BeforeAll
    static void setUp() {
        small = XxzSpectrum.compute(new XxzChain(6, 1.0, 0.7, 0.3));
        n8 = XxzSpectrum.compute(XxzChain.paper(8));
    }

    /** Seeded random (l1, l2, gamma) triples. */
    static Stream<double[]> randomInputs() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20261122L);
        return IntStream.range(0, 8).mapToObj(i -> new double[] {
            rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble()});
    }

    @ParameterizedTest
    @MethodSource("randomInputs")
    void forcesAndNoiseMatchDenseLindbladCalculation(double[] in) {
        double l1 = in[0];
        double l2 = in[1];
        double gamma = in[2];
        GibbsPoint p = new DrivenXxzHydrodynamics(small, gamma).at(l1, l2);
        double[][] ref = DenseReference.forcesAndNoise(small.chain(), gamma, l1, l2);
        String msg = "input l1=" + l1 + " l2=" + l2 + " gamma=" + gamma;
        assertEquals(ref[0][0], p.m(), 1e-12, msg);
        assertEquals(ref[0][1], p.e(), 1e-12, msg);
        assertEquals(ref[1][0], p.force()[0], 1e-11, msg);
        assertEquals(ref[1][1], p.force()[1], 1e-11, msg);
        assertEquals(ref[2][0], p.noise()[0][0], 1e-11, msg);
        assertEquals(ref[2][1], p.noise()[0][1], 1e-11, msg);
        assertEquals(ref[2][2], p.noise()[1][1], 1e-11, msg);
    }

    @ParameterizedTest
    @MethodSource("randomInputs")
    void infiniteTemperatureLimitIsAnalytic(double[] in) {
        double l1 = 2 * in[0];
        double gamma = in[2];
        GibbsPoint p = new DrivenXxzHydrodynamics(n8, gamma).at(l1, 0);
        double m = -Math.tanh(l1);
        String msg = "input l1=" + l1 + " gamma=" + gamma;
        assertEquals(m, p.m(), 1e-12, msg);
        // f1 = 2 eps J (gamma/4 (1-m^2) - (1-gamma)) m: twice the toy force of App. A.1
        assertEquals(2 * (gamma / 4 * (1 - m * m) - (1 - gamma)) * m, p.force()[0], 1e-12, msg);
        // N11 = 4 Gamma + 4 eps J gamma <P P P + P P P> = 4 eps J [(1-gamma) + gamma (1-m^2)/4]
        assertEquals(4 * ((1 - gamma) + gamma * (1 - m * m) / 4), p.noise()[0][0], 1e-12, msg);
    }

    @Test
    void spinFlipNoiseIsFourGammaPerSiteAtAnyState() {
        DrivenXxzHydrodynamics h = new DrivenXxzHydrodynamics(n8, 0.0);
        for (double l2 : new double[] {-0.7, 0, 0.4}) {
            assertEquals(4.0, h.at(0.3, l2).noise()[0][0], 1e-12, "l2=" + l2);
        }
    }

    @ParameterizedTest
    @MethodSource("randomInputs")
    void lagrangeMapRoundTrips(double[] in) {
        DrivenXxzHydrodynamics h = new DrivenXxzHydrodynamics(n8, 0.9);
        GibbsPoint target = h.at(2 * in[0], 2 * in[1]);
        GibbsPoint back = h.solve(target.m(), target.e(), 1e-11);
        String msg = "input l1=" + 2 * in[0] + " l2=" + 2 * in[1];
        assertNotNull(back, msg);
        assertEquals(target.lambda1(), back.lambda1(), 1e-6, msg);
        assertEquals(target.lambda2(), back.lambda2(), 1e-6, msg);
    }

    @Test
    void unreachableTargetGivesNull() {
        DrivenXxzHydrodynamics h = new DrivenXxzHydrodynamics(n8, 0.9);
        assertEquals(null, h.solve(0.0, 5.0, 1e-10));
    }

    @Test
    void forceGradientMatchesFiniteDifferences() {
        DrivenXxzHydrodynamics h = new DrivenXxzHydrodynamics(n8, 0.9);
        GibbsPoint p = h.at(-0.3, -0.4);
        double d = 1e-6;
        for (int j = 0; j < 2; j++) {
            GibbsPoint a = h.at(-0.3 + (j == 0 ? d : 0), -0.4 + (j == 1 ? d : 0));
            GibbsPoint b = h.at(-0.3 - (j == 0 ? d : 0), -0.4 - (j == 1 ? d : 0));
            for (int i = 0; i < 2; i++) {
                assertEquals((a.force()[i] - b.force()[i]) / (2 * d), p.forceGradient()[i][j], 1e-7);
            }
            assertEquals(-(a.m() - b.m()) / (2 * d), p.covariance()[0][j], 1e-7);
            assertEquals(-(a.e() - b.e()) / (2 * d), p.covariance()[1][j], 1e-7);
        }
    }

    @Test
    void fixedPointsAtPaperGammaAndInBistableRegime() {
        // Literal parameters of Fig. 2 (gamma = 0.9): one stable symmetric point, e ~ 0.53.
        List<FixedPoint> fp = new DrivenXxzHydrodynamics(n8, 0.9).fixedPoints();
        assertEquals(1, fp.size(), fp.toString());
        assertEquals(0.0, fp.get(0).point().m(), 1e-9);
        assertEquals(0.537, fp.get(0).point().e(), 0.01);
        assertTrue(fp.get(0).stable());
        // gamma = 0.96: the paper's topology (two stable, one unstable at m = 0)
        List<FixedPoint> fp2 = new DrivenXxzHydrodynamics(n8, 0.96).fixedPoints();
        assertEquals(3, fp2.size(), fp2.toString());
        assertTrue(fp2.get(0).stable() && !fp2.get(1).stable() && fp2.get(2).stable());
        assertEquals(-fp2.get(0).point().m(), fp2.get(2).point().m(), 1e-8);
        // the unstable manifold of m = 0 runs along m; a positive displacement moves to m > 0
        // (the direction used to come from comparing two rounding-level matrix entries)
        DrivenXxzHydrodynamics h = new DrivenXxzHydrodynamics(n8, 0.96);
        GibbsPoint up = h.unstableStart(fp2.get(1), 0.01);
        GibbsPoint down = h.unstableStart(fp2.get(1), -0.01);
        assertEquals(0.01, up.m(), 1e-4, up.toString());
        assertEquals(-0.01, down.m(), 1e-4, down.toString());
        assertEquals(up.e(), down.e(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> new XxzChain(16, 1, 1, 0));
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new DrivenXxzHydrodynamics(n8, Double.NaN));
        assertTrue(e.getMessage().contains("gamma") && e.getMessage().contains("NaN"));
        assertThrows(IllegalArgumentException.class, () -> new XxzChain(3, 1, 1, 0));
    }

    /** Brute-force dense reference: full 2^N matrices, explicit adjoint Lindbladian. */
    static final class DenseReference {
        private DenseReference() {
        }

        static double[][] forcesAndNoise(XxzChain chain, double gamma, double l1, double l2) {
            int n = chain.sites();
            int dim = 1 << n;
            double[][] h = new double[dim][dim];
            double[][] q1 = new double[dim][dim];
            for (int s = 0; s < dim; s++) {
                h[s][s] = chain.diagonal(s);
                q1[s][s] = 2 * Integer.bitCount(s) - n;
                for (int j = 0; j < n; j++) {
                    int a = (j + 1) % n;
                    if (((s >> j) & 1) != ((s >> a) & 1)) {
                        h[s ^ (1 << j) ^ (1 << a)][s] += chain.exchange();
                    }
                    int b = (j + 2) % n;
                    if (((s >> j) & 1) != ((s >> b) & 1)) {
                        h[s ^ (1 << j) ^ (1 << b)][s] += chain.nextNearest();
                    }
                }
            }
            DMatrixRMaj gen = new DMatrixRMaj(dim, dim);
            for (int r = 0; r < dim; r++) {
                for (int c = 0; c < dim; c++) {
                    gen.set(r, c, l1 * q1[r][c] + l2 * h[r][c]);
                }
            }
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(dim, true, true);
            assertTrue(eig.decompose(gen));
            double min = Double.POSITIVE_INFINITY;
            for (int i = 0; i < dim; i++) {
                min = Math.min(min, eig.getEigenvalue(i).getReal());
            }
            double[][] rho = new double[dim][dim];
            double z = 0;
            for (int i = 0; i < dim; i++) {
                double[] v = eig.getEigenVector(i).getData();
                double nn = 0;
                for (double x : v) {
                    nn += x * x;
                }
                double w = Math.exp(min - eig.getEigenvalue(i).getReal());
                z += w;
                for (int r = 0; r < dim; r++) {
                    for (int c = 0; c < dim; c++) {
                        rho[r][c] += w * v[r] * v[c] / nn;
                    }
                }
            }
            for (double[] row : rho) {
                for (int c = 0; c < dim; c++) {
                    row[c] /= z;
                }
            }
            double[][][] ls = new double[2 * n][][];
            double[] w = new double[2 * n];
            for (int j = 0; j < n; j++) {
                double[][] sx = new double[dim][dim];
                double[][] l2m = new double[dim][dim];
                int left = (j + n - 1) % n;
                int right = (j + 1) % n;
                for (int s = 0; s < dim; s++) {
                    sx[s ^ (1 << j)][s] = 1;
                    boolean up = ((s >> j) & 1) == 1;
                    boolean ul = ((s >> left) & 1) == 1;
                    boolean ur = ((s >> right) & 1) == 1;
                    if (!up && ul && ur) {
                        l2m[s | (1 << j)][s] = 1;
                    } else if (up && !ul && !ur) {
                        l2m[s & ~(1 << j)][s] = 1;
                    }
                }
                ls[2 * j] = sx;
                w[2 * j] = chain.exchange() * (1 - gamma);
                ls[2 * j + 1] = l2m;
                w[2 * j + 1] = chain.exchange() * gamma;
            }
            double[][][] q = {q1, h};
            double[][][] dq = new double[2][][];
            double[] f = new double[2];
            for (int i = 0; i < 2; i++) {
                dq[i] = adjoint(ls, w, q[i]);
                f[i] = traceProduct(rho, dq[i]) / n;
            }
            double[] noise = new double[3];
            int k = 0;
            for (int i = 0; i < 2; i++) {
                for (int j = i; j < 2; j++) {
                    double[][] g = minus(minus(adjoint(ls, w, mul(q[i], q[j])), mul(dq[i], q[j])),
                        mul(q[i], dq[j]));
                    // real symmetric part: Tr[rho (g + g^T)/2]
                    noise[k++] = 0.5 * (traceProduct(rho, g) + traceProduct(rho, transpose(g))) / n;
                }
            }
            return new double[][] {{traceProduct(rho, q1) / n, traceProduct(rho, h) / n}, f, noise};
        }

        private static double[][] mul(double[][] a, double[][] b) {
            int d = a.length;
            double[][] out = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int k = 0; k < d; k++) {
                    double v = a[i][k];
                    if (v == 0) {
                        continue;
                    }
                    for (int j = 0; j < d; j++) {
                        out[i][j] += v * b[k][j];
                    }
                }
            }
            return out;
        }

        private static double[][] minus(double[][] a, double[][] b) {
            double[][] out = new double[a.length][a.length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a.length; j++) {
                    out[i][j] = a[i][j] - b[i][j];
                }
            }
            return out;
        }

        private static double[][] transpose(double[][] a) {
            double[][] out = new double[a.length][a.length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a.length; j++) {
                    out[j][i] = a[i][j];
                }
            }
            return out;
        }

        private static double traceProduct(double[][] a, double[][] b) {
            double t = 0;
            for (int i = 0; i < a.length; i++) {
                for (int k = 0; k < a.length; k++) {
                    t += a[i][k] * b[k][i];
                }
            }
            return t;
        }

        private static double[][] adjoint(double[][][] ls, double[] w, double[][] o) {
            int d = o.length;
            double[][] out = new double[d][d];
            for (int k = 0; k < ls.length; k++) {
                double[][] l = ls[k];
                double[][] ld = transpose(l);
                double[][] ldl = mul(ld, l);
                double[][] a = mul(mul(ld, o), l);
                double[][] b = mul(ldl, o);
                double[][] c = mul(o, ldl);
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        out[i][j] += w[k] * (a[i][j] - 0.5 * (b[i][j] + c[i][j]));
                    }
                }
            }
            return out;
        }
    }
}
