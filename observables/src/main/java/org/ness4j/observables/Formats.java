package org.ness4j.observables;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The pieces of the accumulators' binary formats that they all share. */
final class Formats {

    private Formats() {
    }

    /** Reads a type tag and fails unless it is {@code expected}. */
    static void readTag(DataInput in, String expected) throws IOException {
        String tag = in.readUTF();
        if (!expected.equals(tag)) {
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

    /** Reads {@code n} site indices (the length has been read and validated). */
    static int[] readSites(DataInput in, int n) throws IOException {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = in.readInt();
        }
        return s;
    }
}
