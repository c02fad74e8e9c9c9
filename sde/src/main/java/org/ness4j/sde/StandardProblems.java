package org.ness4j.sde;

/**
 * The standard SDE test problems of SciML's DiffEqProblemLibrary (SDEProblemLibrary: linear,
 * 2D linear, additive, additive system, wave, cubic; all on \( t \in [0, 1] \)), written from
 * their published equations, and problems with scalar and non-diagonal noise; every problem
 * has an {@link SdeProblem#analyticSolution()}, so {@link ConvergenceStudy} measures a scheme's
 * orders on it. Their measured orders are in {@code docs/sde.md}.
 *
 * <p>Thread safety: the problems are immutable.
 */
public final class StandardProblems {

    private StandardProblems() {
    }

    /**
     * {@code prob_sde_linear}: \( du = 1.01u\,dt + 0.87u\,dW \), \( u_0 = 1/2 \), Itô;
     * \( u(t) = u_0 e^{0.63155t + 0.87W(t)} \) (0.63155 = 1.01 - 0.87^2/2).
     *
     * @return the problem (diagonal noise)
     */
    public static SmallSdeProblem linear() {
        return SmallSdeProblem.scalar((t, u) -> 1.01 * u, (t, u) -> 0.87 * u,
            NoiseKind.DIAGONAL, 0.5).withAnalyticSolution(
                (t, u0, w, out) -> out[0] = u0[0] * Math.exp(0.63155 * t + 0.87 * w[0]));
    }

    /**
     * {@code prob_sde_linear_stratonovich}: the equation of {@link #linear()} in Stratonovich
     * calculus; \( u(t) = u_0 e^{1.01t + 0.87W(t)} \).
     *
     * @return the problem
     */
    public static SmallSdeProblem linearStratonovich() {
        return SmallSdeProblem.scalar((t, u) -> 1.01 * u, (t, u) -> 0.87 * u,
            NoiseKind.DIAGONAL, 0.5).withCalculus(Calculus.STRATONOVICH).withAnalyticSolution(
                (t, u0, w, out) -> out[0] = u0[0] * Math.exp(1.01 * t + 0.87 * w[0]));
    }

    /**
     * {@code prob_sde_2Dlinear}: the equation of {@link #linear()} on a 4 x 2 array (8
     * components, each with its own Wiener process), \( u_0 = 1/2 \).
     *
     * @return the problem (diagonal noise)
     */
    public static SmallSdeProblem linear2D() {
        int n = 8;
        double[] u0 = new double[n];
        java.util.Arrays.fill(u0, 0.5);
        return SmallSdeProblem.builder(n).name("linear2D")
            .drift((t, u, f) -> {
                for (int i = 0; i < n; i++) {
                    f[i] = 1.01 * u[i];
                }
            })
            .diagonalNoise(NoiseKind.DIAGONAL, (t, u, g) -> {
                for (int i = 0; i < n; i++) {
                    g[i] = 0.87 * u[i];
                }
            })
            .initialState(u0)
            .analyticSolution((t, x0, w, out) -> {
                for (int i = 0; i < n; i++) {
                    out[i] = x0[i] * Math.exp(0.63155 * t + 0.87 * w[i]);
                }
            })
            .build();
    }

    /**
     * {@code prob_sde_additive}: \( du = (\beta/\sqrt{1+t} - u/(2(1+t)))dt
     * + \alpha\beta/\sqrt{1+t}\,dW \), \( \alpha = 0.1 \), \( \beta = 0.05 \), \( u_0 = 1 \);
     * \( u(t) = u_0/\sqrt{1+t} + \beta(t + \alpha W(t))/\sqrt{1+t} \).
     *
     * @return the problem (additive noise)
     */
    public static SmallSdeProblem additive() {
        double alpha = 0.1;
        double beta = 0.05;
        return SmallSdeProblem.scalar((t, u) -> beta / Math.sqrt(1 + t) - u / (2 * (1 + t)),
            (t, u) -> alpha * beta / Math.sqrt(1 + t), NoiseKind.ADDITIVE, 1.0)
            .withAnalyticSolution((t, u0, w, out) -> out[0] = u0[0] / Math.sqrt(1 + t)
                + beta * (t + alpha * w[0]) / Math.sqrt(1 + t));
    }

