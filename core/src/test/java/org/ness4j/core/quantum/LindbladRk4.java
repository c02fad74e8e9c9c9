package org.ness4j.core.quantum;

/**
 * Test reference: classical RK4 propagation of a density matrix (row-major real and imaginary
 * parts) under {@link Lindbladian#apply}, in place, allocation-free after construction.
 */
final class LindbladRk4 {

    private final Lindbladian l;
    private final Lindbladian.Workspace ws;
    private final double[][] k;
    private final double[] tRe;
    private final double[] tIm;

    LindbladRk4(Lindbladian l) {
        this.l = l;
        this.ws = l.newWorkspace();
        int m = l.dimension() * l.dimension();
        this.k = new double[8][m];
        this.tRe = new double[m];
        this.tIm = new double[m];
    }

    /** One RK4 step of length h, in place. */
    void step(double[] re, double[] im, double h) {
        int m = re.length;
        l.apply(re, im, k[0], k[1], ws);
        for (int i = 0; i < m; i++) {
            tRe[i] = re[i] + 0.5 * h * k[0][i];
            tIm[i] = im[i] + 0.5 * h * k[1][i];
        }
        l.apply(tRe, tIm, k[2], k[3], ws);
        for (int i = 0; i < m; i++) {
            tRe[i] = re[i] + 0.5 * h * k[2][i];
            tIm[i] = im[i] + 0.5 * h * k[3][i];
        }
        l.apply(tRe, tIm, k[4], k[5], ws);
        for (int i = 0; i < m; i++) {
            tRe[i] = re[i] + h * k[4][i];
            tIm[i] = im[i] + h * k[5][i];
        }
        l.apply(tRe, tIm, k[6], k[7], ws);
        for (int i = 0; i < m; i++) {
            re[i] += h / 6 * (k[0][i] + 2 * k[2][i] + 2 * k[4][i] + k[6][i]);
            im[i] += h / 6 * (k[1][i] + 2 * k[3][i] + 2 * k[5][i] + k[7][i]);
        }
    }
}
