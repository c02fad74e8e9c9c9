package org.ness4j.core.quantum;

import java.util.Arrays;
import java.util.Objects;
import org.ness4j.core.Checks;

/**
 * Immutable square complex sparse matrix in compressed-sparse-row (CSR) form, the real and
 * imaginary parts stored in separate {@code double} arrays (EJML has no complex sparse type).
 *
 * <p>Entries are kept sorted by column inside each row; explicit zeros are dropped when an
 * operator is built. Vectors are passed as separate real and imaginary arrays. The
 * {@link #apply} method writes into caller-supplied arrays and allocates nothing, so it can be
 * used in hot loops; algebra ({@link #times}, {@link #plus}, {@link #adjoint}) allocates the
 * result.
 *
 * <p>Thread safety: immutable, safe for concurrent use.
 */
public final class SparseOperator {

    private final int dimension;
    private final int[] rowStart;
    private final int[] columns;
    private final double[] re;
    private final double[] im;

    private SparseOperator(int dimension, int[] rowStart, int[] columns, double[] re, double[] im) {
        this.dimension = dimension;
        this.rowStart = rowStart;
        this.columns = columns;
        this.re = re;
        this.im = im;
    }

    /**
     * Starts a builder that accumulates entries (duplicates are summed).
     *
     * @param dimension matrix dimension, at least 1
     * @return a new builder
     */
    public static Builder builder(int dimension) {
        return new Builder(Checks.atLeast("dimension", dimension, 1));
    }

    /**
     * The identity operator.
     *
     * @param dimension dimension, at least 1
     * @return the identity
     */
    public static SparseOperator identity(int dimension) {
        double[] ones = new double[Checks.atLeast("dimension", dimension, 1)];
        Arrays.fill(ones, 1.0);
        return diagonal(ones);
    }

    /**
     * A real diagonal operator.
     *
     * @param diagonal diagonal entries, all finite (not modified)
     * @return the operator {@code diag(diagonal)}
     */
    public static SparseOperator diagonal(double[] diagonal) {
        Objects.requireNonNull(diagonal, "diagonal");
        Checks.atLeast("diagonal.length", diagonal.length, 1);
        Checks.allFinite("diagonal", diagonal);
        Builder b = builder(diagonal.length);
        for (int i = 0; i < diagonal.length; i++) {
            b.add(i, i, diagonal[i], 0.0);
        }
        return b.build();
    }

    /**
     * The zero operator.
     *
     * @param dimension dimension, at least 1
     * @return an operator without entries
     */
    public static SparseOperator zero(int dimension) {
        return builder(dimension).build();
    }

    /** @return the dimension (number of rows = number of columns) */
    public int dimension() {
        return dimension;
    }

    /** @return the number of stored (non-zero) entries */
    public int nonZeros() {
        return columns.length;
    }

    /**
     * Real part of one entry.
     *
     * @param row row index
     * @param column column index
     * @return {@code Re A[row][column]} (0 if not stored)
     */
    public double re(int row, int column) {
        int k = find(row, column);
        return k < 0 ? 0.0 : re[k];
    }

    /**
     * Imaginary part of one entry.
     *
     * @param row row index
     * @param column column index
     * @return {@code Im A[row][column]} (0 if not stored)
     */
    public double im(int row, int column) {
        int k = find(row, column);
        return k < 0 ? 0.0 : im[k];
    }

    private int find(int row, int column) {
        Checks.index("row", row, dimension);
        Checks.index("column", column, dimension);
        int k = Arrays.binarySearch(columns, rowStart[row], rowStart[row + 1], column);
        return k < 0 ? -1 : k;
    }