    /**
     * {@code prob_sde_additivesystem}: the equation of {@link #additive()} on 4 components with
     * \( \alpha = 0.1 \) and \( \beta = (0.5, 0.25, 0.125, 0.1115) \), \( u_0 = 1 \).
     *
     * @return the problem (additive diagonal noise)
     */
    public static SmallSdeProblem additiveSystem() {
        double[] beta = {0.5, 0.25, 0.125, 0.1115};
        double alpha = 0.1;
        int n = 4;
        return SmallSdeProblem.builder(n).name("additiveSystem")
            .drift((t, u, f) -> {
                for (int i = 0; i < n; i++) {
                    f[i] = beta[i] / Math.sqrt(1 + t) - u[i] / (2 * (1 + t));
                }
            })
            .diagonalNoise(NoiseKind.ADDITIVE, (t, u, g) -> {
                for (int i = 0; i < n; i++) {
                    g[i] = alpha * beta[i] / Math.sqrt(1 + t);
                }
            })
            .initialState(1, 1, 1, 1)
            .analyticSolution((t, x0, w, out) -> {
                for (int i = 0; i < n; i++) {
                    out[i] = x0[i] / Math.sqrt(1 + t)
                        + beta[i] * (t + alpha * w[i]) / Math.sqrt(1 + t);
                }
            })
            .build();
    }

    /**
     * {@code prob_sde_wave}: \( du = -0.01\sin u\cos^3 u\,dt + 0.1\cos^2 u\,dW \), \( u_0 = 1 \),
     * Itô; \( u(t) = \arctan(0.1W(t) + \tan u_0) \).
     *
     * @return the problem (diagonal noise)
     */
    public static SmallSdeProblem wave() {
        return SmallSdeProblem.scalar(
            (t, u) -> -0.01 * Math.sin(u) * Math.pow(Math.cos(u), 3),
            (t, u) -> 0.1 * Math.cos(u) * Math.cos(u), NoiseKind.DIAGONAL, 1.0)
            .withAnalyticSolution((t, u0, w, out) ->
                out[0] = Math.atan(0.1 * w[0] + Math.tan(u0[0])));
    }

    /**
     * {@code prob_sde_cubic}: \( du = -\tfrac14 u(1 - u^2)dt + \tfrac12(1 - u^2)dW \),
     * \( u_0 = 1/2 \), Itô; \( u(t) = \frac{(1 + u_0)e^{W} + u_0 - 1}{(1 + u_0)e^{W} + 1 - u_0} \).
     *
     * @return the problem (diagonal noise)
     */
    public static SmallSdeProblem cubic() {
        return SmallSdeProblem.scalar((t, u) -> -0.25 * u * (1 - u * u),
            (t, u) -> 0.5 * (1 - u * u), NoiseKind.DIAGONAL, 0.5)
            .withAnalyticSolution((t, u0, w, out) -> {
                double e = (1 + u0[0]) * Math.exp(w[0]);
                out[0] = (e + u0[0] - 1) / (e + 1 - u0[0]);
            });
    }

    /**
     * Scalar noise: two geometric Brownian motions driven by one Wiener process,
     * \( dX_i = \mu_i X_i\,dt + \sigma_i X_i\,dW \), \( \mu = (1.01, -0.5) \),
     * \( \sigma = (0.87, 0.4) \), \( X(0) = (1/2, 1) \), in the given calculus;
     * \( X_i(t) = X_i(0)e^{(\mu_i - c\sigma_i^2/2)t + \sigma_i W(t)} \) with c = 1 (Itô) or 0.
     *
     * @param calculus the calculus of the equations
     * @return the problem ({@link NoiseKind#SCALAR})
     */
    public static SmallSdeProblem scalarNoiseLinear(Calculus calculus) {
        double[] mu = {1.01, -0.5};
        double[] sigma = {0.87, 0.4};
        double c = calculus == Calculus.ITO ? 1 : 0;
        return SmallSdeProblem.builder(2).name("scalarNoiseLinear(" + calculus + ")")
            .drift((t, x, f) -> {
                f[0] = mu[0] * x[0];
                f[1] = mu[1] * x[1];
            })
            .noise(NoiseKind.SCALAR, NoiseMatrix.scalar(2, new int[] {0, 1}), (t, x, g) -> {
                g[0] = sigma[0] * x[0];
                g[1] = sigma[1] * x[1];
            })
            .calculus(calculus)
            .initialState(0.5, 1)
            .analyticSolution((t, x0, w, out) -> {
                for (int i = 0; i < 2; i++) {
                    out[i] = x0[i] * Math.exp((mu[i] - c * sigma[i] * sigma[i] / 2) * t
                        + sigma[i] * w[0]);
                }
            })
            .build();
    }

