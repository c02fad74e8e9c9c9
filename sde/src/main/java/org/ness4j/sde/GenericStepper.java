package org.ness4j.sde;

/**
 * What the generic steppers (any {@link SdeProblem}) of {@link EulerMaruyama},
 * {@link RkMilstein}, {@link RkMilCommute} and {@link Heun} share: the problem, the batch width,
 * the noise pattern with the offsets {@code index * batch} of its rows and columns, and the two
 * loops over its nonzeros on the batched layout (component i of lane b at
 * {@code i * batch + b}, nonzero k of G at {@code k * batch + b}).
 *
 * <p>Thread safety: not thread-safe (subclasses hold scratch arrays).
 */
abstract class GenericStepper implements SdeStepper {

    /** The problem. */
    final SdeProblem problem;
    /** Trajectories per batch. */
    final int batch;
    /** The problem's noise pattern. */
    final NoiseMatrix pattern;
    /** {@code row(k) * batch} for each nonzero k. */
    final int[] rowOff;
    /** {@code column(k) * batch} for each nonzero k. */
    final int[] colOff;

    GenericStepper(SdeProblem problem, int batch) {
        this.problem = problem;
        this.batch = batch;
        this.pattern = problem.noiseMatrix();
        this.rowOff = offsets(pattern.rows(), batch);
        this.colOff = offsets(pattern.columns(), batch);
    }

    /** Offsets {@code index * batch} of the rows or columns of a noise pattern. */
    static int[] offsets(int[] indices, int batch) {
        int[] o = new int[indices.length];
        for (int k = 0; k < o.length; k++) {
            o[k] = indices[k] * batch;
        }
        return o;
    }

    /** @return {@code 0, 1, ..., count - 1}: every nonzero of a pattern, for {@link #addColumns} */
    static int[] allNonzeros(int count) {
        int[] all = new int[count];
        for (int k = 0; k < count; k++) {
            all[k] = k;
        }
        return all;
    }

    /**
     * Adds the noise term \( s\,G\,\Delta W \) of a step, lane by lane:
     * {@code y[rowOff[k] + b] += s * g[k * batch + b] * dW[colOff[k] + b]} for every nonzero k
     * ({@code s = 1}: bit for bit {@code g * dW}).
     */
    final void addNoise(double[] y, double[] g, double[] dW, double s) {
        for (int k = 0; k < rowOff.length; k++) {
            int off = rowOff[k];
            int wOff = colOff[k];
            int nOff = k * batch;
            for (int b = 0; b < batch; b++) {
                y[off + b] += s * g[nOff + b] * dW[wOff + b];
            }
        }
    }

    /**
     * Moves a stage along columns of G: {@code y[rowOff[k] + b] += g[k * batch + b] * s} for the
     * nonzeros k listed in {@code nonzeros} (all of them, or those of one Wiener process).
     */
    final void addColumns(double[] y, double[] g, double s, int[] nonzeros) {
        for (int k : nonzeros) {
            int off = rowOff[k];
            int nOff = k * batch;
            for (int b = 0; b < batch; b++) {
                y[off + b] += g[nOff + b] * s;
            }
        }
    }

    /**
     * The diagonal-noise Milstein update of {@link RkMilstein} and {@link RkMilCommute}:
     * {@code x += g w + (gUpsilon - base) c (w w - h)} per nonzero and lane, with w the Wiener
     * increment of the nonzero's column ({@code base = g}, {@code c = 1/(2 sqrt dt)},
     * {@code h = dt} in Itô calculus).
     */
    final void addMilstein(double[] x, double[] g, double[] gUpsilon, double[] base, double c,
                           double h, double[] dW) {
        for (int k = 0; k < rowOff.length; k++) {
            int off = rowOff[k];
            int wOff = colOff[k];
            int nOff = k * batch;
            for (int b = 0; b < batch; b++) {
                double w = dW[wOff + b];
                x[off + b] += g[nOff + b] * w
                    + (gUpsilon[nOff + b] - base[nOff + b]) * c * (w * w - h);
            }
        }
    }

    @Override
    public final int batchSize() {
        return batch;
    }
}
