package org.ness4j.sde.srk;

import java.util.Objects;
import org.ness4j.core.Checks;

/**
 * Coefficients of an s-stage stochastic Runge-Kutta method of class SRA (additive noise) in the
 * notation of Rößler (2010), "Runge-Kutta methods for the strong approximation of solutions of
 * stochastic differential equations", SIAM J. Numer. Anal. 48(3), 922-952 (the SRA class for
 * additive noise):
 * \[ X_{n+1} = X_n + \sum_i \alpha_i f(t_n + c^{(0)}_i h, H^{(0)}_i)\,h
 *    + \sum_i \bigl(\beta^{(1)}_i I_{(1)} + \beta^{(2)}_i \tfrac{I_{(1,0)}}{h}\bigr)
 *      g(t_n + c^{(1)}_i h), \]
 * \[ H^{(0)}_i = X_n + \sum_{j \lt i} A^{(0)}_{ij} f(t_n + c^{(0)}_j h, H^{(0)}_j)\,h
 *    + \sum_{j \lt i} B^{(0)}_{ij} g(t_n + c^{(1)}_j h)\,\tfrac{I_{(1,0)}}{h}, \]
 * with \( I_{(1)} = \Delta W \) and \( I_{(1,0)} = \int_{t_n}^{t_n+h}(W(s) - W(t_n))\,ds \).
 *
 * <p>The coefficients are data: SRA1 and SRA3 are the tableaus of these names in Rößler (2010);
 * SOSRA is the stability-optimized tableau of Rackauckas and Nie (2018), "Stability-optimized
 * high order methods and stiffness detection for pathwise stiff stochastic differential
 * equations" (arXiv:1804.04344), published as 16-significant-digit decimals (the values used
 * by StochasticDiffEq.jl's {@code constructSOSRA}). The test {@code TableauOrderConditionsTest}
 * checks every tableau against the eight strong order 1.5 conditions for SRA methods of
 * Rößler (2010), as listed by Rackauckas and Nie (2018):
 * \( \alpha^T e = 1 \), \( \beta^{(1)T} e = 1 \), \( \beta^{(2)T} e = 0 \),
 * \( \alpha^T B^{(0)} e = 1 \), \( \alpha^T A^{(0)} e = 1/2 \),
 * \( \alpha^T (B^{(0)} e)^2 = 3/2 \), \( \beta^{(1)T} c^{(1)} = 1 \),
 * \( \beta^{(2)T} c^{(1)} = -1 \), together with \( c^{(0)} = A^{(0)} e \).
 *
 * <p>Thread safety: immutable; accessors return copies.
 */
public final class SraTableau {

    private static final SraTableau SRA1 = new SraTableau("SRA1",
        new double[] {0, 0.75},
        new double[] {1, 0},
        new double[][] {{0, 0}, {0.75, 0}},
        new double[][] {{0, 0}, {1.5, 0}},
        new double[] {1.0 / 3, 2.0 / 3},
        new double[] {1, 0},
        new double[] {-1, 1});

    private static final SraTableau SRA3 = new SraTableau("SRA3",
        new double[] {0, 1, 0.5},
        new double[] {1, 0, 0},
        new double[][] {{0, 0, 0}, {1, 0, 0}, {0.25, 0.25, 0}},
        new double[][] {{0, 0, 0}, {0, 0, 0}, {1, 0.5, 0}},
        new double[] {1.0 / 6, 1.0 / 6, 2.0 / 3},
        new double[] {1, 0, 0},
        new double[] {-1, 1, 0});

    private static final SraTableau SOSRA = new SraTableau("SOSRA",
        new double[] {0, 0.6923962376159507, 1},
        new double[] {0, 0.041248171110700504, 1},
        new double[][] {{0, 0, 0}, {0.6923962376159507, 0, 0},
            {-3.1609142252828395, 4.1609142252828395, 0}},
        new double[][] {{0, 0, 0}, {1.3371632704399763, 0, 0},
            {1.442371048468624, 1.8632741501139225, 0}},
        new double[] {0.2889874966892885, 0.6859880440839937, 0.025024459226717772},
        new double[] {-16.792534242221663, 17.514995785380226, 0.27753845684143835},
        new double[] {0.4237535769069274, 0.6010381474428539, -1.0247917243497813});

    private final String name;
    private final double[] c0;
    private final double[] c1;
    private final double[][] a0;
    private final double[][] b0;
    private final double[] alpha;
    private final double[] beta1;
    private final double[] beta2;

    private SraTableau(String name, double[] c0, double[] c1, double[][] a0, double[][] b0,
                       double[] alpha, double[] beta1, double[] beta2) {
        this.name = name;
        this.c0 = c0;
        this.c1 = c1;
        this.a0 = a0;
        this.b0 = b0;
        this.alpha = alpha;
        this.beta1 = beta1;
        this.beta2 = beta2;
    }

    /**
     * A user-supplied explicit tableau (strictly lower triangular {@code a0}, {@code b0}).
     * The order conditions are not checked here.
     *
     * @param name display name
     * @param c0 drift nodes \( c^{(0)} \), length s (not modified)
     * @param c1 diffusion nodes \( c^{(1)} \), length s (not modified)
     * @param a0 \( A^{(0)} \), s x s strictly lower triangular (not modified)
     * @param b0 \( B^{(0)} \), s x s strictly lower triangular (not modified)
     * @param alpha drift weights \( \alpha \) (not modified)
     * @param beta1 weights of \( I_{(1)} \) (not modified)
     * @param beta2 weights of \( I_{(1,0)}/h \) (not modified)
     * @return the tableau
     * @throws IllegalArgumentException if sizes differ, an entry is not finite or a matrix is
     *     not strictly lower triangular
     */
    public static SraTableau of(String name, double[] c0, double[] c1, double[][] a0,
                                double[][] b0, double[] alpha, double[] beta1,
                                double[] beta2) {
        Objects.requireNonNull(name, "name");
        int s = Checks.atLeast("stages", alpha.length, 1);
        Tableaus.requireVector("c0", c0, s);
        Tableaus.requireVector("c1", c1, s);
        Tableaus.requireVector("beta1", beta1, s);
        Tableaus.requireVector("beta2", beta2, s);
        Tableaus.requireVector("alpha", alpha, s);
        Tableaus.requireStrictlyLower("a0", a0, s);
        Tableaus.requireStrictlyLower("b0", b0, s);
        return new SraTableau(name, c0.clone(), c1.clone(), Tableaus.copy(a0),
            Tableaus.copy(b0), alpha.clone(), beta1.clone(), beta2.clone());
    }

    /**
     * SRA1 of Rößler (2010) (two stages; deterministic order 2).
     *
     * @return the tableau
     */
    public static SraTableau sra1() {
        return SRA1;
    }

    /**
     * SRA3 of Rößler (2010) (three stages; its drift part is Kutta's third-order rule,
     * whose stability region contains the segment \( |h\omega| \le \sqrt 3 \) of the imaginary
     * axis).
     *
     * @return the tableau
     */
    public static SraTableau sra3() {
        return SRA3;
    }

    /**
     * SOSRA of Rackauckas and Nie (2018) (three stages, stability-optimized; deterministic
     * order 2).
     *
     * @return the tableau
     */
    public static SraTableau sosra() {
        return SOSRA;
    }

    /** @return display name, e.g. {@code "SRA1"} */
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

    /** @return a copy of \( B^{(0)} \) */
    public double[][] b0() {
        return Tableaus.copy(b0);
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

    @Override
    public String toString() {
        return name;
    }
}
