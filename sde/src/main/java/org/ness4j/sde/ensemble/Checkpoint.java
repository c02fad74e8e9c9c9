package org.ness4j.sde.ensemble;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32;
import org.ness4j.core.random.TrajectoryStreams;
import org.ness4j.core.stat.Accumulator;

/**
 * The checkpoint file of an ensemble run: the run's configuration fingerprint (which includes the
 * library version), the indices of the completed batches, their divergences and their combined
 * accumulator, the saved states of batches in flight (step, state vector, generator states,
 * divergence flags and observer state; see {@link Ensemble}), followed by a CRC-32 of
 * everything before it. Written to a temporary file and renamed atomically, so a crash never
 * leaves a half-written checkpoint; a truncated or corrupted file is detected by the checksum and
 * never half-loaded.
 *
 * @param <A> accumulator type
 */
final class Checkpoint<A extends Accumulator<A>> {

    private static final long MAGIC = 0x4e4553534b505434L; // "NESSKPT4"
    /** The magic number without its last byte, the format digit: "NESSKPT". */
    private static final long MAGIC_PREFIX = MAGIC >>> 8;
    /** Longest fingerprint accepted when reading (a corrupt length is refused, not allocated). */
    private static final int MAX_FINGERPRINT = 1 << 24;

    final TreeSet<Long> batches;
    final List<Divergence> divergences;
    final A statistics;
    /** Saved states of the batches in flight, by batch index. */
    final TreeMap<Long, byte[]> inFlight;

    Checkpoint(TreeSet<Long> batches, List<Divergence> divergences, A statistics,
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

    void write(Path file, String fingerprint) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeLong(MAGIC);
        // length-prefixed UTF-8: writeUTF stops at 64 kB, which a long chain's description
        // (drives, losses, initial field) exceeds
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
        statistics.writeTo(out);
        out.writeInt(inFlight.size());
        for (var e : inFlight.entrySet()) {
            out.writeLong(e.getKey());
            out.writeInt(e.getValue().length);
            out.write(e.getValue());
        }
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, bytes.toByteArray());
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
        byte[] all = Files.readAllBytes(file);
        if (all.length < 16) {
            throw new IOException("checkpoint " + file + " is truncated (" + all.length
                + " bytes)");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        if (stored != crc.getValue()) {
            throw new IOException("checkpoint " + file + " is corrupt or truncated "
                + "(checksum mismatch)");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0,
            all.length - 8));
        long magic = in.readLong();
        if (magic != MAGIC) {
            if (magic >>> 8 == MAGIC_PREFIX) {
                throw new IOException(file + " is a ness4j checkpoint of format "
                    + (char) (magic & 0xff) + ", written before the random streams changed "
                    + "(ness4j 0.1.0 of 2026-12-07: keyed Philox streams, "
                    + "TrajectoryStreams.FORMAT " + TrajectoryStreams.FORMAT + "); its "
                    + "trajectories cannot be continued with the current streams. Delete it "
                    + "and run again");
            }
            throw new IOException(file + " is not a ness4j checkpoint of format 4 (NESSKPT4)");
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
        A statistics = observer.read(in);
        int k = in.readInt();
        TreeMap<Long, byte[]> inFlight = new TreeMap<>();
        for (int i = 0; i < k; i++) {
            long batch = in.readLong();
            byte[] state = new byte[in.readInt()];
            in.readFully(state);
            inFlight.put(batch, state);
        }
        return new Checkpoint<>(batches, div, statistics, inFlight);
    }
}
