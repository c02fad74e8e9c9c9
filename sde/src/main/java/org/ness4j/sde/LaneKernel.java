package org.ness4j.sde;

/**
 * Evaluates a per-trajectory field of a {@link SmallSdeProblem} over the lanes of a batch, so
 * that C2 compiles the lambda as if it had been written as a batched loop.
 *
 * <p>For n inputs and k outputs up to 4 each, a loop written out for that size gathers
 * lane b into a {@code double[n]}, calls the field on a {@code double[k]} (both allocated once
 * per call, the outputs zeroed after each lane) and scatters it back. When the field's call is
 * inlined and the field indexes the arrays at constant positions, escape analysis replaces both
 * arrays by registers (C2 does so only for arrays of constant length accessed at constant
 * indices: hence one loop per size, not a loop over components) and the loop over lanes
 * vectorizes like a hand-written
 * one. The call is inlined only where its profile sees one lambda class, so
 * {@link SmallSdeProblem} gives each field its own copy of this class
 * ({@code SmallSdeProblem.spawn}: a hidden class defined from this class's own bytes, whose methods, and so
 * call-site profiles, are its own) instead of one shared call site that several problems make
 * megamorphic. Larger sizes take a generic loop over reusable scratch arrays.
 *
 * <p>The sixteen {@code lanesNK} methods are written out in full, on purpose: each
 * must allocate its two arrays with literal lengths in the method that holds the loop (an
 * array passed in from a caller escapes once the loop is compiled on its own; JDK 17 does not
 * scalar-replace a phi of allocations of different lengths), and each must index them at
 * literal positions. A shorter form that kept the per-size allocations but shared the gather
 * and scatter (static helpers testing {@code xs.length}, folded once inlined) still removed
 * the allocations (JMH {@code -prof gc}: 0 B per step) but ran the 2-component step of
 * {@code examples/bench/SmallProblemBenchmark} (lambdas, polluted, batch 1024) in 3.3 to
 * 3.6 us against 2.6 us for these copies (2026-12-08, shared 2-core machine, two runs each;
 * batch 64 showed no difference), so the copies stay. All follow one pattern: gather
 * {@code xs[i] = x[i * batch + b]} for i below N, call, scatter
 * {@code y[k * batch + b] = ys[k]; ys[k] = 0} for k below K; a change to one must be made to
 * all ({@code SmallSdeProblemTest} checks every size against a per-lane evaluation).
 *
 * <p>This class must not use lambdas, inner classes or static state: its bytes are copied.
 *
 * <p>Thread safety: immutable (fields final); reentrant (scratch arrays are per call).
 */
final class LaneKernel implements SmallSdeProblem.Lanes {

    private final SmallSdeProblem.Field field;
    private final SmallSdeProblem.ScalarField scalar;
    private final int in;
    private final int out;
    private final int size;

    LaneKernel(SmallSdeProblem.Field field, SmallSdeProblem.ScalarField scalar, int in, int out) {
        this.field = field;
        this.scalar = scalar;
        this.in = in;
        this.out = out;
        this.size = scalar != null ? 0 : in <= 4 && out <= 4 ? 10 * in + out : -1;
    }

    @Override
    public void evaluate(double t, double[] x, double[] y, int batch) {
        switch (size) {
            case 0:
                scalarLanes(t, x, y, batch);
                return;
            case 11:
                lanes11(t, x, y, batch);
                return;
            case 12:
                lanes12(t, x, y, batch);
                return;
            case 13:
                lanes13(t, x, y, batch);
                return;
            case 14:
                lanes14(t, x, y, batch);
                return;
            case 21:
                lanes21(t, x, y, batch);
                return;
            case 22:
                lanes22(t, x, y, batch);
                return;
            case 23:
                lanes23(t, x, y, batch);
                return;
            case 24:
                lanes24(t, x, y, batch);
                return;
            case 31:
                lanes31(t, x, y, batch);
                return;
            case 32:
                lanes32(t, x, y, batch);
                return;
            case 33:
                lanes33(t, x, y, batch);
                return;
            case 34:
                lanes34(t, x, y, batch);
                return;
            case 41:
                lanes41(t, x, y, batch);
                return;
            case 42:
                lanes42(t, x, y, batch);
                return;
            case 43:
                lanes43(t, x, y, batch);
                return;
            case 44:
                lanes44(t, x, y, batch);
                return;
            default:
                genericLanes(t, x, y, batch);
        }
    }

    private void scalarLanes(double t, double[] x, double[] y, int batch) {
        SmallSdeProblem.ScalarField s = scalar;
        for (int b = 0; b < batch; b++) {
            y[b] = s.value(t, x[b]);
        }
    }

