package org.ness4j.sde.chain;

import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.sde.SdeStepper;

/**
 * The per-batch stepper of {@link SplitStep}, fused into one sweep along the chain per tile of
 * trajectories.
 *
 * <p>The seven factors of the Strang step act on single sites (loss/drive/noise, Kerr rotation)
 * or on single bonds (hopping), so they can be applied as a wavefront: at sweep position
 * {@code i} the stepper applies \( C_{h/2} \) and \( B^e_{h/2} \) to the even bond
 * {@code (2i, 2i+1)}, then \( B^o_{h/2} A_h B^o_{h/2} \) to the odd bond {@code (2i-1, 2i)},
 * then \( B^e_{h/2} \) and \( C_{h/2} \) to the even bond {@code (2i-2, 2i-1)}. Every factor still
 * sees exactly the values it sees in the textbook order (the factors it depends on have been
 * applied to both of its sites, the ones after it to neither), so the result is bit-identical to
 * seven full passes ({@link #stepReference}, tested) while each row of the state is loaded into
 * cache once per step instead of seven times. The sweep runs over tiles of {@value #TILE}
 * trajectories so that the four rows of the wavefront stay in the L1 cache.
 *
 * <p>Not thread-safe: one per thread.
 */
final class ChainSplitStepper implements SdeStepper {

    /** Trajectories per tile of the fused sweep (4 sites x 2 quadratures x 8 B x TILE in L1). */
    static final int TILE = 256;

    private static final double QUARTER_PI = Math.PI / 4;
    /** Taylor coefficients (-1)^k/(2k)! and (-1)^k/(2k+1)!, k = 0..9. */
    private static final double[] COS = new double[10];
    private static final double[] SIN = new double[10];

    static {
        double f = 1;
        for (int k = 0; k < 10; k++) {
            // f = (2k)!
            COS[k] = (k % 2 == 0 ? 1 : -1) / f;
            SIN[k] = (k % 2 == 0 ? 1 : -1) / (f * (2 * k + 1));
            f *= (2 * k + 1) * (2 * k + 2);
        }
    }

    private final int length;
    private final int batch;
    private final double delta;
    private final double hop;
    private final double u;
    private final double c;
    private final double[] kappa;
    private final double[] drive;
    /** Channel of Re alpha_l, or -1 (Im uses channel + 1). */
    private final int[] channel;
    private final int channels;
    private final boolean noisy;
    /** Per-site OU coefficients of the half step, cached for {@link #tau}. */
    private final double[] decay;
    private final double[] infIm;
    private final double[] noiseScale;
    private double tau = Double.NaN;
    private double hopCos;
    private double hopSin;

    ChainSplitStepper(ChainProblem problem, int batch) {
        BoseHubbardChain chain = problem.chain();
        this.length = chain.length();
        this.batch = batch;
        this.delta = chain.detuning();
        this.hop = chain.hopping();
        this.u = chain.interaction();
        this.c = problem.limit().kerrOffset();
        this.kappa = chain.lossRates();
        this.drive = chain.drives();
        this.channel = new int[length];
        java.util.Arrays.fill(channel, -1);
        int[] comps = problem.noiseComponents();
        for (int j = 0; j < comps.length; j += 2) {
            channel[comps[j] / 2] = j;
        }
        this.channels = comps.length;
        this.noisy = problem.limit().isNoisy();
        this.decay = new double[length];
        this.infIm = new double[length];
        this.noiseScale = new double[length];
    }

    @Override
    public int incrementsPerChannel() {
        return 2;
    }

    @Override
    public int batchSize() {
        return batch;
    }

    @Override
    public int driftEvaluationsPerStep() {
        return 1;
    }

    @Override
    public void step(double t, double dt, double[] x, double[] dW) {
        prepare(0.5 * dt);
        for (int lo = 0; lo < batch; lo += TILE) {
            final int hi = Math.min(batch, lo + TILE);
            for (int i = 0; 2 * i - 2 < length; i++) {
                final int e = 2 * i;
                // C and B^e on the even bond (e, e+1)
                if (e < length) {
                    dissipate(e, x, dW, 1.0, lo, hi);
                    if (e + 1 < length) {
                        dissipate(e + 1, x, dW, 1.0, lo, hi);
                        hopBond(e, x, lo, hi);
                    }
                }
                // B^o A B^o on the odd bond (e-1, e); the first and last sites may be unpaired
                final boolean odd = e - 1 >= 0 && e < length;
                if (odd) {
                    hopBond(e - 1, x, lo, hi);
                }
                if (e - 1 >= 0 && e - 1 < length) {
                    rotate(e - 1, dt, x, lo, hi);
                }
                if (e < length) {
                    rotate(e, dt, x, lo, hi);
                }
                if (odd) {
                    hopBond(e - 1, x, lo, hi);
                }
                // B^e and C on the even bond (e-2, e-1)
                if (e - 2 >= 0) {
                    if (e - 1 < length) {
                        hopBond(e - 2, x, lo, hi);
                        dissipate(e - 2, x, dW, -1.0, lo, hi);
                        dissipate(e - 1, x, dW, -1.0, lo, hi);
                    } else {
                        dissipate(e - 2, x, dW, -1.0, lo, hi);
                    }
                }
            }
        }
    }

