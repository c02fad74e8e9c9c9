package org.ness4j.sde.srk;

import org.ness4j.core.Checks;

/** Validation and copying of tableau arrays (package-private helpers). */
final class Tableaus {

    private Tableaus() {
    }

    static void requireVector(String name, double[] v, int s) {
        if (v == null) {
            throw new NullPointerException(name);
        }
        if (v.length != s) {
            throw new IllegalArgumentException(name + " must have length " + s + ": "
                + v.length);
        }
        Checks.allFinite(name, v);
    }

    static void requireStrictlyLower(String name, double[][] a, int s) {
        if (a == null) {
            throw new NullPointerException(name);
        }
        if (a.length != s) {
            throw new IllegalArgumentException(name + " must have " + s + " rows: " + a.length);
        }
        for (int i = 0; i < s; i++) {
            requireVector(name + "[" + i + "]", a[i], s);
            for (int j = i; j < s; j++) {
                if (a[i][j] != 0) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + j
                        + "] must be 0 (explicit scheme): " + a[i][j]);
                }
            }
        }
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    static boolean rowIsZero(double[][] a, int i) {
        for (double v : a[i]) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }
}