    /**
     * Matrix-vector product {@code y = A x}. Allocates nothing.
     *
     * @param xRe real part of x, length {@link #dimension()} (not modified)
     * @param xIm imaginary part of x (not modified)
     * @param yRe real part of y (modified; must not alias x)
     * @param yIm imaginary part of y (modified; must not alias x)
     */
    public void apply(double[] xRe, double[] xIm, double[] yRe, double[] yIm) {
        for (int i = 0; i < dimension; i++) {
            double sr = 0;
            double si = 0;
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                int c = columns[k];
                sr += re[k] * xRe[c] - im[k] * xIm[c];
                si += re[k] * xIm[c] + im[k] * xRe[c];
            }
            yRe[i] = sr;
            yIm[i] = si;
        }
    }

    /**
     * Product {@code this * other}.
     *
     * @param other right factor of the same dimension
     * @return a new operator
     */
    public SparseOperator times(SparseOperator other) {
        requireSameDimension(other);
        Builder b = builder(dimension);
        double[] accRe = new double[dimension];
        double[] accIm = new double[dimension];
        boolean[] used = new boolean[dimension];
        int[] list = new int[dimension];
        for (int i = 0; i < dimension; i++) {
            int count = 0;
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                int mid = columns[k];
                double ar = re[k];
                double ai = im[k];
                for (int q = other.rowStart[mid]; q < other.rowStart[mid + 1]; q++) {
                    int c = other.columns[q];
                    if (!used[c]) {
                        used[c] = true;
                        list[count++] = c;
                    }
                    accRe[c] += ar * other.re[q] - ai * other.im[q];
                    accIm[c] += ar * other.im[q] + ai * other.re[q];
                }
            }
            for (int t = 0; t < count; t++) {
                int c = list[t];
                b.add(i, c, accRe[c], accIm[c]);
                accRe[c] = 0;
                accIm[c] = 0;
                used[c] = false;
            }
        }
        return b.build();
    }

    /**
     * Sum {@code this + other}.
     *
     * @param other operator of the same dimension
     * @return a new operator
     */
    public SparseOperator plus(SparseOperator other) {
        requireSameDimension(other);
        Builder b = builder(dimension);
        b.addAll(this, 1.0, 0.0);
        b.addAll(other, 1.0, 0.0);
        return b.build();
    }

    /**
     * Scalar multiple {@code (sRe + i sIm) * this}.
     *
     * @param sRe real part of the factor (finite)
     * @param sIm imaginary part of the factor (finite)
     * @return a new operator
     */
    public SparseOperator scale(double sRe, double sIm) {
        Checks.finite("sRe", sRe);
        Checks.finite("sIm", sIm);
        Builder b = builder(dimension);
        b.addAll(this, sRe, sIm);
        return b.build();
    }

    /**
     * Real multiple {@code s * this}.
     *
     * @param s factor (finite)
     * @return a new operator
     */
    public SparseOperator scale(double s) {
        return scale(s, 0.0);
    }

    /** @return the conjugate transpose (Hermitian adjoint) */
    public SparseOperator adjoint() {
        Builder b = builder(dimension);
        for (int i = 0; i < dimension; i++) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                b.add(columns[k], i, re[k], -im[k]);
            }
        }
        return b.build();
    }

    /** @return the largest modulus of an entry (0 for the zero operator) */
    public double maxAbs() {
        double m = 0;
        for (int k = 0; k < re.length; k++) {
            m = Math.max(m, Math.hypot(re[k], im[k]));
        }
        return m;
    }

    /**
     * Whether {@code |A - A^dag|} is at most {@code tolerance} entry-wise.
     *
     * @param tolerance absolute tolerance, non-negative
     * @return true if Hermitian within the tolerance
     */
    public boolean isHermitian(double tolerance) {
        Checks.nonNegative("tolerance", tolerance);
        for (int i = 0; i < dimension; i++) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                int j = columns[k];
                int t = Arrays.binarySearch(columns, rowStart[j], rowStart[j + 1], i);
                double tr = t < 0 ? 0 : re[t];
                double ti = t < 0 ? 0 : im[t];
                if (Math.hypot(re[k] - tr, im[k] + ti) > tolerance) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Copies the operator into dense row-major arrays.
     *
     * @param outRe real parts, length {@code dimension^2}, entry {@code (i, j)} at
     *     {@code i * dimension + j} (modified)
     * @param outIm imaginary parts (modified)
     */
    public void toDense(double[] outRe, double[] outIm) {
        Arrays.fill(outRe, 0, dimension * dimension, 0.0);
        Arrays.fill(outIm, 0, dimension * dimension, 0.0);
        for (int i = 0; i < dimension; i++) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                outRe[i * dimension + columns[k]] = re[k];
                outIm[i * dimension + columns[k]] = im[k];
            }
        }
    }

    // ---- package-private raw access for solvers in this package (arrays are not copied) ----

    /**
     * {@code Y = A X} for a dense row-major {@code d x d} matrix X, {@code d} the dimension:
     * the left multiplication of a density matrix (Lindbladian and the iterative steady-state
     * solver).
     *
     * @param xRe real part of X, {@code d * d} values (not modified)
     * @param xIm imaginary part of X (not modified)
     * @param yRe real part of Y (modified; its first {@code d * d} values are overwritten)
     * @param yIm imaginary part of Y (modified)
     */
    void leftMultiplyDense(double[] xRe, double[] xIm, double[] yRe, double[] yIm) {
        int d = dimension;
        Arrays.fill(yRe, 0, d * d, 0.0);
        Arrays.fill(yIm, 0, d * d, 0.0);
        for (int i = 0; i < d; i++) {
            int yo = i * d;
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                double vr = re[k];
                double vi = im[k];
                int xo = columns[k] * d;
                for (int j = 0; j < d; j++) {
                    double xr = xRe[xo + j];
                    double xi = xIm[xo + j];
                    yRe[yo + j] += vr * xr - vi * xi;
                    yIm[yo + j] += vr * xi + vi * xr;
                }
            }
        }
    }

    int[] rowStartArray() {
        return rowStart;
    }

    int[] columnArray() {
        return columns;
    }

    double[] reArray() {
        return re;
    }

    double[] imArray() {
        return im;
    }

    private void requireSameDimension(SparseOperator other) {
        Objects.requireNonNull(other, "other");
        if (other.dimension != dimension) {
            throw new IllegalArgumentException("other.dimension must equal " + dimension + ": "
                + other.dimension);
        }
    }

    @Override
    public String toString() {
        return "SparseOperator[dimension=" + dimension + ", nonZeros=" + nonZeros() + "]";
    }

    /**
     * Accumulates entries as (row, column, value) triplets and compresses them to CSR, summing
     * duplicates and dropping exact zeros. Not thread-safe.
     */
    public static final class Builder {
        private final int dimension;
        private int size;
        private int[] rows = new int[16];
        private int[] cols = new int[16];
        private double[] vre = new double[16];
        private double[] vim = new double[16];

        private Builder(int dimension) {
            this.dimension = dimension;
        }

        /**
         * Adds {@code valueRe + i valueIm} to entry {@code (row, column)}.
         *
         * @param row row index in {@code [0, dimension)}
         * @param column column index in {@code [0, dimension)}
         * @param valueRe real part (finite)
         * @param valueIm imaginary part (finite)
         * @return this builder
         */
        public Builder add(int row, int column, double valueRe, double valueIm) {
            Checks.index("row", row, dimension);
            Checks.index("column", column, dimension);
            Checks.finite("valueRe", valueRe);
            Checks.finite("valueIm", valueIm);
            if (size == rows.length) {
                int n = 2 * size;
                rows = Arrays.copyOf(rows, n);
                cols = Arrays.copyOf(cols, n);
                vre = Arrays.copyOf(vre, n);
                vim = Arrays.copyOf(vim, n);
            }
            rows[size] = row;
            cols[size] = column;
            vre[size] = valueRe;
            vim[size] = valueIm;
            size++;
            return this;
        }

        /**
         * Adds {@code (sRe + i sIm) * op} entry-wise.
         *
         * @param op operator of the builder's dimension
         * @param sRe real part of the factor
         * @param sIm imaginary part of the factor
         * @return this builder
         */
        public Builder addAll(SparseOperator op, double sRe, double sIm) {
            Objects.requireNonNull(op, "op");
            if (op.dimension != dimension) {
                throw new IllegalArgumentException("op.dimension must equal " + dimension + ": "
                    + op.dimension);
            }
            for (int i = 0; i < dimension; i++) {
                for (int k = op.rowStart[i]; k < op.rowStart[i + 1]; k++) {
                    add(i, op.columns[k], sRe * op.re[k] - sIm * op.im[k],
                        sRe * op.im[k] + sIm * op.re[k]);
                }
            }
            return this;
        }

        /** @return the compressed immutable operator */
        public SparseOperator build() {
            int[] count = new int[dimension + 1];
            for (int t = 0; t < size; t++) {
                count[rows[t] + 1]++;
            }
            for (int i = 0; i < dimension; i++) {
                count[i + 1] += count[i];
            }
            int[] pos = Arrays.copyOf(count, dimension);
            int[] c = new int[size];
            double[] r = new double[size];
            double[] m = new double[size];
            for (int t = 0; t < size; t++) {
                int p = pos[rows[t]]++;
                c[p] = cols[t];
                r[p] = vre[t];
                m[p] = vim[t];
            }
            // sort each row by column (insertion sort: rows are short), merge duplicates
            int[] outStart = new int[dimension + 1];
            int out = 0;
            for (int i = 0; i < dimension; i++) {
                int lo = count[i];
                int hi = count[i + 1];
                sortByColumn(c, r, m, lo, hi);
                outStart[i] = out;
                int a = lo;
                while (a < hi) {
                    int col = c[a];
                    double sr = 0;
                    double si = 0;
                    while (a < hi && c[a] == col) {
                        sr += r[a];
                        si += m[a];
                        a++;
                    }
                    if (sr != 0 || si != 0) {
                        c[out] = col;
                        r[out] = sr;
                        m[out] = si;
                        out++;
                    }
                }
            }
            outStart[dimension] = out;
            return new SparseOperator(dimension, outStart, Arrays.copyOf(c, out),
                Arrays.copyOf(r, out), Arrays.copyOf(m, out));
        }
    }

    /**
     * Sorts the entries {@code [lo, hi)} of a row by column, moving their real and imaginary
     * parts along (insertion sort: rows are short; stable).
     */
    static void sortByColumn(int[] c, double[] re, double[] im, int lo, int hi) {
        for (int a = lo + 1; a < hi; a++) {
            int ca = c[a];
            double ra = re[a];
            double ia = im[a];
            int b = a - 1;
            while (b >= lo && c[b] > ca) {
                c[b + 1] = c[b];
                re[b + 1] = re[b];
                im[b + 1] = im[b];
                b--;
            }
            c[b + 1] = ca;
            re[b + 1] = ra;
            im[b + 1] = ia;
        }
    }
}
