package org.ness4j.sde.srk;

import java.util.Objects;
import org.ness4j.core.Checks;

/**
 * Coefficients of an s-stage stochastic Runge-Kutta method of class SRI (Itô SDEs; here used
 * for diagonal noise) in the notation of Rößler (2010), "Runge-Kutta methods for the strong
 * approximation of solutions of stochastic differential equations", SIAM J. Numer. Anal. 48(3),
 * 922-952:
 * \[ X_{n+1} = X_n + \sum_i \alpha_i f(t_n + c^{(0)}_i h, H^{(0)}_i)\,h
 *   + \sum_i \Bigl(\beta^{(1)}_i I_{(1)} + \beta^{(2)}_i \tfrac{I_{(1,1)}}{\sqrt h}
 *   + \beta^{(3)}_i \tfrac{I_{(1,0)}}{h} + \beta^{(4)}_i \tfrac{I_{(1,1,1)}}{h}\Bigr)
 *     g(t_n + c^{(1)}_i h, H^{(1)}_i), \]
 * \[ H^{(0)}_i = X_n + \sum_{j \lt i} A^{(0)}_{ij} f_j\,h + \sum_{j \lt i} B^{(0)}_{ij} g_j
 *   \tfrac{I_{(1,0)}}{h}, \qquad
 *   H^{(1)}_i = X_n + \sum_{j \lt i} A^{(1)}_{ij} f_j\,h
 *   + \sum_{j \lt i} B^{(1)}_{ij} g_j \sqrt h, \]
 * with \( I_{(1)} = \Delta W \), \( I_{(1,1)} = (\Delta W^2 - h)/2 \),
 * \( I_{(1,1,1)} = (\Delta W^3 - 3h\Delta W)/6 \) and
 * \( I_{(1,0)} = \int_{t_n}^{t_n+h}(W(s) - W(t_n))\,ds \), each per noise channel.
 *
 * <p>The coefficients are data: SRIW1 is the tableau of that name in Rößler (2010); SOSRI is the
 * stability-optimized tableau of Rackauckas and Nie (2018), "Stability-optimized high order
 * methods and stiffness detection for pathwise stiff stochastic differential equations"
 * (arXiv:1804.04344), published as 16-17 significant-digit decimals (the values used by
 * StochasticDiffEq.jl's {@code constructSRIOpt1}, which its {@code SOSRI} uses); its nodes are
 * \( c^{(0)} = A^{(0)}e \), \( c^{(1)} = A^{(1)}e \). The test {@code TableauOrderConditionsTest}
 * checks both against the 25 strong order 1.5 conditions for SRI methods of Rößler (2010) as
 * listed by Rackauckas and Nie (2018).
 *
 * <p>Thread safety: immutable; accessors return copies.
 */
public final class SriTableau {

    private static final SriTableau SRIW1 = new SriTableau("SRIW1",
        new double[] {0, 0.75, 0, 0},
        new double[] {0, 0.25, 1, 0.25},
        new double[][] {{0, 0, 0, 0}, {0.75, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}},
        new double[][] {{0, 0, 0, 0}, {0.25, 0, 0, 0}, {1, 0, 0, 0}, {0, 0, 0.25, 0}},
        new double[][] {{0, 0, 0, 0}, {1.5, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}},
        new double[][] {{0, 0, 0, 0}, {0.5, 0, 0, 0}, {-1, 0, 0, 0}, {-5, 3, 0.5, 0}},
        new double[] {1.0 / 3, 2.0 / 3, 0, 0},
        new double[] {-1, 4.0 / 3, 2.0 / 3, 0},
        new double[] {-1, 4.0 / 3, -1.0 / 3, 0},
        new double[] {2, -4.0 / 3, -2.0 / 3, 0},
        new double[] {-2, 5.0 / 3, -2.0 / 3, 1});

    private static final SriTableau SOSRI = withRowSumNodes("SOSRI",
        new double[][] {{0, 0, 0, 0},
            {-0.04199224421316468, 0, 0, 0},
            {2.842612915017106, -2.0527723684000727, 0, 0},
            {4.338237071435815, -2.8895936137439793, 2.3017575594644466, 0}},
        new double[][] {{0, 0, 0, 0},
            {0.26204282091330466, 0, 0, 0},
            {0.20903646383505375, -0.1502377115150361, 0, 0},
            {0.05836595312746999, 0.6149440396332373, 0.08535117634046772, 0}},
        new double[][] {{0, 0, 0, 0},
            {-0.21641093549612528, 0, 0, 0},
            {1.5336352863679572, 0.26066223492647056, 0, 0},
            {-1.0536037558179159, 1.7015284721089472, -0.20725685784180017, 0}},
        new double[][] {{0, 0, 0, 0},
            {-0.5119011827621657, 0, 0, 0},
            {2.67767339866713, -4.9395031322250995, 0, 0},
            {0.15580956238299215, 3.2361551006624674, -1.4223118283355949, 0}},
        new double[] {1.140099274172029, -0.6401334255743456, 0.4736296532772559,
            0.026404498125060714},
        new double[] {-1.8453464565104432, 2.688764531100726, -0.2523866501071323,
            0.40896857551684956},
        new double[] {0.4969658141589478, -0.5771202869753592, -0.12919702470322217,
            0.2093514975196336},
        new double[] {2.8453464565104425, -2.688764531100725, 0.2523866501071322,
            -0.40896857551684945},
        new double[] {0.11522663875443433, -0.57877086147738, 0.2857851028163886,
            0.17775911990655704});

