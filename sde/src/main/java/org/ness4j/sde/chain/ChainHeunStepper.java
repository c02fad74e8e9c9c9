package org.ness4j.sde.chain;

import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.sde.Heun;
import org.ness4j.sde.SdeStepper;

/**
 * {@link Heun}'s scheme for a {@link ChainProblem}, fused into a single pass over the chain.
 *
 * <p>The predictor of site \( \ell + 1 \) and the corrector of site \( \ell \) are computed
 * together while walking along the chain, so only three rows of predictor and drift are kept
 * (ring buffers) and every row of the state is read and written once per step while it is in
 * cache. The walk runs over tiles of {@value #TILE} trajectories copied into one scratch array
 * per quadrature and site, so that every loop accesses whole arrays at the loop index, which
 * HotSpot's C2 vectorizes (it does not vectorize stores into one array at two offsets, as the
 * batch layout would need); see {@code docs/benchmarks.md}. The arithmetic is the same, in the
 * same order and with the same {@link Math#fma}s, as the generic Heun stepper with
 * {@link BoseHubbardChain#drift}, so both give bit-identical results (tested).
 *
 * <p>Tiles of fewer than {@value #NARROW} trajectories (a single Gross-Pitaevskii trajectory, the
 * remainder of a batch) are stepped one trajectory at a time in scalar code with the same
 * arithmetic, which is several times faster there (tested bit-identical).
 *
 * <p>Not thread-safe: one per thread.
 */
final class ChainHeunStepper implements SdeStepper {

    /**
     * Trajectories per tile (scratch: (2 L + 13) x TILE doubles: the tile's field, the 3-slot
     * ring buffers of predictor and first drift, and a row of zeros; plus 4 L for single
     * trajectories).
     */
    static final int TILE = 256;
    /**
     * Tiles narrower than this (a single Gross-Pitaevskii trajectory, the last tile of an
     * odd-sized batch) are stepped one trajectory at a time: for them the vector loops would
     * be all set-up.
     */
    static final int NARROW = 8;

    private final int length;
    private final int batch;
    private final double delta;
    private final double hop;
    private final double u;
    private final double c;
    private final double[] halfKappa;
    private final double[] drive;
    /** Channel of Re alpha_l, or -1 for a noise-free site (Im uses channel + 1). */
    private final int[] channel;
    private final double[] amplitude;
    /** The tile: re[l][b], im[l][b] for lane lo + b. */
    private final double[][] re;
    private final double[][] im;
    /** Ring buffers of predictor and first drift, slot l % 3. */
    private final double[][] preRe;
    private final double[][] preIm;
    private final double[][] k1Re;
    private final double[][] k1Im;
    private final double[] zero;
    /** Per-site drift and predictor of one trajectory, for {@link #stepNarrow}. */
    private final double[] siteKr;
    private final double[] siteKi;
    private final double[] sitePr;
    private final double[] sitePi;

    ChainHeunStepper(ChainProblem problem, int batch) {
        BoseHubbardChain chain = problem.chain();
        this.length = chain.length();
        this.batch = batch;
        this.delta = chain.detuning();
        this.hop = chain.hopping();
        this.u = chain.interaction();
        this.c = problem.limit().kerrOffset();
        this.halfKappa = chain.lossRates();
        for (int l = 0; l < length; l++) {
            halfKappa[l] *= 0.5;
        }
        this.drive = chain.drives();
        this.channel = new int[length];
        this.amplitude = new double[length];
        java.util.Arrays.fill(channel, -1);
        int[] comps = problem.noiseComponents();
        double[] amps = problem.amplitudes();
        for (int j = 0; j < comps.length; j += 2) {
            channel[comps[j] / 2] = j;
            amplitude[comps[j] / 2] = amps[j];
        }
        int tile = Math.min(TILE, batch);
        this.re = new double[length][tile];
        this.im = new double[length][tile];
        this.preRe = new double[3][tile];
        this.preIm = new double[3][tile];
        this.k1Re = new double[3][tile];
        this.k1Im = new double[3][tile];
        this.zero = new double[tile];
        this.siteKr = new double[length];
        this.siteKi = new double[length];
        this.sitePr = new double[length];
        this.sitePi = new double[length];
    }

