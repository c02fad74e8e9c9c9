package org.ness4j.sde.ensemble;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.CRC32;
import org.ness4j.core.stat.Accumulator;

/**
 * The checkpoint file of an ensemble run: the run's configuration fingerprint, the indices of the
 * completed batches, their divergences and their combined accumulator, followed by a CRC-32 of
 * everything before it. Written to a temporary file and renamed atomically, so a crash never
 * leaves a half-written checkpoint; a truncated or corrupted file is detected by the checksum and
 * never half-loaded.
 *
 * @param <A> accumulator type
 */
final class Checkpoint<A extends Accumulator<A>> {

    private static final long MAGIC = 0x4e4553534b505431L; // "NESSKPT1"

    final TreeSet<Long> batches;
    final List<Divergence> divergences;
    final A statistics;

    Checkpoint(TreeSet<Long> batches, List<Divergence> divergences, A statistics) {
        this.batches = batches;
        this.divergences = divergences;
        this.statistics = statistics;
    }

    void write(Path file, String fingerprint) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeLong(MAGIC);
        out.writeUTF(fingerprint);
        out.writeInt(batches.size());
        for (long b : batches) {
            out.writeLong(b);
        }
        out.writeInt(divergences.size());
        for (Divergence d : divergences) {
            out.writeLong(d.trajectory());
            out.writeDouble(d.time());
            out.writeInt(d.component());
            out.writeUTF(d.componentName());
            out.writeDouble(d.value());
        }
        statistics.writeTo(out);
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
        Files.write(tmp, bytes.toByteArray());
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
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
        if (in.readLong() != MAGIC) {
            throw new IOException(file + " is not a ness4j checkpoint");
        }
        String found = in.readUTF();
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
            div.add(new Divergence(in.readLong(), in.readDouble(), in.readInt(), in.readUTF(),
                in.readDouble()));
        }
        A statistics = observer.read(in);
        return new Checkpoint<>(batches, div, statistics);
    }
}
