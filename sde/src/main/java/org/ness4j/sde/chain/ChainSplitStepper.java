package org.ness4j.sde.chain;

import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.sde.SdeStepper;

/**
 * The per-batch stepper of {@link SplitStep}. Not thread-safe: one per thread.
 */
final class ChainSplitStepper implements SdeStepper {

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
        double half = 0.5 * dt;
        dissipate(half, x, dW, 1.0);
        hopAll(half, x, 0);
        hopAll(half, x, 1);
        rotate(dt, x);
        hopAll(half, x, 1);
        hopAll(half, x, 0);
        dissipate(half, x, dW, -1.0);
    }

    /** Exact OU flow of loss, drive and noise over tau; sign selects W1 (+) or W2 (-). */
    private void dissipate(double tau, double[] x, double[] dW, double sign) {
        final int n = batch;
        for (int l = 0; l < length; l++) {
            final double k = kappa[l];
            final double f = drive[l];
            final int re = 2 * l * n;
            final int im = re + n;
            if (k > 0) {
                final double decay = Math.exp(-0.5 * k * tau);
                final double infIm = -2 * f / k;
                for (int b = 0; b < n; b++) {
                    x[re + b] = x[re + b] * decay;
                    x[im + b] = infIm + (x[im + b] - infIm) * decay;
                }
                int j = channel[l];
                if (noisy && j >= 0) {
                    // W_k = (dW + sign * eta) / 2 ~ N(0, tau); rescale to variance (1-e^{-k tau})/4
                    double scale = 0.5 * Math.sqrt(-Math.expm1(-k * tau) / 4 / tau);
                    int w = j * n;
                    int e = (channels + j) * n;
                    for (int b = 0; b < n; b++) {
                        x[re + b] += scale * (dW[w + b] + sign * dW[e + b]);
                    }
                    w += n;
                    e += n;
                    for (int b = 0; b < n; b++) {
                        x[im + b] += scale * (dW[w + b] + sign * dW[e + b]);
                    }
                }
            } else if (f != 0) {
                final double shift = f * tau;
                for (int b = 0; b < n; b++) {
                    x[im + b] -= shift;
                }
            }
        }
    }

    /** Exact hopping flow over tau on the bonds (l, l+1) with l = parity, parity + 2, ... */
    private void hopAll(double tau, double[] x, int parity) {
        final int n = batch;
        final double cs = Math.cos(hop * tau);
        final double sn = Math.sin(hop * tau);
        for (int l = parity; l + 1 < length; l += 2) {
            final int ar = 2 * l * n;
            final int ai = ar + n;
            final int br = ai + n;
            final int bi = br + n;
            for (int b = 0; b < n; b++) {
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
    }

    /** Exact on-site phase rotation over tau. */
    private void rotate(double tau, double[] x) {
        final int n = batch;
        for (int l = 0; l < length; l++) {
            final int re = 2 * l * n;
            final int im = re + n;
            for (int b = 0; b < n; b++) {
                double ar = x[re + b];
                double ai = x[im + b];
                double theta = (delta - u * (ar * ar + ai * ai - c)) * tau;
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
}
