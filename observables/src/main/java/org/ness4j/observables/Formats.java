package org.ness4j.observables;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The pieces of the accumulators' binary formats that they all share, and the check of their
 * sites against a batch.
 */
final class Formats {

    private Formats() {
    }

    /** Reads a type tag and fails unless it is {@code expected}. */
    static void readTag(DataInput in, String expected) throws IOException {
        readTag(in, expected, expected);
    }

    /**
     * Reads a tag that is either the current one or the one it replaced (a format whose data
     * an old reader must not misread, but which still reads the old data: the tags of the
     * accumulators before jackknife blocks).
     */
    static void readTag(DataInput in, String expected, String older) throws IOException {
        String tag = in.readUTF();
        if (!expected.equals(tag) && !older.equals(tag)) {
            throw new IOException("expected " + expected + ", found " + tag);
        }
    }

    /** Writes a site list as its length followed by the indices. */
    static void writeSites(DataOutput out, int[] sites) throws IOException {
        out.writeInt(sites.length);
        for (int s : sites) {
            out.writeInt(s);
        }
    }

    /** Most sites a serialized accumulator may list (a corrupt count is refused, not allocated). */
    private static final int MAX_SITES = 1 << 24;

    /**
     * Reads {@code n} site indices (the length has been read) and checks them as
     * {@link SiteMoments#of} does: non-negative and distinct.
     */
    static int[] readSites(DataInput in, int n) throws IOException {
        if (n < 1 || n > MAX_SITES) {
            throw new IOException("corrupt site count " + n);
        }
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = in.readInt();
        }
        int[] sorted = s.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < n; i++) {
            if (sorted[i] < 0 || i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IOException("corrupt site list: " + java.util.Arrays.toString(s));
            }
        }
        return s;
    }

    /**
     * Reads {@code n} site pairs (the count has been read) written as {@code k, l} per pair, and
     * checks them as {@link Correlations#of} does: a count of at least 1 (and not absurdly
     * large: a corrupt count is refused, not allocated) and non-negative sites. Repeated pairs
     * are accepted, as {@code of} accepts them.
     *
     * @return {@code {k, l}}
     */
    static int[][] readPairs(DataInput in, int n) throws IOException {
        if (n < 1 || n > MAX_SITES) {
            throw new IOException("corrupt pair count " + n);
        }
        int[] k = new int[n];
        int[] l = new int[n];
        for (int p = 0; p < n; p++) {
            k[p] = in.readInt();
            l[p] = in.readInt();
            if (k[p] < 0 || l[p] < 0) {
                throw new IOException("corrupt pair list: pair " + p + " is (" + k[p] + ", "
                    + l[p] + ")");
            }
        }
        return new int[][] {k, l};
    }

    /**
     * Checks, when a batch opens, that every site lies in the batch's state.
     *
     * @param sites zero-based sites
     * @param info the batch
     * @throws IllegalArgumentException naming the first site outside the state
     */
    static void requireInside(int[] sites, org.ness4j.sde.ensemble.BatchInfo info) {
        for (int s : sites) {
            if (2 * s + 1 >= info.dimension()) {
                throw new IllegalArgumentException("site " + s + " is outside a state of "
                    + info.dimension() / 2 + " sites");
            }
        }
    }
}