    /** Any size: scratch arrays per call, outputs zeroed after each lane's scatter. */
    private void genericLanes(double t, double[] x, double[] y, int batch) {
        SmallSdeProblem.Field f = field;
        double[] xs = new double[in];
        double[] ys = new double[out];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < in; i++) {
                xs[i] = x[i * batch + b];
            }
            f.evaluate(t, xs, ys);
            for (int i = 0; i < out; i++) {
                y[i * batch + b] = ys[i];
                ys[i] = 0;
            }
        }
    }

    private void lanes11(double t, double[] x, double[] y, int batch) {
        SmallSdeProblem.Field f = field;
        double[] xs = new double[1];
        double[] ys = new double[1];
        for (int b = 0; b < batch; b++) {
            xs[0] = x[b];
            f.evaluate(t, xs, ys);
            y[b] = ys[0];
            ys[0] = 0;
        }
    }

    private void lanes12(double t, double[] x, double[] y, int batch) {
        SmallSdeProblem.Field f = field;
        double[] xs = new double[1];
        double[] ys = new double[2];
        for (int b = 0; b < batch; b++) {
            xs[0] = x[b];
            f.evaluate(t, xs, ys);
            y[b] = ys[0];
            ys[0] = 0;
            y[batch + b] = ys[1];
            ys[1] = 0;
        }
    }

    private void lanes13(double t, double[] x, double[] y, int batch) {
        SmallSdeProblem.Field f = field;
        double[] xs = new double[1];
        double[] ys = new double[3];
        for (int b = 0; b < batch; b++) {
            xs[0] = x[b];
            f.evaluate(t, xs, ys);
            y[b] = ys[0];
            ys[0] = 0;
            y[batch + b] = ys[1];
            ys[1] = 0;
            y[2 * batch + b] = ys[2];
            ys[2] = 0;
        }
    }

    private void lanes14(double t, double[] x, double[] y, int batch) {
        SmallSdeProblem.Field f = field;
        double[] xs = new double[1];
        double[] ys = new double[4];
        for (int b = 0; b < batch; b++) {
            xs[0] = x[b];
            f.evaluate(t, xs, ys);
            y[b] = ys[0];
            ys[0] = 0;
            y[batch + b] = ys[1];
            ys[1] = 0;
            y[2 * batch + b] = ys[2];
            ys[2] = 0;
            y[3 * batch + b] = ys[3];
            ys[3] = 0;
        }
    }

    private void lanes21(double t, double[] x, double[] y, int batch) {
        SmallSdeProblem.Field f = field;
        double[] xs = new double[2];
        double[] ys = new double[1];
        for (int b = 0; b < batch; b++) {
            xs[0] = x[b];
            xs[1] = x[batch + b];
            f.evaluate(t, xs, ys);
            y[b] = ys[0];
            ys[0] = 0;
        }
    }

    private void lanes22(double t, double[] x, double[] y, int batch) {
        SmallSdeProblem.Field f = field;
        double[] xs = new double[2];
        double[] ys = new double[2];
        for (int b = 0; b < batch; b++) {
            xs[0] = x[b];
            xs[1] = x[batch + b];
            f.evaluate(t, xs, ys);
            y[b] = ys[0];
            ys[0] = 0;
            y[batch + b] = ys[1];
            ys[1] = 0;
        }
    }

    private void lanes23(double t, double[] x, double[] y, int batch) {
        SmallSdeProblem.Field f = field;
        double[] xs = new double[2];
        double[] ys = new double[3];
        for (int b = 0; b < batch; b++) {
            xs[0] = x[b];
            xs[1] = x[batch + b];
            f.evaluate(t, xs, ys);
            y[b] = ys[0];
            ys[0] = 0;
            y[batch + b] = ys[1];
            ys[1] = 0;
            y[2 * batch + b] = ys[2];
            ys[2] = 0;
        }
    }

    private void lanes24(double t, double[] x, double[] y, int batch) {
        SmallSdeProblem.Field f = field;
        double[] xs = new double[2];
        double[] ys = new double[4];
        for (int b = 0; b < batch; b++) {
            xs[0] = x[b];
            xs[1] = x[batch + b];
            f.evaluate(t, xs, ys);
            y[b] = ys[0];
            ys[0] = 0;
            y[batch + b] = ys[1];
            ys[1] = 0;
            y[2 * batch + b] = ys[2];
            ys[2] = 0;
            y[3 * batch + b] = ys[3];
            ys[3] = 0;
        }
    }

    private void lanes31(double t, double[] x, double[] y, int batch) {
        SmallSdeProblem.Field f = field;
        double[] xs = new double[3];
        double[] ys = new double[1];
        for (int b = 0; b < batch; b++) {
            xs[0] = x[b];
            xs[1] = x[batch + b];
            xs[2] = x[2 * batch + b];
            f.evaluate(t, xs, ys);
            y[b] = ys[0];
            ys[0] = 0;
        }
    }

    private void lanes32(double t, double[] x, double[] y, int batch) {
        SmallSdeProblem.Field f = field;
        double[] xs = new double[3];
        double[] ys = new double[2];
        for (int b = 0; b < batch; b++) {
            xs[0] = x[b];
            xs[1] = x[batch + b];
            xs[2] = x[2 * batch + b];
            f.evaluate(t, xs, ys);
            y[b] = ys[0];
            ys[0] = 0;
            y[batch + b] = ys[1];
            ys[1] = 0;
        }
    }

    private void lanes33(double t, double[] x, double[] y, int batch) {
        SmallSdeProblem.Field f = field;
        double[] xs = new double[3];
        double[] ys = new double[3];
        for (int b = 0; b < batch; b++) {
            xs[0] = x[b];
            xs[1] = x[batch + b];
            xs[2] = x[2 * batch + b];
            f.evaluate(t, xs, ys);
            y[b] = ys[0];
            ys[0] = 0;
            y[batch + b] = ys[1];
            ys[1] = 0;
            y[2 * batch + b] = ys[2];
            ys[2] = 0;
        }
    }

    private void lanes34(double t, double[] x, double[] y, int batch) {
        SmallSdeProblem.Field f = field;
        double[] xs = new double[3];
        double[] ys = new double[4];
        for (int b = 0; b < batch; b++) {
            xs[0] = x[b];
            xs[1] = x[batch + b];
            xs[2] = x[2 * batch + b];
            f.evaluate(t, xs, ys);
            y[b] = ys[0];
            ys[0] = 0;
            y[batch + b] = ys[1];
            ys[1] = 0;
            y[2 * batch + b] = ys[2];
            ys[2] = 0;
            y[3 * batch + b] = ys[3];
            ys[3] = 0;
        }
    }

    private void lanes41(double t, double[] x, double[] y, int batch) {
        SmallSdeProblem.Field f = field;
        double[] xs = new double[4];
        double[] ys = new double[1];
        for (int b = 0; b < batch; b++) {
            xs[0] = x[b];
            xs[1] = x[batch + b];
            xs[2] = x[2 * batch + b];
            xs[3] = x[3 * batch + b];
            f.evaluate(t, xs, ys);
            y[b] = ys[0];
            ys[0] = 0;
        }
    }

    private void lanes42(double t, double[] x, double[] y, int batch) {
        SmallSdeProblem.Field f = field;
        double[] xs = new double[4];
        double[] ys = new double[2];
        for (int b = 0; b < batch; b++) {
            xs[0] = x[b];
            xs[1] = x[batch + b];
            xs[2] = x[2 * batch + b];
            xs[3] = x[3 * batch + b];
            f.evaluate(t, xs, ys);
            y[b] = ys[0];
            ys[0] = 0;
            y[batch + b] = ys[1];
            ys[1] = 0;
        }
    }

    private void lanes43(double t, double[] x, double[] y, int batch) {
        SmallSdeProblem.Field f = field;
        double[] xs = new double[4];
        double[] ys = new double[3];
        for (int b = 0; b < batch; b++) {
            xs[0] = x[b];
            xs[1] = x[batch + b];
            xs[2] = x[2 * batch + b];
            xs[3] = x[3 * batch + b];
            f.evaluate(t, xs, ys);
            y[b] = ys[0];
            ys[0] = 0;
            y[batch + b] = ys[1];
            ys[1] = 0;
            y[2 * batch + b] = ys[2];
            ys[2] = 0;
        }
    }

    private void lanes44(double t, double[] x, double[] y, int batch) {
        SmallSdeProblem.Field f = field;
        double[] xs = new double[4];
        double[] ys = new double[4];
        for (int b = 0; b < batch; b++) {
            xs[0] = x[b];
            xs[1] = x[batch + b];
            xs[2] = x[2 * batch + b];
            xs[3] = x[3 * batch + b];
            f.evaluate(t, xs, ys);
            y[b] = ys[0];
            ys[0] = 0;
            y[batch + b] = ys[1];
            ys[1] = 0;
            y[2 * batch + b] = ys[2];
            ys[2] = 0;
            y[3 * batch + b] = ys[3];
            ys[3] = 0;
        }
    }
}
