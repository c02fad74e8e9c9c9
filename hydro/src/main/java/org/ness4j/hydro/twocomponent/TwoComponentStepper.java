package org.ness4j.hydro.twocomponent;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ness4j.core.random.TrajectoryStreams;

/**
 * Stochastic Heun integrator of the two-component hydrodynamics (paper 004, Eq. 11) of a
 * {@link TwoComponentModel} for a batch of independent replicas on a periodic grid: the
 * mutable per-run object.
 *
 * <p><b>Discretization.</b> Cell \(i\) holds \(q_i = (m_i, e_i)\), averages over
 * \([i\,dx, (i+1)dx)\). With the drift
 * \(a_i(q) = \sum_j D_{\cdot j}(q_{j,i+1} - 2q_{j,i} + q_{j,i-1})/dx^2 + \varepsilon\tilde f(q_i)\)
 * and one noise increment \(\Delta W\) per step,
 * \[ \tilde q = q + a(q)\,dt + \Delta W, \qquad q' = q + \tfrac12\big(a(q) + a(\tilde q)\big)dt
 *    + \Delta W. \]
 * The noise amplitudes are evaluated at the start of the step, so the scheme is consistent
 * with the It&ocirc; reading of the multiplicative noise (Eq. 10 with \(N(q)\)); it has weak
 * order 1 and strong order 1/2 for multiplicative noise, and strong order 1 where the noise
 * is additive. The It&ocirc;/Stratonovich difference is a drift of order \(\varepsilon\,
 * \partial\tilde N\,dx^{-1}\) times the noise, beyond the accuracy of Eq. 11. The explicit
 * diffusion is stable for \(\lambda_{max}(D)\,dt/dx^2 &lt; 1/2\) (the checkerboard mode is
 * marginal at 1/2, and the forces' slopes add to it inside a domain);
 * {@link TwoComponentModel.Builder#build()} requires at most 0.45.
 *
 * <p><b>Noise.</b> As in the toy stepper, a white field with covariance \(S\delta\delta\)
 * averaged over a cell and a step has covariance \(S\,dt/dx\). The driven noise of cell \(i\) is
 * \(\sqrt{\kappa\varepsilon\,dt/dx}\,\mathrm{chol}(\tilde N(q_i))\,Z_i\); the conserved noise is a
 * difference of bond fluxes,
 * \(\frac{\sqrt{dt/dx}}{dx}\big(F_{i+1/2} - F_{i-1/2}\big)\) with
 * \(F_{i+1/2} = \mathrm{chol}(\theta(D\chi T + \chi TD^{\mathsf T}))\,Y_{i+1/2}\), \(\chi T\)
 * evaluated at the bond midpoint \((q_i + q_{i+1})/2\). It telescopes, so \(\sum_i m_i\) and
 * \(\sum_i e_i\) change only through the forces and the driven noise. A Cholesky factor is
 * taken of the interpolated matrix, which is positive semi-definite because
 * {@link TwoComponentModel.Builder#build()} checks it at every table node (it is linear in
 * \(\chi T\), and the interpolation is a convex combination of nodes); a negative pivot,
 * then only from rounding, is set to zero.
 *
 * <p><b>Why its own kernel.</b> The {@code sde} module's integrators take a general drift and
 * diffusion per call; this stepper fuses the table lookup, the Cholesky factors, the bond
 * fluxes and the stencil into two passes over the grid that allocate nothing, and hydro
 * depends only on {@code core} (see {@code docs/hydro.md}).
 *
 * <p><b>Randomness.</b> Replica \(r\) draws from
 * {@link TrajectoryStreams#stream(long, long) TrajectoryStreams.stream(masterSeed, firstIndex + r)}
 * through a {@link ZigguratSampler.NormalizedGaussian}; per step it draws two normals per cell
 * (in cell order), then two per bond (in bond order); a noise term with zero strength draws
 * nothing. A replica is therefore bit-for-bit independent of the batch size.
 *
 * <p><b>Outside the table.</b> States that leave the tabulated region are evaluated at the
 * nearest grid point ({@link TabulatedHydrodynamics#evaluate}); {@link #clampedEvaluations()}
 * counts how often this happened at the start of a step (cells and bonds), so a run can
 * report it.
 *
 * <p>Thread safety: not thread-safe; use one stepper per thread.
 */
public final class TwoComponentStepper {