    @Override
    public void step(double t, double dt, double[] x, double[] dW) {
        for (int lo = 0; lo < batch; lo += TILE) {
            final int w = Math.min(batch, lo + TILE) - lo;
            if (w < NARROW) {
                stepNarrow(dt, x, dW, lo, w);
                continue;
            }
            for (int l = 0; l < length; l++) {
                System.arraycopy(x, 2 * l * batch + lo, re[l], 0, w);
                System.arraycopy(x, (2 * l + 1) * batch + lo, im[l], 0, w);
            }
            predict(0, dt, dW, lo, w);
            for (int l = 0; l < length; l++) {
                if (l + 1 < length) {
                    predict(l + 1, dt, dW, lo, w);
                }
                correct(l, dt, dW, lo, w);
            }
            for (int l = 0; l < length; l++) {
                System.arraycopy(re[l], 0, x, 2 * l * batch + lo, w);
                System.arraycopy(im[l], 0, x, (2 * l + 1) * batch + lo, w);
            }
        }
    }

    /**
     * The same step for the lanes {@code lo .. lo + w - 1}, one trajectory at a time in scalar
     * code on the batch array: predictors of all sites, then the correctors. Same arithmetic in
     * the same order as the tiled walk (missing neighbours are added as 0.0, as the zero row).
     */
    private void stepNarrow(double dt, double[] x, double[] dW, int lo, int w) {
        final int n = batch;
        final double half = 0.5 * dt;
        final double[] kr = siteKr;
        final double[] ki = siteKi;
        final double[] pr = sitePr;
        final double[] pi = sitePi;
        for (int b = lo; b < lo + w; b++) {
            for (int l = 0; l < length; l++) {
                final int o = 2 * l * n + b;
                double a = x[o];
                double q = x[o + n];
                double leftRe = l > 0 ? x[o - 2 * n] : 0.0;
                double leftIm = l > 0 ? x[o - n] : 0.0;
                double rightRe = l + 1 < length ? x[o + 2 * n] : 0.0;
                double rightIm = l + 1 < length ? x[o + 3 * n] : 0.0;
                double kRe = driftRe(a, q, leftIm + rightIm, halfKappa[l]);
                double kIm = driftIm(a, q, leftRe + rightRe, halfKappa[l], drive[l]);
                kr[l] = kRe;
                ki[l] = kIm;
                double pRe = a + kRe * dt;
                double pIm = q + kIm * dt;
                int j = channel[l];
                if (j >= 0) {
                    pRe += amplitude[l] * dW[j * n + b];
                    pIm += amplitude[l] * dW[(j + 1) * n + b];
                }
                pr[l] = pRe;
                pi[l] = pIm;
            }
            for (int l = 0; l < length; l++) {
                final int o = 2 * l * n + b;
                double a = pr[l];
                double q = pi[l];
                double leftRe = l > 0 ? pr[l - 1] : 0.0;
                double leftIm = l > 0 ? pi[l - 1] : 0.0;
                double rightRe = l + 1 < length ? pr[l + 1] : 0.0;
                double rightIm = l + 1 < length ? pi[l + 1] : 0.0;
                double xRe = x[o] + (kr[l] + driftRe(a, q, leftIm + rightIm, halfKappa[l]))
                    * half;
                double xIm = x[o + n]
                    + (ki[l] + driftIm(a, q, leftRe + rightRe, halfKappa[l], drive[l])) * half;
                int j = channel[l];
                if (j >= 0) {
                    xRe += amplitude[l] * dW[j * n + b];
                    xIm += amplitude[l] * dW[(j + 1) * n + b];
                }
                x[o] = xRe;
                x[o + n] = xIm;
            }
        }
    }