    /**
     * Non-diagonal noise: \( dX_i = \mu_i X_i\,dt + X_i\sum_j \sigma_{ij}\,dW_j \) with two
     * components and two Wiener processes (a dense 2 x 2 matrix \( G_{ij} = \sigma_{ij}X_i \),
     * commutative), \( \mu = (1.01, -0.5) \), \( \sigma = ((0.6, 0.3), (0.2, 0.5)) \),
     * \( X(0) = (1/2, 1) \);
     * \( X_i(t) = X_i(0)e^{(\mu_i - c\sum_j\sigma_{ij}^2/2)t + \sum_j\sigma_{ij}W_j(t)} \) with
     * c = 1 (Itô) or 0 (Stratonovich). The noise commutes
     * (\( L^j G_{\cdot k} = (\sigma_{ij}\sigma_{ik}X_i)_i \) is symmetric in j, k) and is declared
     * so ({@link SdeProblem#hasCommutativeNoise()}).
     *
     * @param calculus the calculus of the equations
     * @return the problem ({@link NoiseKind#NON_DIAGONAL}, commutative)
     */
    public static SmallSdeProblem nonDiagonalLinear(Calculus calculus) {
        double[] mu = {1.01, -0.5};
        double[][] sigma = {{0.6, 0.3}, {0.2, 0.5}};
        double c = calculus == Calculus.ITO ? 1 : 0;
        return SmallSdeProblem.builder(2).name("nonDiagonalLinear(" + calculus + ")")
            .drift((t, x, f) -> {
                f[0] = mu[0] * x[0];
                f[1] = mu[1] * x[1];
            })
            .noise(NoiseKind.NON_DIAGONAL, NoiseMatrix.dense(2, 2), (t, x, g) -> {
                g[0] = sigma[0][0] * x[0];
                g[1] = sigma[0][1] * x[0];
                g[2] = sigma[1][0] * x[1];
                g[3] = sigma[1][1] * x[1];
            })
            .commutativeNoise()
            .calculus(calculus)
            .initialState(0.5, 1)
            .analyticSolution((t, x0, w, out) -> {
                for (int i = 0; i < 2; i++) {
                    double s2 = sigma[i][0] * sigma[i][0] + sigma[i][1] * sigma[i][1];
                    out[i] = x0[i] * Math.exp((mu[i] - c * s2 / 2) * t
                        + sigma[i][0] * w[0] + sigma[i][1] * w[1]);
                }
            })
            .build();
    }

    /**
     * Non-diagonal additive noise, the additive system with a sparse 3 x 2 noise matrix:
     * \( dX_i = (\beta_i/\sqrt{1+t} - X_i/(2(1+t)))dt + \sum_j \alpha_{ij}\beta_i/\sqrt{1+t}
     * \,dW_j \), \( \beta = (0.5, 0.25, 0.125) \), \( \alpha = ((0.1, 0), (0.05, 0.1), (0, 0.2)) \)
     * (nonzeros (0,0), (1,0), (1,1), (2,1)), \( X(0) = 1 \);
     * \( X_i(t) = (X_i(0) + \beta_i t + \beta_i\sum_j\alpha_{ij}W_j(t))/\sqrt{1+t} \).
     *
     * @return the problem ({@link NoiseKind#NON_DIAGONAL_ADDITIVE})
     */
    public static SmallSdeProblem nonDiagonalAdditive() {
        double[] beta = {0.5, 0.25, 0.125};
        double[][] alpha = {{0.1, 0}, {0.05, 0.1}, {0, 0.2}};
        int[] rows = {0, 1, 1, 2};
        int[] cols = {0, 0, 1, 1};
        return SmallSdeProblem.builder(3).name("nonDiagonalAdditive")
            .drift((t, u, f) -> {
                for (int i = 0; i < 3; i++) {
                    f[i] = beta[i] / Math.sqrt(1 + t) - u[i] / (2 * (1 + t));
                }
            })
            .noise(NoiseKind.NON_DIAGONAL_ADDITIVE, NoiseMatrix.sparse(3, 2, rows, cols),
                (t, u, g) -> {
                    for (int k = 0; k < rows.length; k++) {
                        g[k] = alpha[rows[k]][cols[k]] * beta[rows[k]] / Math.sqrt(1 + t);
                    }
                })
            .initialState(1, 1, 1)
            .analyticSolution((t, x0, w, out) -> {
                for (int i = 0; i < 3; i++) {
                    out[i] = (x0[i] + beta[i] * t
                        + beta[i] * (alpha[i][0] * w[0] + alpha[i][1] * w[1])) / Math.sqrt(1 + t);
                }
            })
            .build();
    }
}
