package org.ness4j.sde.chain;

import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.sde.Heun;
import org.ness4j.sde.SdeStepper;

/**
 * {@link Heun}'s scheme for a {@link ChainProblem}, fused into a single pass over the chain.
 *
 * <p>The predictor of site \( \ell + 1 \) and the corrector of site \( \ell \) are computed
 * together while walking along the chain, so only three rows of predictor and drift are kept
 * (ring buffers of {@code 3 x 2 x batch} doubles) and every row of the state is read and written
 * once per step while it is in cache. Each row is processed by a plain loop over contiguous
 * trajectories. Measured on JDK 17 (docs/benchmarks.md): C2 does not yet vectorize these loops
 * (the speed is unchanged with {@code -XX:-UseSuperWord}); making it do so is open work. The arithmetic is the same, in the same order, as the
 * generic Heun stepper with {@link BoseHubbardChain#drift}, so both give bit-identical results
 * (tested).
 *
 * <p>Not thread-safe: one per thread.
 */
final class ChainHeunStepper implements SdeStepper {

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
    private final double[] pre;
    private final double[] k1;
    private final double[] zero;

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
        this.pre = new double[6 * batch];
        this.k1 = new double[6 * batch];
        this.zero = new double[batch];
    }

    @Override
    public void step(double t, double dt, double[] x, double[] dW) {
        predict(0, dt, x, dW);
        for (int l = 0; l < length; l++) {
            if (l + 1 < length) {
                predict(l + 1, dt, x, dW);
            }
            correct(l, dt, x, dW);
        }
    }

    /** Drift k1 and predictor of site l from the old state. */
    private void predict(int l, double dt, double[] x, double[] dW) {
        final int n = batch;
        final int cr = 2 * l * n;
        final int ci = cr + n;
        final double[] left = l > 0 ? x : zero;
        final int lr = l > 0 ? cr - 2 * n : 0;
        final int li = l > 0 ? cr - n : 0;
        final double[] right = l + 1 < length ? x : zero;
        final int rr = l + 1 < length ? cr + 2 * n : 0;
        final int ri = l + 1 < length ? cr + 3 * n : 0;
        final int slot = 2 * (l % 3) * n;
        final double hk = halfKappa[l];
        final double f = drive[l];
        for (int b = 0; b < n; b++) {
            double ar = x[cr + b];
            double ai = x[ci + b];
            double nr = left[lr + b] + right[rr + b];
            double ni = left[li + b] + right[ri + b];
            double s = delta - u * (ar * ar + ai * ai - c);
            double fr = -s * ai - hop * ni - hk * ar;
            double fi = s * ar + hop * nr - f - hk * ai;
            k1[slot + b] = fr;
            k1[slot + n + b] = fi;
            pre[slot + b] = ar + fr * dt;
            pre[slot + n + b] = ai + fi * dt;
        }
        int j = channel[l];
        if (j >= 0) {
            addNoise(pre, slot, amplitude[l], dW, j * n);
            addNoise(pre, slot + n, amplitude[l], dW, (j + 1) * n);
        }
    }

    /** Drift of the predictor at site l and the trapezoidal update of x. */
    private void correct(int l, double dt, double[] x, double[] dW) {
        final int n = batch;
        final int cr = 2 * l * n;
        final int ci = cr + n;
        final int slot = 2 * (l % 3) * n;
        final double[] left = l > 0 ? pre : zero;
        final int lr = l > 0 ? 2 * ((l - 1) % 3) * n : 0;
        final int li = l > 0 ? lr + n : 0;
        final double[] right = l + 1 < length ? pre : zero;
        final int rr = l + 1 < length ? 2 * ((l + 1) % 3) * n : 0;
        final int ri = l + 1 < length ? rr + n : 0;
        final double hk = halfKappa[l];
        final double f = drive[l];
        final double half = 0.5 * dt;
        for (int b = 0; b < n; b++) {
            double ar = pre[slot + b];
            double ai = pre[slot + n + b];
            double nr = left[lr + b] + right[rr + b];
            double ni = left[li + b] + right[ri + b];
            double s = delta - u * (ar * ar + ai * ai - c);
            double fr = -s * ai - hop * ni - hk * ar;
            double fi = s * ar + hop * nr - f - hk * ai;
            x[cr + b] += (k1[slot + b] + fr) * half;
            x[ci + b] += (k1[slot + n + b] + fi) * half;
        }
        int j = channel[l];
        if (j >= 0) {
            addNoise(x, cr, amplitude[l], dW, j * n);
            addNoise(x, ci, amplitude[l], dW, (j + 1) * n);
        }
    }

    private void addNoise(double[] y, int off, double g, double[] dW, int nOff) {
        for (int b = 0; b < batch; b++) {
            y[off + b] += g * dW[nOff + b];
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