    /** Drift k1 and predictor of site l from the old state (site l - 1 is corrected later). */
    private void predict(int l, double dt, double[] dW, int lo, int w) {
        final double[] ar = re[l];
        final double[] ai = im[l];
        final double[] lr = l > 0 ? re[l - 1] : zero;
        final double[] li = l > 0 ? im[l - 1] : zero;
        final double[] rr = l + 1 < length ? re[l + 1] : zero;
        final double[] ri = l + 1 < length ? im[l + 1] : zero;
        final double[] kr = k1Re[l % 3];
        final double[] ki = k1Im[l % 3];
        final double[] pr = preRe[l % 3];
        final double[] pi = preIm[l % 3];
        final double hk = halfKappa[l];
        final double f = drive[l];
        for (int b = 0; b < w; b++) {
            double a = ar[b];
            double q = ai[b];
            double k = driftRe(a, q, li[b] + ri[b], hk);
            kr[b] = k;
            pr[b] = a + k * dt;
        }
        for (int b = 0; b < w; b++) {
            double a = ar[b];
            double q = ai[b];
            double k = driftIm(a, q, lr[b] + rr[b], hk, f);
            ki[b] = k;
            pi[b] = q + k * dt;
        }
        int j = channel[l];
        if (j >= 0) {
            addNoise(pr, amplitude[l], dW, j * batch + lo, w);
            addNoise(pi, amplitude[l], dW, (j + 1) * batch + lo, w);
        }
    }

    /** Drift of the predictor at site l and the trapezoidal update of the state. */
    private void correct(int l, double dt, double[] dW, int lo, int w) {
        final int slot = l % 3;
        final double[] pr = preRe[slot];
        final double[] pi = preIm[slot];
        final double[] lr = l > 0 ? preRe[(l - 1) % 3] : zero;
        final double[] li = l > 0 ? preIm[(l - 1) % 3] : zero;
        final double[] rr = l + 1 < length ? preRe[(l + 1) % 3] : zero;
        final double[] ri = l + 1 < length ? preIm[(l + 1) % 3] : zero;
        final double[] kr = k1Re[slot];
        final double[] ki = k1Im[slot];
        final double[] ar = re[l];
        final double[] ai = im[l];
        final double half = 0.5 * dt;
        final double hk = halfKappa[l];
        final double f = drive[l];
        for (int b = 0; b < w; b++) {
            double a = pr[b];
            double q = pi[b];
            ar[b] += (kr[b] + driftRe(a, q, li[b] + ri[b], hk)) * half;
        }
        for (int b = 0; b < w; b++) {
            double a = pr[b];
            double q = pi[b];
            ai[b] += (ki[b] + driftIm(a, q, lr[b] + rr[b], hk, f)) * half;
        }
        int j = channel[l];
        if (j >= 0) {
            addNoise(ar, amplitude[l], dW, j * batch + lo, w);
            addNoise(ai, amplitude[l], dW, (j + 1) * batch + lo, w);
        }
    }

    /*
     * The drift of one site (Eq. 3) in quadratures, as two functions that each recompute the
     * Kerr frequency s: every loop above evaluates one of them and stores its results at once
     * (predictor, or trapezoidal update), because a loop body holding both is too large for C2
     * to unroll and vectorize (docs/benchmarks.md). Same arithmetic as BoseHubbardChain.drift.
     */

    /** Real part of the drift at field (a, q), with the sum of the neighbours' imaginary parts. */
    private double driftRe(double a, double q, double hopIm, double hk) {
        double s = Math.fma(-u, Math.fma(a, a, q * q) - c, delta);
        return Math.fma(-s, q, Math.fma(-hop, hopIm, -hk * a));
    }

    /** Imaginary part of the drift at field (a, q), with the sum of the neighbours' real parts. */
    private double driftIm(double a, double q, double hopRe, double hk, double f) {
        double s = Math.fma(-u, Math.fma(a, a, q * q) - c, delta);
        return Math.fma(s, a, Math.fma(hop, hopRe, Math.fma(-hk, q, -f)));
    }

    private static void addNoise(double[] y, double g, double[] dW, int off, int w) {
        for (int b = 0; b < w; b++) {
            y[b] += g * dW[off + b];
        }
    }

    @Override
    public int batchSize() {
        return batch;
    }

    @Override
    public int driftEvaluationsPerStep() {
        return 2;
    }
}
