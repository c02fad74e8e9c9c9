package org.ness4j.sde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.sde.srk.Sra;
import org.ness4j.sde.srk.Sri;

/**
 * Scalar and non-diagonal noise: the schemes' sparse noise terms against a dense matrix
 * computation, refusals following the declared noise kinds, and consistency checks of a
 * problem's noise declarations.
 */
class NoiseStructureTest {

    /** A random sparse n x m pattern and a state-dependent problem using it (seeded). */
    static Stream<Arguments> randomPatterns() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20L);
        return Stream.generate(() -> {
            int n = 1 + rng.nextInt(4);
            int m = 1 + rng.nextInt(4);
            java.util.List<int[]> nz = new java.util.ArrayList<>();
            for (int j = 0; j < m; j++) {
                int first = rng.nextInt(n);
                nz.add(new int[] {first, j});
                for (int i = 0; i < n; i++) {
                    if (i != first && rng.nextBoolean()) {
                        nz.add(new int[] {i, j});
                    }
                }
            }
            java.util.Collections.shuffle(nz, new java.util.Random(rng.nextLong()));
            int[] rows = nz.stream().mapToInt(a -> a[0]).toArray();
            int[] cols = nz.stream().mapToInt(a -> a[1]).toArray();
            return Arguments.of(n, m, rows, cols, rng.nextLong());
        }).limit(20);
    }

    /** G_k(x) = (1 + k) * (0.3 + sin(x_row + k)) for nonzero k; drift f_i = -x_i + cos(t). */
    private static SmallSdeProblem problem(int n, int[] rows, int[] cols, int m, Calculus c) {
        return SmallSdeProblem.builder(n)
            .drift((t, x, f) -> {
                for (int i = 0; i < n; i++) {
                    f[i] = -x[i] + Math.cos(t);
                }
            })
            .noise(NoiseKind.NON_DIAGONAL, NoiseMatrix.sparse(n, m, rows, cols), (t, x, g) -> {
                for (int k = 0; k < rows.length; k++) {
                    g[k] = (1 + k) * (0.3 + Math.sin(x[rows[k]] + k));
                }
            })
            .calculus(c).initialState(new double[n]).build();
    }

    @ParameterizedTest
    @MethodSource("randomPatterns")
    void eulerAndHeunStepsEqualTheDenseMatrixFormulas(int n, int m, int[] rows, int[] cols,
                                                      long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int batch = 3;
        double h = 0.1;
        double t = 0.4;
        double[] x = new double[n * batch];
        double[] dW = new double[m * batch];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() * 2 - 1;
        }
        for (int i = 0; i < dW.length; i++) {
            dW[i] = (rng.nextDouble() - 0.5) * 0.6;
        }
        String msg = "n=" + n + " m=" + m + " rows=" + java.util.Arrays.toString(rows)
            + " cols=" + java.util.Arrays.toString(cols);
        for (Calculus c : Calculus.values()) {
            SmallSdeProblem p = problem(n, rows, cols, m, c);
            SdeAlgorithm scheme = c == Calculus.ITO ? EulerMaruyama.create() : Heun.create();
            double[] y = x.clone();
            scheme.stepper(p, batch).step(t, h, y, dW);
            for (int b = 0; b < batch; b++) {
                double[] xb = lane(x, n, batch, b);
                double[] wb = lane(dW, m, batch, b);
                double[] expected = add(xb, f(xb, t), h, gdw(rows, cols, n, xb, wb), 1);
                if (c == Calculus.STRATONOVICH) {
                    double[] pred = expected;
                    double[] fs = add(f(xb, t), f(pred, t + h), 1, new double[n], 0);
                    double[] gs = add(gdw(rows, cols, n, xb, wb), gdw(rows, cols, n, pred, wb), 1,
                        new double[n], 0);
                    expected = add(xb, fs, h / 2, gs, 0.5);
                }
                assertArrayEquals(expected, lane(y, n, batch, b), 1e-14, scheme + " " + msg);
            }
        }
    }

    private static double[] lane(double[] v, int rows, int batch, int b) {
        double[] r = new double[rows];
        for (int i = 0; i < rows; i++) {
            r[i] = v[i * batch + b];
        }
        return r;
    }

    private static double[] f(double[] x, double t) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = -x[i] + Math.cos(t);
        }
        return r;
    }

    /** G(x) dW with G assembled densely from the nonzeros. */
    private static double[] gdw(int[] rows, int[] cols, int n, double[] x, double[] w) {
        double[][] g = new double[n][w.length];
        for (int k = 0; k < rows.length; k++) {
            g[rows[k]][cols[k]] = (1 + k) * (0.3 + Math.sin(x[rows[k]] + k));
        }
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < w.length; j++) {
                r[i] += g[i][j] * w[j];
            }
        }
        return r;
    }

    private static double[] add(double[] a, double[] b, double cb, double[] c, double cc) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] + cb * b[i] + cc * c[i];
        }
        return r;
    }

    @Test
    void schemesRefuseNoiseKindsTheyDoNotDeclare() {
        SdeProblem general = StandardProblems.nonDiagonalLinear(Calculus.ITO);
        SdeProblem scalar = StandardProblems.scalarNoiseLinear(Calculus.ITO);
        SdeProblem additive = StandardProblems.nonDiagonalAdditive();
        for (SdeAlgorithm a : new SdeAlgorithm[] {Sri.sriw1(), Sri.sosri(), Sra.sra1(),
            RkMilstein.create()}) {
            for (SdeProblem p : new SdeProblem[] {general, scalar, additive}) {
                if (a.noiseKinds().contains(p.noiseKind())) {
                    a.stepper(p, 2);
                    continue;
                }
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> a.stepper(p, 2), a + " on " + p);
                assertTrue(e.getMessage().startsWith(a.name() + " does not support "
                    + p.noiseKind()), e.getMessage());
                assertTrue(e.getMessage().contains("use EulerMaruyama"), e.getMessage());
            }
        }
        assertTrue(Sra.sra1().noiseKinds().contains(NoiseKind.NON_DIAGONAL_ADDITIVE));
        assertFalse(Sri.sriw1().noiseKinds().contains(NoiseKind.SCALAR));
        // the calculus check covers every state-dependent kind
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Heun.create().stepper(general, 1));
        assertTrue(e.getMessage().contains("ITO calculus"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EulerMaruyama.create().stepper(
            StandardProblems.scalarNoiseLinear(Calculus.STRATONOVICH), 1));
        assertTrue(e.getMessage().contains("STRATONOVICH calculus"), e.getMessage());
    }

    @Test
    void declaredOrdersPerNoiseKind() {
        assertEquals(0.5, EulerMaruyama.create().strongOrder(NoiseKind.NON_DIAGONAL));
        assertEquals(1.0, EulerMaruyama.create().strongOrder(NoiseKind.NON_DIAGONAL_ADDITIVE));
        assertEquals(0.5, Heun.create().strongOrder(NoiseKind.NON_DIAGONAL));
        assertEquals(1.0, Heun.create().strongOrder(NoiseKind.SCALAR));
        assertEquals(2.0, Heun.create().weakOrder(NoiseKind.NON_DIAGONAL_ADDITIVE));
        assertEquals(1.5, Sra.sra1().strongOrder(NoiseKind.NON_DIAGONAL_ADDITIVE));
    }

    @Test
    void inconsistentNoiseDeclarationsAreRefusedBeforeRunning() {
        SmallSdeProblem.Builder b = SmallSdeProblem.builder(2).drift((t, x, f) -> { })
            .initialState(0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> b.noise(NoiseKind.DIAGONAL, NoiseMatrix.dense(2, 2), (t, x, g) -> { })
                .build());
        assertTrue(e.getMessage().contains("declare NoiseKind.NON_DIAGONAL"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> b.noise(NoiseKind.SCALAR, NoiseMatrix.dense(2, 2), (t, x, g) -> { }).build());
        assertTrue(e.getMessage().startsWith("SCALAR noise has one Wiener process"),
            e.getMessage());
        // a hand-written problem whose noiseComponents() does not count the Wiener processes
        SmallSdeProblem good = StandardProblems.nonDiagonalAdditive();
        SdeProblem bad = new SdeProblem() {
            public int dimension() {
                return 3;
            }

            public int[] noiseComponents() {
                return new int[] {0, 1, 2};
            }

            public NoiseKind noiseKind() {
                return NoiseKind.NON_DIAGONAL_ADDITIVE;
            }

            public NoiseMatrix noiseMatrix() {
                return good.noiseMatrix();
            }

            public void drift(double t, double[] x, double[] out, int batch) {
                good.drift(t, x, out, batch);
            }

            public void diffusion(double t, double[] x, double[] out, int batch) {
                good.diffusion(t, x, out, batch);
            }

            public void initialState(
                org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler g,
                double[] x, int batch, int lane) {
                good.initialState(g, x, batch, lane);
            }
        };
        e = assertThrows(IllegalArgumentException.class,
            () -> EulerMaruyama.create().stepper(bad, 1));
        assertTrue(e.getMessage().contains("3 channels but noiseMatrix() has 2 columns"),
            e.getMessage());
    }

    @Test
    void noiseMatrixValidatesItsPattern() {
        assertThrows(IllegalArgumentException.class,
            () -> NoiseMatrix.sparse(2, 2, new int[] {0, 0}, new int[] {1, 1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> NoiseMatrix.sparse(2, 2, new int[] {0}, new int[] {0}));
        assertEquals("Wiener process (column) 1 drives no component", e.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> NoiseMatrix.sparse(2, 1, new int[] {2}, new int[] {0}));
        assertTrue(NoiseMatrix.diagonal(3, new int[] {0, 2}).isDiagonal());
        assertFalse(NoiseMatrix.scalar(3, new int[] {0, 2}).isDiagonal());
        assertArrayEquals(new int[] {1, 0}, NoiseMatrix.sparse(3, 2, new int[] {2, 1, 0},
            new int[] {0, 0, 1}).channelComponents());
        assertEquals(6, NoiseMatrix.dense(3, 2).nonzeros());
    }
}
