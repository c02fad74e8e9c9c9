package org.ness4j.sde;

import java.util.Arrays;
import org.ness4j.core.Checks;

/**
 * The sparsity pattern of the n x m diffusion matrix \( G \) of an {@link SdeProblem}
 * ({@code dX = f dt + G dW} with m Wiener processes): its structural nonzeros, numbered
 * {@code k = 0 .. nonzeros() - 1}, nonzero k at row (component) {@link #row(int)} and column
 * (Wiener process) {@link #column(int)}. {@link SdeProblem#diffusion} writes the value of nonzero
 * k of trajectory b to {@code out[k * batch + b]}.
 *
 * <p>For diagonal noise ({@link #diagonal}) nonzero j is channel j, so this layout is the one
 * diagonal problems have always used. Every column must drive at least one component and no
 * (row, column) pair may repeat.
 *
 * <p>Thread safety: immutable.
 */
public final class NoiseMatrix {

    private final int n;
    private final int m;
    private final int[] rows;
    private final int[] cols;

    private NoiseMatrix(int n, int m, int[] rows, int[] cols) {
        this.n = n;
        this.m = m;
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * Diagonal noise: Wiener process j drives component {@code components[j]} only.
     *
     * @param n number of state components, at least 1
     * @param components driven components, distinct, each in {@code [0, n)}
     * @return the pattern (nonzero j at {@code (components[j], j)})
     * @throws IllegalArgumentException if a component is out of range or repeated
     */
    public static NoiseMatrix diagonal(int n, int[] components) {
        int[] cols = new int[components.length];
        for (int j = 0; j < cols.length; j++) {
            cols[j] = j;
        }
        return sparse(n, components.length, components, cols);
    }

    /**
     * Scalar noise: one Wiener process drives the given components.
     *
     * @param n number of state components, at least 1
     * @param components driven components, distinct, each in {@code [0, n)}, at least one
     * @return the pattern (m = 1, nonzero k at {@code (components[k], 0)})
     */
    public static NoiseMatrix scalar(int n, int[] components) {
        return sparse(n, 1, components, new int[components.length]);
    }

    /**
     * A dense n x m matrix, nonzeros in row-major order ({@code k = i * m + j}).
     *
     * @param n number of state components, at least 1
     * @param m number of Wiener processes, at least 1
     * @return the pattern
     */
    public static NoiseMatrix dense(int n, int m) {
        Checks.atLeast("n", n, 1);
        Checks.atLeast("m", m, 1);
        int[] rows = new int[n * m];
        int[] cols = new int[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                rows[i * m + j] = i;
                cols[i * m + j] = j;
            }
        }
        return sparse(n, m, rows, cols);
    }

    /**
     * A sparse pattern given as coordinate lists.
     *
     * @param n number of state components, at least 1
     * @param m number of Wiener processes, at least 0 (0: a deterministic problem)
     * @param rows row (component) of each nonzero, in {@code [0, n)} (copied)
     * @param cols column (Wiener process) of each nonzero, in {@code [0, m)} (copied)
     * @return the pattern
     * @throws IllegalArgumentException if the lengths differ, an index is out of range, a pair
     *     repeats or a column is empty
     */
    public static NoiseMatrix sparse(int n, int m, int[] rows, int[] cols) {
        Checks.atLeast("n", n, 1);
        Checks.atLeast("m", m, 0);
        if (rows.length != cols.length) {
            throw new IllegalArgumentException("rows and cols must have equal lengths: "
                + rows.length + " != " + cols.length);
        }
        boolean[] used = new boolean[m];
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int k = 0; k < rows.length; k++) {
            Checks.index("rows[" + k + "]", rows[k], n);
            Checks.index("cols[" + k + "]", cols[k], m);
            if (!seen.add((long) rows[k] * m + cols[k])) {
                throw new IllegalArgumentException("nonzero (" + rows[k] + ", " + cols[k]
                    + ") repeats at position " + k);
            }
            used[cols[k]] = true;
        }
        for (int j = 0; j < m; j++) {
            if (!used[j]) {
                throw new IllegalArgumentException("Wiener process (column) " + j
                    + " drives no component");
            }
        }
        return new NoiseMatrix(n, m, rows.clone(), cols.clone());
    }

    /** @return number of state components n (rows) */
    public int dimension() {
        return n;
    }

    /** @return number of Wiener processes m (columns) */
    public int wienerProcesses() {
        return m;
    }

    /** @return number of structural nonzeros */
    public int nonzeros() {
        return rows.length;
    }

    /**
     * @param k nonzero index
     * @return its row (state component)
     */
    public int row(int k) {
        return rows[k];
    }

    /**
     * @param k nonzero index
     * @return its column (Wiener process)
     */
    public int column(int k) {
        return cols[k];
    }

    /** @return a new array of the rows of the nonzeros */
    public int[] rows() {
        return rows.clone();
    }

    /** @return a new array of the columns of the nonzeros */
    public int[] columns() {
        return cols.clone();
    }

    /**
     * @return whether nonzero j is the only one of column j and no two columns share a row
     *     (the layout of {@link #diagonal})
     */
    public boolean isDiagonal() {
        if (rows.length != m) {
            return false;
        }
        boolean[] row = new boolean[n];
        for (int k = 0; k < m; k++) {
            if (cols[k] != k || row[rows[k]]) {
                return false;
            }
            row[rows[k]] = true;
        }
        return true;
    }

    /**
     * One component per Wiener process: the smallest component column j drives. This is what a
     * non-diagonal problem returns from {@link SdeProblem#noiseComponents()}, whose length is
     * how the ensemble and the error budget count the channels to draw variates for.
     *
     * @return a new array of length m
     */
    public int[] channelComponents() {
        int[] c = new int[m];
        Arrays.fill(c, Integer.MAX_VALUE);
        for (int k = 0; k < rows.length; k++) {
            c[cols[k]] = Math.min(c[cols[k]], rows[k]);
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoiseMatrix other && n == other.n && m == other.m
            && Arrays.equals(rows, other.rows) && Arrays.equals(cols, other.cols);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * n + m) + 17 * Arrays.hashCode(rows) + Arrays.hashCode(cols);
    }

    @Override
    public String toString() {
        return "NoiseMatrix[" + n + " x " + m + ", " + rows.length + " nonzeros]";
    }
}