    private final TwoComponentModel model;
    private final TabulatedHydrodynamics table;
    private final int n;
    private final int batch;
    private final double[] m;
    private final double[] e;
    private final double[] pm;
    private final double[] pe;
    private final double[] am;
    private final double[] ae;
    private final double[] wm;
    private final double[] we;
    private final double[] bm;
    private final double[] be;
    private final double[] buf = new double[TabulatedHydrodynamics.QUANTITIES];
    /** Scratch for the conserved-noise covariance of one bond. */
    private final double[] cov = new double[3];
    private final ZigguratSampler.NormalizedGaussian[] samplers;
    private final double eps;
    private final double dt;
    private final double sigmaCell;
    private final double sigmaBond;
    private final double c11;
    private final double c12;
    private final double c21;
    private final double c22;
    private final double d11;
    private final double d12;
    private final double d21;
    private final double d22;
    private final double theta;
    private long steps;
    private long clamped;

    /**
     * Creates a stepper with all replicas at \(q = (0, 0)\) (infinite temperature); set the
     * initial state with {@link #fill} or through {@link #magnetization()} and
     * {@link #energy()}.
     *
     * @param model model and discretization
     * @param batch number of replicas, at least 1
     * @param masterSeed master seed
     * @param firstIndex stream index of replica 0
     * @throws IllegalArgumentException if batch is not positive or the state would not fit
     */
    public TwoComponentStepper(TwoComponentModel model, int batch, long masterSeed,
                               long firstIndex) {
        this.model = Objects.requireNonNull(model, "model");
        if (batch < 1 || (long) batch * model.cells() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("batch must be positive and batch * cells fit an"
                + " array: " + batch);
        }
        this.table = model.table();
        this.n = model.cells();
        this.batch = batch;
        int size = n * batch;
        m = new double[size];
        e = new double[size];
        pm = new double[size];
        pe = new double[size];
        am = new double[size];
        ae = new double[size];
        wm = new double[size];
        we = new double[size];
        bm = new double[size];
        be = new double[size];
        samplers = new ZigguratSampler.NormalizedGaussian[batch];
        for (int r = 0; r < batch; r++) {
            UniformRandomProvider rng = TrajectoryStreams.stream(masterSeed, firstIndex + r);
            samplers[r] = ZigguratSampler.NormalizedGaussian.of(rng);
        }
        double dx = model.dx();
        this.eps = model.eps();
        this.dt = model.dt();
        this.theta = model.thermalNoiseScale();
        this.sigmaCell = Math.sqrt(model.drivenNoiseScale() * eps * dt / dx);
        this.sigmaBond = Math.sqrt(theta * dt / dx) / dx;
        this.d11 = model.diffusion(0, 0);
        this.d12 = model.diffusion(0, 1);
        this.d21 = model.diffusion(1, 0);
        this.d22 = model.diffusion(1, 1);
        double inv = 1 / (dx * dx);
        this.c11 = d11 * inv;
        this.c12 = d12 * inv;
        this.c21 = d21 * inv;
        this.c22 = d22 * inv;
    }

    /** @return the model */
    public TwoComponentModel model() {
        return model;
    }

    /** @return number of replicas */
    public int batch() {
        return batch;
    }

    /** @return number of cells per replica */
    public int cells() {
        return n;
    }

    /** @return number of steps taken */
    public long steps() {
        return steps;
    }

    /** @return time reached, steps \(\cdot dt\) */
    public double time() {
        return steps * dt;
    }

    /**
     * @return number of cell and bond evaluations at the start of a step that fell outside
     *     the table and were clamped to its edge (see the class comment)
     */
    public long clampedEvaluations() {
        return clamped;
    }

    /**
     * The live magnetization array, replica \(r\) at {@code [r * cells(), (r + 1) * cells())};
     * may be read, and written between steps to set initial conditions.
     *
     * @return \(m\) (not a copy)
     */
    public double[] magnetization() {
        return m;
    }

    /**
     * The live energy array, laid out like {@link #magnetization()}.
     *
     * @return \(e\) (not a copy)
     */
    public double[] energy() {
        return e;
    }

    /**
     * Sets every cell of every replica to the same state.
     *
     * @param m0 magnetization per site
     * @param e0 energy per site
     */
    public void fill(double m0, double e0) {
        Arrays.fill(m, m0);
        Arrays.fill(e, e0);
    }

    /**
     * Advances by several steps.
     *
     * @param count number of steps, non-negative
     */
    public void advance(long count) {
        for (long k = 0; k < count; k++) {
            step();
        }
    }

