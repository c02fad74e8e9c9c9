package org.ness4j.core.quantum;

import java.util.Objects;
import org.hipparchus.complex.Complex;
import org.ness4j.core.Checks;

/**
 * Immutable dense density matrix (or any dense square operator) stored as row-major real and
 * imaginary parts, entry {@code (i, j)} at {@code i * d + j}.
 *
 * <p>Thread safety: immutable, safe for concurrent use.
 */
public final class DensityMatrix {

    private final int dimension;
    private final double[] re;
    private final double[] im;

    private DensityMatrix(int dimension, double[] re, double[] im) {
        this.dimension = dimension;
        this.re = re;
        this.im = im;
    }

    /**
     * Wraps copies of dense arrays.
     *
     * @param dimension dimension {@code d >= 1}
     * @param re real parts, length {@code d*d} (not modified)
     * @param im imaginary parts, length {@code d*d} (not modified)
     * @return the matrix
     */
    public static DensityMatrix of(int dimension, double[] re, double[] im) {
        Checks.atLeast("dimension", dimension, 1);
        Objects.requireNonNull(re, "re");
        Objects.requireNonNull(im, "im");
        int dd = dimension * dimension;
        if (re.length != dd || im.length != dd) {
            throw new IllegalArgumentException("re and im must have length d*d = " + dd + ": "
                + re.length + ", " + im.length);
        }
        Checks.allFinite("re", re);
        Checks.allFinite("im", im);
        return new DensityMatrix(dimension, re.clone(), im.clone());
    }

    /** @return the dimension {@code d} */
    public int dimension() {
        return dimension;
    }

    /**
     * @param row row
     * @param column column
     * @return real part of entry
     */
    public double re(int row, int column) {
        return re[Checks.index("row", row, dimension) * dimension
            + Checks.index("column", column, dimension)];
    }

    /**
     * @param row row
     * @param column column
     * @return imaginary part of entry
     */
    public double im(int row, int column) {
        return im[Checks.index("row", row, dimension) * dimension
            + Checks.index("column", column, dimension)];
    }

    /** @return a copy of the real parts (row-major) */
    public double[] reArray() {
        return re.clone();
    }

    /** @return a copy of the imaginary parts (row-major) */
    public double[] imArray() {
        return im.clone();
    }

    /** @return the real diagonal (populations in the basis), a new array */
    public double[] diagonal() {
        double[] p = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            p[i] = re[i * dimension + i];
        }
        return p;
    }

    /** @return the trace (complex) */
    public Complex trace() {
        double tr = 0;
        double ti = 0;
        for (int i = 0; i < dimension; i++) {
            tr += re[i * dimension + i];
            ti += im[i * dimension + i];
        }
        return new Complex(tr, ti);
    }

    /**
     * Expectation value \( \mathrm{Tr}(O \rho) \).
     *
     * @param operator operator of the same dimension
     * @return the (complex) expectation
     */
    public Complex expectation(SparseOperator operator) {
        Objects.requireNonNull(operator, "operator");
        if (operator.dimension() != dimension) {
            throw new IllegalArgumentException("operator.dimension must be " + dimension + ": "
                + operator.dimension());
        }
        int[] rs = operator.rowStartArray();
        int[] cs = operator.columnArray();
        double[] or = operator.reArray();
        double[] oi = operator.imArray();
        double sr = 0;
        double si = 0;
        for (int i = 0; i < dimension; i++) {
            for (int k = rs[i]; k < rs[i + 1]; k++) {
                int p = cs[k] * dimension + i;
                sr += or[k] * re[p] - oi[k] * im[p];
                si += or[k] * im[p] + oi[k] * re[p];
            }
        }
        return new Complex(sr, si);
    }

    /** @return the largest entry-wise modulus of \( \rho - \rho^\dagger \) */
    public double hermiticityError() {
        double m = 0;
        for (int i = 0; i < dimension; i++) {
            for (int j = i; j < dimension; j++) {
                int a = i * dimension + j;
                int b = j * dimension + i;
                m = Math.max(m, Math.hypot(re[a] - re[b], im[a] + im[b]));
            }
        }
        return m;
    }
}