    /**
     * The same step as seven full passes in the order of the Strang formula; the reference the
     * fused sweep is tested against.
     */
    void stepReference(double t, double dt, double[] x, double[] dW) {
        prepare(0.5 * dt);
        for (int l = 0; l < length; l++) {
            dissipate(l, x, dW, 1.0, 0, batch);
        }
        for (int l = 0; l + 1 < length; l += 2) {
            hopBond(l, x, 0, batch);
        }
        for (int l = 1; l + 1 < length; l += 2) {
            hopBond(l, x, 0, batch);
        }
        for (int l = 0; l < length; l++) {
            rotate(l, dt, x, 0, batch);
        }
        for (int l = 1; l + 1 < length; l += 2) {
            hopBond(l, x, 0, batch);
        }
        for (int l = 0; l + 1 < length; l += 2) {
            hopBond(l, x, 0, batch);
        }
        for (int l = 0; l < length; l++) {
            dissipate(l, x, dW, -1.0, 0, batch);
        }
    }

    /** Caches the half-step coefficients when the step size changes. */
    private void prepare(double half) {
        if (half == tau) {
            return;
        }
        tau = half;
        hopCos = Math.cos(hop * half);
        hopSin = Math.sin(hop * half);
        for (int l = 0; l < length; l++) {
            double k = kappa[l];
            if (k > 0) {
                decay[l] = Math.exp(-0.5 * k * half);
                infIm[l] = -2 * drive[l] / k;
                // W_k = (dW + sign * eta) / 2 ~ N(0, tau); rescale to variance (1-e^{-k tau})/4
                noiseScale[l] = 0.5 * Math.sqrt(-Math.expm1(-k * half) / 4 / half);
            }
        }
    }

    /** Exact OU flow of loss, drive and noise of site l over the half step; sign selects W1/W2. */
    private void dissipate(int l, double[] x, double[] dW, double sign, int lo, int hi) {
        final int n = batch;
        final double k = kappa[l];
        final double f = drive[l];
        final int re = 2 * l * n;
        final int im = re + n;
        if (k > 0) {
            final double d = decay[l];
            final double inf = infIm[l];
            for (int b = lo; b < hi; b++) {
                x[re + b] = x[re + b] * d;
                x[im + b] = inf + (x[im + b] - inf) * d;
            }
            int j = channel[l];
            if (noisy && j >= 0) {
                final double scale = noiseScale[l];
                final int w = j * n;
                final int e = (channels + j) * n;
                for (int b = lo; b < hi; b++) {
                    x[re + b] += scale * (dW[w + b] + sign * dW[e + b]);
                }
                for (int b = lo; b < hi; b++) {
                    x[im + b] += scale * (dW[w + n + b] + sign * dW[e + n + b]);
                }
            }
        } else if (f != 0) {
            final double shift = f * tau;
            for (int b = lo; b < hi; b++) {
                x[im + b] -= shift;
            }
        }
    }

    /** Exact hopping flow over the half step on the bond (l, l+1). */
    private void hopBond(int l, double[] x, int lo, int hi) {
        final int n = batch;
        final double cs = hopCos;
        final double sn = hopSin;
        final int ar = 2 * l * n;
        final int ai = ar + n;
        final int br = ai + n;
        final int bi = br + n;
        for (int b = lo; b < hi; b++) {
            double pr = x[ar + b];
            double pi = x[ai + b];
            double qr = x[br + b];
            double qi = x[bi + b];
            // a' = a cos + i b sin, b' = b cos + i a sin
            x[ar + b] = pr * cs - qi * sn;
            x[ai + b] = pi * cs + qr * sn;
            x[br + b] = qr * cs - pi * sn;
            x[bi + b] = qi * cs + pr * sn;
        }
    }

    /** Exact on-site phase rotation of site l over the full step. */
    private void rotate(int l, double step, double[] x, int lo, int hi) {
        final int n = batch;
        final int re = 2 * l * n;
        final int im = re + n;
        for (int b = lo; b < hi; b++) {
            double ar = x[re + b];
            double ai = x[im + b];
            double theta = (delta - u * (ar * ar + ai * ai - c)) * step;
            double cs;
            double sn;
            if (Math.abs(theta) <= QUARTER_PI) {
                double t2 = theta * theta;
                double pc = COS[9];
                double ps = SIN[9];
                for (int k = 8; k >= 0; k--) {
                    pc = pc * t2 + COS[k];
                    ps = ps * t2 + SIN[k];
                }
                cs = pc;
                sn = ps * theta;
            } else {
                cs = Math.cos(theta);
                sn = Math.sin(theta);
            }
            x[re + b] = ar * cs - ai * sn;
            x[im + b] = ar * sn + ai * cs;
        }
    }
}
