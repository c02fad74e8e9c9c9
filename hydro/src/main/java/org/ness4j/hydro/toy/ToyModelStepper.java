package org.ness4j.hydro.toy;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ness4j.core.random.TrajectoryStreams;

/**
 * Stochastic Heun integrator of the toy SPDE (paper 004, Eq. 15) for a batch of independent
 * replicas on a periodic grid: the mutable per-run object.
 *
 * <p><b>Discretization.</b> Cell \(i\) holds \(m_i\), the average of \(m\) over
 * \([i\,dx, (i+1)dx)\). With additive noise the stochastic Heun scheme (trapezoidal predictor-
 * corrector with one noise increment per step) is
 * \[ \tilde m = m + a(m)\,dt + \Delta W,\qquad m' = m + \tfrac12\big(a(m) + a(\tilde m)\big)dt
 *    + \Delta W, \]
 * \(a_i(m) = D(m_{i+1} - 2m_i + m_{i-1})/dx^2 + f(m_i)\). It has strong order 1 for additive
 * noise and is stable when \(dt\) times the rate of the stiffest (checkerboard) mode,
 * \(4D/dx^2 + |f'|\), stays below 2 (checked with a margin by
 * {@link ToyModel.Builder#build()}; \(D\,dt/dx^2 \le 1/2\) alone is not enough, since inside
 * a domain \(f' &lt; 0\) adds to the diffusion).
 *
 * <p><b>White noise.</b> A field \(\eta\) with \(\langle\eta\eta\rangle = S\delta(r-r')\delta(t-t')\)
 * averaged over one cell and integrated over one step has variance \(S\,dt/dx\). Hence
 * \[ \Delta W_i = \sqrt{S_\xi\,dt/dx}\;Z_i + \frac{\sqrt{S_{th}\,dt/dx}}{dx}\big(Y_{i+1/2} -
 *    Y_{i-1/2}\big), \]
 * with independent standard normals \(Z_i\) per cell and \(Y_{i+1/2}\) per bond: the conserved
 * noise \(\partial_r\xi^{th}\) is a difference of bond fluxes, so it telescopes and conserves
 * \(\sum_i m_i\) exactly (up to rounding). Consequence worth knowing: the conserved noise alone
 * has a white static structure factor, \(\langle m_i^2\rangle = \chi T/dx = S_{th}/(2D\,dx)\) per
 * cell (2 for the paper's defaults), independent of \(\varepsilon\).
 *
 * <p><b>Why its own kernel, not the {@code sde} module's integrators.</b> Those take a
 * general drift and diffusion through an interface call per evaluation and draw one noise
 * increment per component. Here the drift is a three-point stencil plus a cubic, fused with
 * the predictor and corrector into two array passes that allocate nothing; and the conserved
 * noise lives on bonds, \(N\) fluxes feeding \(N\) cells through a difference (a non-diagonal,
 * rank-deficient noise matrix that must telescope exactly), which a generic per-component
 * noise does not express without an \(N\times N\) matrix. Keeping the kernel here also keeps
 * hydro's only ness4j dependency {@code core}.
 *
 * <p><b>Randomness.</b> Replica \(r\) of a stepper created with {@code firstIndex} draws from
 * {@link TrajectoryStreams#stream(long, long) TrajectoryStreams.stream(masterSeed, firstIndex + r)}
 * (XoShiRo256++) through a {@link ZigguratSampler.NormalizedGaussian}; per step it draws
 * first the cell normals then the bond normals, in cell order. A replica's trajectory is
 * therefore bit-for-bit independent of the batch size and of the thread that runs it. A noise
 * term whose strength is zero draws nothing.
 *
 * <p><b>Layout and cost.</b> Structure of arrays: replica \(r\) occupies
 * {@code state[r * cells, (r + 1) * cells)}. {@link #step()} allocates nothing; its loops over
 * the interior cells are plain array loops that C2 vectorizes. The cost is dominated by the
 * Gaussian draws (one or two per cell-step).
 *
 * <p>Thread safety: not thread-safe; use one stepper per thread.
 */
public final class ToyModelStepper {

    private final ToyModel model;
    private final int n;
    private final int batch;
    private final double[] m;
    private final double[] pred;
    private final double[] drift;
    private final double[] noise;
    private final double[] bond;
    private final ZigguratSampler.NormalizedGaussian[] samplers;
    private final double sigmaCell;
    private final double sigmaBond;
    private final double diffCoeff;
    private final double lin;
    private final double cub;
    private final double dt;
    private long steps;

