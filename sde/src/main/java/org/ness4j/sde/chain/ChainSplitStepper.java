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
 * seven full passes ({@link #stepEachTrajectory}, tested).
 *
 * <p>Vectorization: the sweep runs over tiles of {@value #TILE} trajectories copied into one
 * scratch array per quadrature and site, so that every loop reads and writes whole arrays at the
 * loop index (HotSpot's C2 vectorizes such loops; it does not vectorize stores into one array at
 * two different offsets, which the batch layout would need), and the Kerr rotation is split
 * into small loops (angle, cosine polynomial, sine polynomial, rotation) because C2 unrolls, and
 * hence vectorizes, only loops with small bodies. Angles beyond \( \pi/4 \), where the
 * polynomials are not accurate to rounding, are redone with {@link Math#cos}/{@link Math#sin}
 * in a scalar pass that runs only when a tight detection loop finds one.
 * The hopping, the rotation and the polynomials use {@link Math#fma} (one rounding, one
 * instruction on every x86-64 CPU since 2013 and on AArch64; on a CPU without FMA the JDK
 * emulates it slowly). {@code Math.fma} is specified to the bit and Java never contracts
 * {@code a * b + c} on its own, so the vectorized arithmetic is bit-identical to the scalar one
 * and the same on every JVM. Which vector width is fastest depends on the CPU (Intel Ice Lake:
 * 32 bytes, AMD EPYC Zen 5: HotSpot's default 64); see {@code docs/benchmarks.md}.
 *
 * <p>Tiles of fewer than {@value #NARROW} trajectories (a single Gross-Pitaevskii trajectory, the
 * remainder of a batch) are stepped one trajectory at a time in scalar code with the same
 * arithmetic, which is several times faster there (tested bit-identical).
 *
 * <p>Not thread-safe: one per thread.
 */
final class ChainSplitStepper implements SdeStepper {

    /** Trajectories per tile of the fused sweep (scratch: 2 L x TILE doubles). */
    static final int TILE = 256;
    /**
     * Tiles narrower than this (a single Gross-Pitaevskii trajectory, the last tile of an
     * odd-sized batch) are stepped one trajectory at a time ({@link #stepNarrow}): for them
     * the vector loops would be all set-up.
     */
    static final int NARROW = 8;

    /**
     * Below this \( \kappa\tau/2 \) the loss-and-drive flow is evaluated as
     * \( a\,e^{-\kappa\tau/2} + (2F/\kappa)\,\mathrm{expm1}(-\kappa\tau/2) \); above it as
     * \( a_\infty + (a - a_\infty)e^{-\kappa\tau/2} \) with \( a_\infty = -2F/\kappa \)
     * (unchanged, so ordinary loss rates give the same bits as before). The second form loses
     * about \( 2\epsilon/(\kappa\tau) \) of the drive to cancellation: all of it for
     * \( \kappa \lesssim 10^{-10} \); at the threshold it is \( 2 \cdot 10^{-10} \) relative.
     */
    static final double SMALL_DECAY = 1e-6;

    private static final double QUARTER_PI_SQUARED = Math.PI * Math.PI / 16;
    /*
     * Minimax polynomials of cos x (degree 14) and sin x / x (degree 12) in s = x^2 on
     * |x| <= pi/4: the coefficients of fdlibm's __kernel_cos and __kernel_sin (errors below
     * 2^-58 relative), two and one coefficients fewer than the Taylor polynomials of the same
     * accuracy used before 2026-12-08 (docs/benchmarks.md).
     */
    private static final double C1 = 4.16666666666666019037e-02;
    private static final double C2 = -1.38888888888741095749e-03;
    private static final double C3 = 2.48015872894767294178e-05;
    private static final double C4 = -2.75573143513906633035e-07;
    private static final double C5 = 2.08757232129817482790e-09;
    private static final double C6 = -1.13596475577881948265e-11;
    private static final double S1 = -1.66666666666666324348e-01;
    private static final double S2 = 8.33333333332248946124e-03;
    private static final double S3 = -1.98412698298579493134e-04;
    private static final double S4 = 2.75573137070700676789e-06;
    private static final double S5 = -2.50507602534068634195e-08;
    private static final double S6 = 1.58969099521155010221e-10;

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
    /**
     * Per site: true where \( \kappa_\ell \tau/2 \) is below {@link #SMALL_DECAY}, so that the
     * drive enters as {@link #driveShift} instead of through {@link #infIm}.
     */
    private final boolean[] smallDecay;
    /** \( (2F/\kappa)\,\mathrm{expm1}(-\kappa\tau/2) \) for the sites with small decay. */
    private final double[] driveShift;
    private final double[] noiseScale;
    private double tau = Double.NaN;
    private double hopCos;
    private double hopSin;
    /** The tile being stepped: re[l][b], im[l][b] for lane lo + b. */
    private final double[][] re;
    private final double[][] im;
    /** Scratch of the Kerr rotation: angle, angle squared, cosine, sine. */
    private final double[] theta;
    private final double[] theta2;
    private final double[] cosine;
    private final double[] sine;
    /** One trajectory's field, for {@link #stepNarrow}. */
    private final double[] laneRe;
    private final double[] laneIm;

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
        this.smallDecay = new boolean[length];
        this.driveShift = new double[length];
        this.noiseScale = new double[length];
        int tile = Math.min(TILE, batch);
        this.re = new double[length][tile];
        this.im = new double[length][tile];
        this.theta = new double[tile];
        this.theta2 = new double[tile];
        this.cosine = new double[tile];
        this.sine = new double[tile];
        this.laneRe = new double[length];
        this.laneIm = new double[length];
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
            final int w = Math.min(batch, lo + TILE) - lo;
            if (w < NARROW) {
                for (int b = lo; b < lo + w; b++) {
                    stepNarrow(dt, x, dW, b);
                }
                continue;
            }
            load(x, lo, w);
            for (int i = 0; 2 * i - 2 < length; i++) {
                final int e = 2 * i;
                // C and B^e on the even bond (e, e+1)
                if (e < length) {
                    dissipate(e, dW, 1.0, lo, w);
                    if (e + 1 < length) {
                        dissipate(e + 1, dW, 1.0, lo, w);
                        hopBond(e, w);
                    }
                }
                // B^o A B^o on the odd bond (e-1, e); the first and last sites may be unpaired
                final boolean odd = e - 1 >= 0 && e < length;
                if (odd) {
                    hopBond(e - 1, w);
                }
                if (e - 1 >= 0 && e - 1 < length) {
                    rotate(e - 1, dt, w);
                }
                if (e < length) {
                    rotate(e, dt, w);
                }
                if (odd) {
                    hopBond(e - 1, w);
                }
                // B^e and C on the even bond (e-2, e-1)
                if (e - 2 >= 0) {
                    if (e - 1 < length) {
                        hopBond(e - 2, w);
                        dissipate(e - 2, dW, -1.0, lo, w);
                        dissipate(e - 1, dW, -1.0, lo, w);
                    } else {
                        dissipate(e - 2, dW, -1.0, lo, w);
                    }
                }
            }
            store(x, lo, w);
        }
    }

    /**
     * The same step taken one trajectory at a time ({@link #stepNarrow} for every lane, the
     * seven factors in the textbook order); the reference the fused sweep is tested against.
     */
    void stepEachTrajectory(double dt, double[] x, double[] dW) {
        prepare(0.5 * dt);
        for (int b = 0; b < batch; b++) {
            stepNarrow(dt, x, dW, b);
        }
    }

    /**
     * The step of one trajectory (lane b) in scalar code, factor by factor in the order of the
     * Strang formula (each factor on all sites before the next); the same arithmetic as the
     * tiled sweep.
     */
    private void stepNarrow(double dt, double[] x, double[] dW, int b) {
        final int n = batch;
        final double[] ar = laneRe;
        final double[] ai = laneIm;
        for (int l = 0; l < length; l++) {
            ar[l] = x[2 * l * n + b];
            ai[l] = x[(2 * l + 1) * n + b];
        }
        for (int l = 0; l < length; l++) {
            dissipateLane(l, dW, 1.0, b);
        }
        for (int l = 0; l + 1 < length; l += 2) {
            hopLane(l);
        }
        for (int l = 1; l + 1 < length; l += 2) {
            hopLane(l);
        }
        for (int l = 0; l < length; l++) {
            double r = ar[l];
            double i = ai[l];
            double a = kerrAngle(r, i, dt);
            double s = a * a;
            double cs;
            double sn;
            if (s <= QUARTER_PI_SQUARED) {
                cs = cosine(s);
                sn = sineOverAngle(s) * a;
            } else {
                cs = Math.cos(a);
                sn = Math.sin(a);
            }
            ar[l] = Math.fma(r, cs, -i * sn);
            ai[l] = Math.fma(r, sn, i * cs);
        }
        for (int l = 1; l + 1 < length; l += 2) {
            hopLane(l);
        }
        for (int l = 0; l + 1 < length; l += 2) {
            hopLane(l);
        }
        for (int l = 0; l < length; l++) {
            dissipateLane(l, dW, -1.0, b);
        }
        for (int l = 0; l < length; l++) {
            x[2 * l * n + b] = ar[l];
            x[(2 * l + 1) * n + b] = ai[l];
        }
    }

    /** {@link #dissipate} for the one trajectory of {@link #stepNarrow}. */
    private void dissipateLane(int l, double[] dW, double sign, int b) {
        final int n = batch;
        final double k = kappa[l];
        if (k > 0) {
            final double d = decay[l];
            final double inf = infIm[l];
            double r = laneRe[l] * d;
            double i = smallDecay[l] ? laneIm[l] * d + driveShift[l]
                : inf + (laneIm[l] - inf) * d;
            int j = channel[l];
            if (noisy && j >= 0) {
                final double scale = noiseScale[l];
                final int wr = j * n + b;
                final int er = (channels + j) * n + b;
                r += scale * (dW[wr] + sign * dW[er]);
                i += scale * (dW[wr + n] + sign * dW[er + n]);
            }
            laneRe[l] = r;
            laneIm[l] = i;
        } else if (drive[l] != 0) {
            laneIm[l] -= drive[l] * tau;
        }
    }

    /** {@link #hopBond} for the one trajectory of {@link #stepNarrow}. */
    private void hopLane(int l) {
        double pr = laneRe[l];
        double pi = laneIm[l];
        double qr = laneRe[l + 1];
        double qi = laneIm[l + 1];
        laneRe[l] = Math.fma(pr, hopCos, -qi * hopSin);
        laneIm[l] = Math.fma(pi, hopCos, qr * hopSin);
        laneRe[l + 1] = Math.fma(qr, hopCos, -pi * hopSin);
        laneIm[l + 1] = Math.fma(qi, hopCos, pr * hopSin);
    }

    private void load(double[] x, int lo, int w) {
        for (int l = 0; l < length; l++) {
            System.arraycopy(x, 2 * l * batch + lo, re[l], 0, w);
            System.arraycopy(x, (2 * l + 1) * batch + lo, im[l], 0, w);
        }
    }

    private void store(double[] x, int lo, int w) {
        for (int l = 0; l < length; l++) {
            System.arraycopy(re[l], 0, x, 2 * l * batch + lo, w);
            System.arraycopy(im[l], 0, x, (2 * l + 1) * batch + lo, w);
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
                smallDecay[l] = 0.5 * k * half < SMALL_DECAY;
                driveShift[l] = 2 * drive[l] / k * Math.expm1(-0.5 * k * half);
                // W_k = (dW + sign * eta) / 2 ~ N(0, tau); rescale to variance (1-e^{-k tau})/4
                noiseScale[l] = 0.5 * Math.sqrt(-Math.expm1(-k * half) / 4 / half);
            }
        }
    }

    /** Exact OU flow of loss, drive and noise of site l over the half step; sign selects W1/W2. */
    private void dissipate(int l, double[] dW, double sign, int lo, int w) {
        final int n = batch;
        final double k = kappa[l];
        final double f = drive[l];
        final double[] ar = re[l];
        final double[] ai = im[l];
        if (k > 0) {
            final double d = decay[l];
            final double inf = infIm[l];
            if (smallDecay[l]) {
                // tiny loss: inf is huge and inf + (ai - inf) d would cancel the drive
                final double shift = driveShift[l];
                for (int b = 0; b < w; b++) {
                    ar[b] = ar[b] * d;
                    ai[b] = ai[b] * d + shift;
                }
            } else {
                for (int b = 0; b < w; b++) {
                    ar[b] = ar[b] * d;
                    ai[b] = inf + (ai[b] - inf) * d;
                }
            }
            int j = channel[l];
            if (noisy && j >= 0) {
                final double scale = noiseScale[l];
                final int wr = j * n + lo;
                final int er = (channels + j) * n + lo;
                for (int b = 0; b < w; b++) {
                    ar[b] += scale * (dW[wr + b] + sign * dW[er + b]);
                }
                for (int b = 0; b < w; b++) {
                    ai[b] += scale * (dW[wr + n + b] + sign * dW[er + n + b]);
                }
            }
        } else if (f != 0) {
            final double shift = f * tau;
            for (int b = 0; b < w; b++) {
                ai[b] -= shift;
            }
        }
    }

    /** Exact hopping flow over the half step on the bond (l, l+1). */
    private void hopBond(int l, int w) {
        final double cs = hopCos;
        final double sn = hopSin;
        final double[] ar = re[l];
        final double[] ai = im[l];
        final double[] br = re[l + 1];
        final double[] bi = im[l + 1];
        for (int b = 0; b < w; b++) {
            double pr = ar[b];
            double pi = ai[b];
            double qr = br[b];
            double qi = bi[b];
            // a' = a cos + i b sin, b' = b cos + i a sin
            ar[b] = Math.fma(pr, cs, -qi * sn);
            ai[b] = Math.fma(pi, cs, qr * sn);
            br[b] = Math.fma(qr, cs, -pi * sn);
            bi[b] = Math.fma(qi, cs, pr * sn);
        }
    }

    /**
     * Exact on-site phase rotation of site l over the full step. Cosine and sine of the angle
     * come from minimax polynomials of degree 14 and 13 (within one ulp of
     * {@link StrictMath}'s for angles up to \( \pi/4 \), measured on 1e6 random angles; the
     * test checks the rotated field); a tight loop detects angles beyond that (or NaN), and only
     * then are those lanes redone with {@link Math#cos} and {@link Math#sin}. (The loops are
     * written out here: moved to a separate method, C2 did not inline them and the whole step
     * ran at 60 % of the speed.)
     */
    private void rotate(int l, double step, int w) {
        final double[] ar = re[l];
        final double[] ai = im[l];
        final double[] th = theta;
        final double[] t2 = theta2;
        for (int b = 0; b < w; b++) {
            double r = ar[b];
            double i = ai[b];
            double a = kerrAngle(r, i, step);
            th[b] = a;
            t2[b] = a * a;
        }
        final double[] cos = cosine;
        final double[] sin = sine;
        for (int b = 0; b < w; b++) {
            double s = t2[b];
            cos[b] = cosine(s);
        }
        for (int b = 0; b < w; b++) {
            double s = t2[b];
            sin[b] = sineOverAngle(s) * th[b];
        }
        boolean wide = false;
        for (int b = 0; b < w; b++) {
            wide |= !(t2[b] <= QUARTER_PI_SQUARED);
        }
        if (wide) {
            for (int b = 0; b < w; b++) {
                if (!(t2[b] <= QUARTER_PI_SQUARED)) {
                    cos[b] = Math.cos(th[b]);
                    sin[b] = Math.sin(th[b]);
                }
            }
        }
        for (int b = 0; b < w; b++) {
            double r = ar[b];
            double i = ai[b];
            ar[b] = Math.fma(r, cos[b], -i * sin[b]);
            ai[b] = Math.fma(r, sin[b], i * cos[b]);
        }
    }

    /** Kerr rotation angle of a site with field (r, i) over a step (Eq. 3's on-site term). */
    private double kerrAngle(double r, double i, double step) {
        return (delta - u * (Math.fma(r, r, i * i) - c)) * step;
    }

    /** cos x as a polynomial of degree 7 in \( s = x^2 \) (Horner, {@code fma}). */
    private static double cosine(double s) {
        return Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(
            C6, s, C5), s, C4), s, C3), s, C2), s, C1), s, -0.5), s, 1.0);
    }

    /** sin x / x as a polynomial of degree 6 in \( s = x^2 \) (Horner, {@code fma}). */
    private static double sineOverAngle(double s) {
        return Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(
            S6, s, S5), s, S4), s, S3), s, S2), s, S1), s, 1.0);
    }
}
