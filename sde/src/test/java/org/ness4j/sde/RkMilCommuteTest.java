package org.ness4j.sde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * {@link RkMilCommute}: the commutative-noise declaration ({@link SdeProblem#hasCommutativeNoise()})
 * and its refusal, and agreement with {@link RkMilstein} where both apply. Its strong order 1 on
 * commutative non-diagonal, scalar and diagonal noise is asserted in
 * {@link StandardProblemsConvergenceTest}.
 */
class RkMilCommuteTest {

    /** dX1 = dW1, dX2 = X1 dW2: L^1 G_2 = (0, 1) but L^2 G_1 = 0, not commutative. */
    static SmallSdeProblem levyArea(boolean declareCommutative) {
        SmallSdeProblem.Builder b = SmallSdeProblem.builder(2).name("levyArea")
            .drift((t, x, f) -> { })
            .noise(NoiseKind.NON_DIAGONAL, NoiseMatrix.sparse(2, 2, new int[] {0, 1},
                new int[] {0, 1}), (t, x, g) -> {
                    g[0] = 1;
                    g[1] = x[0];
                })
            .initialState(0, 0);
        return declareCommutative ? b.commutativeNoise().build() : b.build();
    }

    @Test
    void nonCommutativeNoiseIsRefusedWithARemedy() {
        for (Calculus c : Calculus.values()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RkMilCommute.create(c).stepper(levyArea(false).withCalculus(c), 4));
            assertTrue(e.getMessage().contains("needs commutative noise")
                && e.getMessage().contains("use EulerMaruyama (Ito) or Heun (Stratonovich)")
                && e.getMessage().contains("hasCommutativeNoise()"), e.getMessage());
        }
        // the wrong calculus is refused too, naming the other instance
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> RkMilCommute.create().stepper(
                StandardProblems.nonDiagonalLinear(Calculus.STRATONOVICH), 4));
        assertTrue(e.getMessage().contains("rkmilcommutestrat"), e.getMessage());
        assertTrue(RkMilCommute.create().requiresCommutativeNoise());
        assertFalse(Heun.create().requiresCommutativeNoise());
    }

    @Test
    void commutativityIsDeclaredPerKindAndByTheBuilder() {
        assertFalse(levyArea(false).hasCommutativeNoise());
        assertTrue(levyArea(true).hasCommutativeNoise());
        assertTrue(levyArea(true).withCalculus(Calculus.STRATONOVICH).hasCommutativeNoise());
        assertTrue(StandardProblems.nonDiagonalLinear(Calculus.ITO).hasCommutativeNoise());
        for (SdeProblem p : new SdeProblem[] {StandardProblems.linear(),
            StandardProblems.additive(), StandardProblems.scalarNoiseLinear(Calculus.ITO),
            StandardProblems.nonDiagonalAdditive(), TestProblems.ornsteinUhlenbeck(1, 1, 0)}) {
            assertTrue(p.hasCommutativeNoise(), p.toString());
        }
    }

    /**
     * The declarations are right: the commutator L^j G_k - L^k G_j, by central differences at
     * states from a seeded generator, vanishes (to the differences' rounding) for
     * nonDiagonalLinear and not for levyArea.
     */
    @Test
    void declaredCommutativityHoldsByFiniteDifferences() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        for (int trial = 0; trial < 20; trial++) {
            double[] x = {rng.nextDouble() * 4 - 2, rng.nextDouble() * 4 - 2};
            double c = commutator(StandardProblems.nonDiagonalLinear(Calculus.ITO), x);
            assertTrue(c < 1e-7, "nonDiagonalLinear at " + x[0] + ", " + x[1] + ": " + c);
            assertEquals(1.0, commutator(levyArea(false), x), 1e-7);
        }
    }

    /** max over j, k, i of |(L^j G_k - L^k G_j)_i| at x, central differences. */
    static double commutator(SdeProblem p, double[] x) {
        int n = p.dimension();
        NoiseMatrix pattern = p.noiseMatrix();
        int m = pattern.wienerProcesses();
        double[][] g = matrix(p, x);
        double eps = 1e-5;
        // dG[l][i][j] = d G_ij / d x_l
        double[][][] dG = new double[n][][];
        for (int l = 0; l < n; l++) {
            double[] up = x.clone();
            double[] down = x.clone();
            up[l] += eps;
            down[l] -= eps;
            double[][] a = matrix(p, up);
            double[][] b = matrix(p, down);
            dG[l] = new double[n][m];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    dG[l][i][j] = (a[i][j] - b[i][j]) / (2 * eps);
                }
            }
        }
        double max = 0;
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < m; k++) {
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int l = 0; l < n; l++) {
                        s += g[l][j] * dG[l][i][k] - g[l][k] * dG[l][i][j];
                    }
                    max = Math.max(max, Math.abs(s));
                }
            }
        }
        return max;
    }

    static double[][] matrix(SdeProblem p, double[] x) {
        NoiseMatrix pattern = p.noiseMatrix();
        double[] values = new double[pattern.nonzeros()];
        p.diffusion(0.3, x.clone(), values, 1);
        double[][] g = new double[p.dimension()][pattern.wienerProcesses()];
        for (int k = 0; k < values.length; k++) {
            g[pattern.row(k)][pattern.column(k)] = values[k];
        }
        return g;
    }

    /**
     * Diagonal noise: the Itô scheme is RkMilstein's arithmetic, bit for bit; scalar noise: the
     * same formula with another summation order (1e-13 relative). Increments from a seeded
     * generator, 50 steps of 6 trajectories.
     */
    @Test
    void agreesWithRkMilsteinWhereBothApply() {
        for (SdeProblem p : new SdeProblem[] {StandardProblems.linear2D(),
            StandardProblems.wave(), StandardProblems.scalarNoiseLinear(Calculus.ITO)}) {
            int batch = 6;
            SdeStepper a = RkMilstein.create().stepper(p, batch);
            SdeStepper b = RkMilCommute.create().stepper(p, batch);
            double[] xa = new double[p.dimension() * batch];
            for (int lane = 0; lane < batch; lane++) {
                p.initialState(null, xa, batch, lane);
            }
            double[] xb = xa.clone();
            double[] dW = new double[p.noiseComponents().length * batch];
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
            double h = 0.02;
            for (int s = 0; s < 50; s++) {
                for (int i = 0; i < dW.length; i++) {
                    dW[i] = Math.sqrt(h) * (rng.nextDouble() * 2 - 1) * 1.7;
                }
                a.step(s * h, h, xa, dW);
                b.step(s * h, h, xb, dW);
            }
            if (p.noiseKind().isDiagonal()) {
                assertArrayEquals(xa, xb, 0.0, p.toString());
            } else {
                for (int i = 0; i < xa.length; i++) {
                    assertEquals(xa[i], xb[i], 1e-13 * Math.abs(xa[i]), p + " at " + i);
                }
            }
        }
    }
}
