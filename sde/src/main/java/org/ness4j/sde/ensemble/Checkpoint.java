package org.ness4j.sde.ensemble;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.ness4j.core.random.TrajectoryStreams;
import org.ness4j.core.stat.Accumulator;

/**
 * The checkpoint file of an ensemble run: the run's configuration fingerprint (which includes the
 * library version), the indices of the completed batches, their divergences and their results
 * (the combined result and the completed batches not yet combined, each as its own part), the
 * saved states of batches in flight (step, state vector, generator states, divergence flags and
 * observer state; see {@link Ensemble}), followed by a CRC-32 of everything before it.
 *
 * <p>Written as a stream: the parts go through a CRC-computing, buffered stream straight into a
 * temporary file, which is synced and renamed atomically, so writing never needs a second copy
 * of the accumulators in memory and a crash never leaves a half-written checkpoint. Read as a
 * stream too: a first pass checks the CRC, the second parses, so a truncated or corrupted file
 * is detected by the checksum and never half-loaded.
 *
 * @param <A> accumulator type
 */
final class Checkpoint<A extends Accumulator<A>> {

    private static final long MAGIC = 0x4e4553534b505435L; // "NESSKPT5"
    /** The magic number without its last byte, the format digit: "NESSKPT". */
    private static final long MAGIC_PREFIX = MAGIC >>> 8;
    /** Longest fingerprint accepted when reading (a corrupt length is refused, not allocated). */
    private static final int MAX_FINGERPRINT = 1 << 24;
    /** Buffer of the file streams. */
    private static final int BUFFER = 1 << 16;

    final TreeSet<Long> batches;
    final List<Divergence> divergences;
    /** The results of the completed batches, combined. */
    final A statistics;
    /** Saved states of the batches in flight, by batch index. */
    final TreeMap<Long, byte[]> inFlight;

    private Checkpoint(TreeSet<Long> batches, List<Divergence> divergences, A statistics,
                       TreeMap<Long, byte[]> inFlight) {
        this.batches = batches;
        this.divergences = divergences;
        this.statistics = statistics;
        this.inFlight = inFlight;
    }

    static void writeDivergence(DataOutput out, Divergence d) throws IOException {
        out.writeLong(d.trajectory());
        out.writeDouble(d.time());
        out.writeInt(d.component());
        out.writeUTF(d.componentName());
        out.writeDouble(d.value());
    }

    static Divergence readDivergence(DataInput in) throws IOException {
        return new Divergence(in.readLong(), in.readDouble(), in.readInt(), in.readUTF(),
            in.readDouble());
    }