    /**
     * Creates a stepper with all replicas at \(m = 0\).
     *
     * @param model model and discretization
     * @param batch number of replicas, at least 1
     * @param masterSeed master seed
     * @param firstIndex stream index of replica 0
     * @throws IllegalArgumentException if batch is not positive or the state would not fit
     */
    public ToyModelStepper(ToyModel model, int batch, long masterSeed, long firstIndex) {
        this.model = Objects.requireNonNull(model, "model");
        if (batch < 1 || (long) batch * model.cells() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("batch must be positive and batch * cells fit an"
                + " array: " + batch);
        }
        this.n = model.cells();
        this.batch = batch;
        int size = n * batch;
        this.m = new double[size];
        this.pred = new double[size];
        this.drift = new double[size];
        this.noise = new double[size];
        this.bond = new double[size];
        this.samplers = new ZigguratSampler.NormalizedGaussian[batch];
        for (int r = 0; r < batch; r++) {
            UniformRandomProvider rng = TrajectoryStreams.stream(masterSeed, firstIndex + r);
            samplers[r] = ZigguratSampler.NormalizedGaussian.of(rng);
        }
        double dx = model.dx();
        this.dt = model.dt();
        this.sigmaCell = Math.sqrt(model.drivenNoiseStrength() * dt / dx);
        this.sigmaBond = Math.sqrt(model.thermalNoiseStrength() * dt / dx) / dx;
        this.diffCoeff = model.diffusion() / (dx * dx);
        double ej = model.eps() * model.coupling();
        this.lin = ej * (0.25 * model.gamma() - (1 - model.gamma()));
        this.cub = ej * 0.25 * model.gamma();
    }

    /** @return the model */
    public ToyModel model() {
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
     * The live state array, replica \(r\) at {@code [r * cells(), (r + 1) * cells())}. Callers
     * may read it, and may write it to set initial conditions between steps.
     *
     * @return the state (not a copy)
     */
    public double[] state() {
        return m;
    }

    /**
     * Copies one replica's magnetization profile.
     *
     * @param replica replica index
     * @param out destination of length at least cells() (modified)
     * @return {@code out}
     */
    public double[] copyReplica(int replica, double[] out) {
        System.arraycopy(m, replica * n, out, 0, n);
        return out;
    }

    /**
     * Sets every cell of every replica to the same value.
     *
     * @param value magnetization
     */
    public void fill(double value) {
        Arrays.fill(m, value);
    }

    /**
     * Advances by several steps.
     *
     * @param count number of steps, non-negative
     */
    public void advance(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be non-negative: " + count);
        }
        for (long k = 0; k < count; k++) {
            step();
        }
    }

    /** Advances all replicas by one step \(dt\); allocates nothing. */
    public void step() {
        drawNoise();
        for (int r = 0; r < batch; r++) {
            int b = r * n;
            driftInto(m, drift, b);
            for (int i = b; i < b + n; i++) {
                pred[i] = m[i] + dt * drift[i] + noise[i];
            }
            correct(b);
        }
        steps++;
    }

    /** Fills {@code noise} with the increments of the step (cell plus bond parts). */
    private void drawNoise() {
        boolean cellNoise = sigmaCell > 0;
        boolean bondNoise = sigmaBond > 0;
        if (!cellNoise && !bondNoise) {
            return; // noise stays zero
        }
        for (int r = 0; r < batch; r++) {
            ZigguratSampler.NormalizedGaussian g = samplers[r];
            int b = r * n;
            if (cellNoise) {
                for (int i = b; i < b + n; i++) {
                    noise[i] = g.sample();
                }
            }
            if (bondNoise) {
                for (int i = b; i < b + n; i++) {
                    bond[i] = g.sample(); // flux on bond (i, i+1)
                }
            }
            double sc = sigmaCell;
            double sb = sigmaBond;
            if (cellNoise && bondNoise) {
                noise[b] = sc * noise[b] + sb * (bond[b] - bond[b + n - 1]);
                for (int i = b + 1; i < b + n; i++) {
                    noise[i] = sc * noise[i] + sb * (bond[i] - bond[i - 1]);
                }
            } else if (cellNoise) {
                for (int i = b; i < b + n; i++) {
                    noise[i] = sc * noise[i];
                }
            } else {
                noise[b] = sb * (bond[b] - bond[b + n - 1]);
                for (int i = b + 1; i < b + n; i++) {
                    noise[i] = sb * (bond[i] - bond[i - 1]);
                }
            }
        }
    }

    /** drift[b..b+n) = a(x) on one replica. */
    private void driftInto(double[] x, double[] out, int b) {
        double c = diffCoeff;
        double l = lin;
        double q = cub;
        int last = b + n - 1;
        double x0 = x[b];
        double xl = x[last];
        out[b] = c * (x[b + 1] - 2 * x0 + xl) + (l - q * x0 * x0) * x0;
        for (int i = b + 1; i < last; i++) {
            double xi = x[i];
            out[i] = c * (x[i + 1] - 2 * xi + x[i - 1]) + (l - q * xi * xi) * xi;
        }
        out[last] = c * (x0 - 2 * xl + x[last - 1]) + (l - q * xl * xl) * xl;
    }

    /** Corrector on one replica: m += dt/2 (a(m) + a(pred)) + noise. */
    private void correct(int b) {
        double[] p = pred;
        double[] a0 = drift;
        double c = diffCoeff;
        double l = lin;
        double q = cub;
        double h = 0.5 * dt;
        int last = b + n - 1;
        double p0 = p[b];
        double pl = p[last];
        m[b] += h * (a0[b] + c * (p[b + 1] - 2 * p0 + pl) + (l - q * p0 * p0) * p0) + noise[b];
        for (int i = b + 1; i < last; i++) {
            double pi = p[i];
            m[i] += h * (a0[i] + c * (p[i + 1] - 2 * pi + p[i - 1]) + (l - q * pi * pi) * pi)
                + noise[i];
        }
        m[last] += h * (a0[last] + c * (p0 - 2 * pl + p[last - 1]) + (l - q * pl * pl) * pl)
            + noise[last];
    }
}