    /** Advances all replicas by one step \(dt\); allocates nothing. */
    public void step() {
        for (int r = 0; r < batch; r++) {
            int b = r * n;
            forcesAndNoise(b, samplers[r]);
            if (sigmaBond > 0) {
                conservedNoise(b, samplers[r]);
            }
            predict(b);
            correct(b);
        }
        steps++;
    }

    /** am, ae = eps f(q); wm, we = driven noise increments. */
    private void forcesAndNoise(int b, ZigguratSampler.NormalizedGaussian g) {
        boolean noise = sigmaCell > 0;
        int count = noise ? 5 : 2;
        double[] v = buf;
        double s = sigmaCell;
        for (int i = b; i < b + n; i++) {
            if (!table.evaluate(m[i], e[i], TabulatedHydrodynamics.F1, count, v)) {
                clamped++;
            }
            am[i] = eps * v[0];
            ae[i] = eps * v[1];
            if (noise) {
                double l11 = Math.sqrt(Math.max(v[2], 0));
                double l21 = l11 > 0 ? v[3] / l11 : 0;
                double l22 = Math.sqrt(Math.max(v[4] - l21 * l21, 0));
                double z1 = g.sample();
                double z2 = g.sample();
                wm[i] = s * l11 * z1;
                we[i] = s * (l21 * z1 + l22 * z2);
            } else {
                wm[i] = 0;
                we[i] = 0;
            }
        }
    }

    /** Adds the divergence of the bond fluxes to wm, we. */
    private void conservedNoise(int b, ZigguratSampler.NormalizedGaussian g) {
        double[] v = buf;
        double s = sigmaBond;
        int last = b + n - 1;
        for (int i = b; i <= last; i++) {
            int ip = i == last ? b : i + 1;
            if (!table.evaluate(0.5 * (m[i] + m[ip]), 0.5 * (e[i] + e[ip]),
                TabulatedHydrodynamics.C11, 3, v)) {
                clamped++;
            }
            TwoComponentModel.conservedNoiseCovariance(d11, d12, d21, d22, v[0], v[1], v[2],
                cov);
            // theta times a factor of 2 is exact: the same values as 2 theta (...)
            double s11 = theta * cov[0];
            double s12 = theta * cov[1];
            double s22 = theta * cov[2];
            double l11 = Math.sqrt(Math.max(s11, 0));
            double l21 = l11 > 0 ? s12 / l11 : 0;
            double l22 = Math.sqrt(Math.max(s22 - l21 * l21, 0));
            double y1 = g.sample();
            double y2 = g.sample();
            bm[i] = s * l11 * y1;
            be[i] = s * (l21 * y1 + l22 * y2);
        }
        wm[b] += bm[b] - bm[last];
        we[b] += be[b] - be[last];
        for (int i = b + 1; i <= last; i++) {
            wm[i] += bm[i] - bm[i - 1];
            we[i] += be[i] - be[i - 1];
        }
    }

    /** am, ae += diffusion of q (full drift a(q)); pm, pe = predictor. */
    private void predict(int b) {
        int last = b + n - 1;
        for (int i = b; i <= last; i++) {
            int ip = i == last ? b : i + 1;
            int im = i == b ? last : i - 1;
            double lm = m[ip] - 2 * m[i] + m[im];
            double le = e[ip] - 2 * e[i] + e[im];
            am[i] += c11 * lm + c12 * le;
            ae[i] += c21 * lm + c22 * le;
            pm[i] = m[i] + dt * am[i] + wm[i];
            pe[i] = e[i] + dt * ae[i] + we[i];
        }
    }

    /** q += dt/2 (a(q) + a(pred)) + noise. */
    private void correct(int b) {
        double[] v = buf;
        double h = 0.5 * dt;
        int last = b + n - 1;
        for (int i = b; i <= last; i++) {
            int ip = i == last ? b : i + 1;
            int im = i == b ? last : i - 1;
            table.evaluate(pm[i], pe[i], TabulatedHydrodynamics.F1, 2, v);
            double lm = pm[ip] - 2 * pm[i] + pm[im];
            double le = pe[ip] - 2 * pe[i] + pe[im];
            double bm1 = c11 * lm + c12 * le + eps * v[0];
            double be1 = c21 * lm + c22 * le + eps * v[1];
            m[i] += h * (am[i] + bm1) + wm[i];
            e[i] += h * (ae[i] + be1) + we[i];
        }
    }
}