    /**
     * Writes a checkpoint file.
     *
     * @param file destination (replaced atomically)
     * @param fingerprint the run's configuration
     * @param batches indices of the completed batches
     * @param divergences their divergences
     * @param parts their results, at least one (combined when read)
     * @param inFlight saved states of the batches in flight
     * @param <A> accumulator type
     * @throws IOException if writing fails (the previous file is then left as it was)
     */
    static <A extends Accumulator<A>> void write(Path file, String fingerprint,
                                                 Collection<Long> batches,
                                                 List<Divergence> divergences, List<A> parts,
                                                 Map<Long, byte[]> inFlight)
        throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (FileOutputStream stream = new FileOutputStream(tmp.toFile())) {
                BufferedOutputStream buffered = new BufferedOutputStream(stream, BUFFER);
                CheckedOutputStream checked = new CheckedOutputStream(buffered, new CRC32());
                DataOutputStream out = new DataOutputStream(checked);
                out.writeLong(MAGIC);
                // length-prefixed UTF-8: writeUTF stops at 64 kB, which a long chain's
                // description (drives, losses, initial field) exceeds
                byte[] text = fingerprint.getBytes(StandardCharsets.UTF_8);
                out.writeInt(text.length);
                out.write(text);
                out.writeInt(batches.size());
                for (long b : batches) {
                    out.writeLong(b);
                }
                out.writeInt(divergences.size());
                for (Divergence d : divergences) {
                    writeDivergence(out, d);
                }
                out.writeInt(parts.size());
                for (A part : parts) {
                    part.writeTo(out);
                }
                out.writeInt(inFlight.size());
                for (var e : new TreeMap<>(inFlight).entrySet()) {
                    out.writeLong(e.getKey());
                    out.writeInt(e.getValue().length);
                    out.write(e.getValue());
                }
                out.flush();
                // the checksum of everything above, itself not checksummed
                new DataOutputStream(buffered).writeLong(checked.getChecksum().getValue());
                buffered.flush();
                stream.getFD().sync();
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp); // gone after a successful move; left over otherwise
        }
    }

    static <A extends Accumulator<A>> Checkpoint<A> read(Path file, String fingerprint,
                                                        EnsembleObserver<A> observer)
        throws IOException {
        long length = Files.size(file);
        if (length < 16) {
            throw new IOException("checkpoint " + file + " is truncated (" + length
                + " bytes)");
        }
        // pass 1: the checksum of everything before the last 8 bytes, then those bytes
        long stored;
        CRC32 crc = new CRC32();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
            CheckedInputStream checked = new CheckedInputStream(raw, crc);
            byte[] chunk = new byte[BUFFER];
            long left = length - 8;
            while (left > 0) {
                int n = checked.read(chunk, 0, (int) Math.min(chunk.length, left));
                if (n < 0) {
                    throw new IOException("checkpoint " + file + " is truncated");
                }
                left -= n;
            }
            stored = new DataInputStream(raw).readLong();
        }
        if (stored != crc.getValue()) {
            throw new IOException("checkpoint " + file + " is corrupt or truncated "
                + "(checksum mismatch)");
        }
        // pass 2: parse the checked bytes
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
            return parse(file, new DataInputStream(new Bounded(raw, length - 8)), fingerprint,
                observer);
        }
    }

    private static <A extends Accumulator<A>> Checkpoint<A> parse(
        Path file, DataInputStream in, String fingerprint, EnsembleObserver<A> observer)
        throws IOException {
        long magic = in.readLong();
        if (magic != MAGIC) {
            if (magic >>> 8 == MAGIC_PREFIX && (magic & 0xff) < '4') {
                throw new IOException(file + " is a ness4j checkpoint of format "
                    + (char) (magic & 0xff) + ", written before the random streams changed "
                    + "(ness4j 0.1.0 of 2026-12-07: keyed Philox streams, "
                    + "TrajectoryStreams.FORMAT " + TrajectoryStreams.FORMAT + "); its "
                    + "trajectories cannot be continued with the current streams. Delete it "
                    + "and run again");
            }
            if (magic >>> 8 == MAGIC_PREFIX) {
                throw new IOException(file + " is a ness4j checkpoint of format "
                    + (char) (magic & 0xff) + ", written before checkpoints were streamed "
                    + "(format 5 stores the completed batches' results in parts); this "
                    + "version cannot read it. Delete it and run again");
            }
            throw new IOException(file + " is not a ness4j checkpoint of format 5 (NESSKPT5)");
        }
        int length = in.readInt();
        if (length < 0 || length > MAX_FINGERPRINT) {
            throw new IOException("checkpoint " + file + " is corrupt (fingerprint length "
                + length + ")");
        }
        byte[] text = new byte[length];
        in.readFully(text);
        String found = new String(text, StandardCharsets.UTF_8);
        if (!found.equals(fingerprint)) {
            throw new IllegalStateException("checkpoint " + file + " belongs to a different "
                + "configuration; refusing to resume.\n  checkpoint: " + found
                + "\n  this run:   " + fingerprint);
        }
        int n = in.readInt();
        TreeSet<Long> batches = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            batches.add(in.readLong());
        }
        int m = in.readInt();
        List<Divergence> div = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            div.add(readDivergence(in));
        }
        int parts = in.readInt();
        if (parts < 1) {
            throw new IOException("checkpoint " + file + " is corrupt (" + parts
                + " result parts)");
        }
        A statistics = observer.read(in);
        for (int i = 1; i < parts; i++) {
            statistics.combine(observer.read(in));
        }
        int k = in.readInt();
        TreeMap<Long, byte[]> inFlight = new TreeMap<>();
        for (int i = 0; i < k; i++) {
            long batch = in.readLong();
            int size = in.readInt();
            if (size < 0) {
                throw new IOException("checkpoint " + file + " is corrupt (saved batch of "
                    + size + " bytes)");
            }
            byte[] state = new byte[size];
            in.readFully(state);
            inFlight.put(batch, state);
        }
        if (in.read() >= 0) {
            throw new IOException("checkpoint " + file + " is corrupt (unread bytes)");
        }
        return new Checkpoint<>(batches, div, statistics, inFlight);
    }

    /** The first {@code limit} bytes of a stream (the checksum after them is not data). */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