    private final String name;
    private final double[] c0;
    private final double[] c1;
    private final double[][] a0;
    private final double[][] a1;
    private final double[][] b0;
    private final double[][] b1;
    private final double[] alpha;
    private final double[] beta1;
    private final double[] beta2;
    private final double[] beta3;
    private final double[] beta4;

    private SriTableau(String name, double[] c0, double[] c1, double[][] a0, double[][] a1,
                       double[][] b0, double[][] b1, double[] alpha, double[] beta1,
                       double[] beta2, double[] beta3, double[] beta4) {
        this.name = name;
        this.c0 = c0;
        this.c1 = c1;
        this.a0 = a0;
        this.a1 = a1;
        this.b0 = b0;
        this.b1 = b1;
        this.alpha = alpha;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.beta3 = beta3;
        this.beta4 = beta4;
    }

    private static SriTableau withRowSumNodes(String name, double[][] a0, double[][] a1,
                                              double[][] b0, double[][] b1, double[] alpha,
                                              double[] beta1, double[] beta2, double[] beta3,
                                              double[] beta4) {
        return new SriTableau(name, rowSums(a0), rowSums(a1), a0, a1, b0, b1, alpha, beta1,
            beta2, beta3, beta4);
    }

    private static double[] rowSums(double[][] a) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            for (double v : a[i]) {
                c[i] += v;
            }
        }
        return c;
    }

    /**
     * A user-supplied explicit tableau (strictly lower triangular matrices). The order
     * conditions are not checked here.
     *
     * @param name display name
     * @param c0 drift nodes (not modified)
     * @param c1 diffusion nodes (not modified)
     * @param a0 \( A^{(0)} \) (not modified)
     * @param a1 \( A^{(1)} \) (not modified)
     * @param b0 \( B^{(0)} \) (not modified)
     * @param b1 \( B^{(1)} \) (not modified)
     * @param alpha drift weights (not modified)
     * @param beta1 weights of \( I_{(1)} \) (not modified)
     * @param beta2 weights of \( I_{(1,1)}/\sqrt h \) (not modified)
     * @param beta3 weights of \( I_{(1,0)}/h \) (not modified)
     * @param beta4 weights of \( I_{(1,1,1)}/h \) (not modified)
     * @return the tableau
     * @throws IllegalArgumentException if sizes differ, an entry is not finite or a matrix is
     *     not strictly lower triangular
     */
    public static SriTableau of(String name, double[] c0, double[] c1, double[][] a0,
                                double[][] a1, double[][] b0, double[][] b1, double[] alpha,
                                double[] beta1, double[] beta2, double[] beta3,
                                double[] beta4) {
        Objects.requireNonNull(name, "name");
        int s = Checks.atLeast("stages", alpha.length, 1);
        Tableaus.requireVector("alpha", alpha, s);
        Tableaus.requireVector("c0", c0, s);
        Tableaus.requireVector("c1", c1, s);
        Tableaus.requireVector("beta1", beta1, s);
        Tableaus.requireVector("beta2", beta2, s);
        Tableaus.requireVector("beta3", beta3, s);
        Tableaus.requireVector("beta4", beta4, s);
        Tableaus.requireStrictlyLower("a0", a0, s);
        Tableaus.requireStrictlyLower("a1", a1, s);
        Tableaus.requireStrictlyLower("b0", b0, s);
        Tableaus.requireStrictlyLower("b1", b1, s);
        return new SriTableau(name, c0.clone(), c1.clone(), Tableaus.copy(a0),
            Tableaus.copy(a1), Tableaus.copy(b0), Tableaus.copy(b1), alpha.clone(),
            beta1.clone(), beta2.clone(), beta3.clone(), beta4.clone());
    }

    /**
     * SRIW1 of Rößler (2010) (four stages; two drift and four diffusion evaluations per step).
     *
     * @return the tableau
     */
    public static SriTableau sriw1() {
        return SRIW1;
    }

    /**
     * SOSRI of Rackauckas and Nie (2018) (four stages, stability-optimized).
     *
     * @return the tableau
     */
    public static SriTableau sosri() {
        return SOSRI;
    }

    /** @return display name, e.g. {@code "SRIW1"} */
    public String name() {
        return name;
    }

    /** @return number of stages s */
    public int stages() {
        return alpha.length;
    }

    /** @return a copy of \( c^{(0)} \) */
    public double[] c0() {
        return c0.clone();
    }

    /** @return a copy of \( c^{(1)} \) */
    public double[] c1() {
        return c1.clone();
    }

    /** @return a copy of \( A^{(0)} \) */
    public double[][] a0() {
        return Tableaus.copy(a0);
    }

    /** @return a copy of \( A^{(1)} \) */
    public double[][] a1() {
        return Tableaus.copy(a1);
    }

    /** @return a copy of \( B^{(0)} \) */
    public double[][] b0() {
        return Tableaus.copy(b0);
    }

    /** @return a copy of \( B^{(1)} \) */
    public double[][] b1() {
        return Tableaus.copy(b1);
    }

    /** @return a copy of \( \alpha \) */
    public double[] alpha() {
        return alpha.clone();
    }

    /** @return a copy of \( \beta^{(1)} \) */
    public double[] beta1() {
        return beta1.clone();
    }

    /** @return a copy of \( \beta^{(2)} \) */
    public double[] beta2() {
        return beta2.clone();
    }

    /** @return a copy of \( \beta^{(3)} \) */
    public double[] beta3() {
        return beta3.clone();
    }

    /** @return a copy of \( \beta^{(4)} \) */
    public double[] beta4() {
        return beta4.clone();
    }

    @Override
    public String toString() {
        return name;
    }
}
