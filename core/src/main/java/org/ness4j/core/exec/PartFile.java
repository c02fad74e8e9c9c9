package org.ness4j.core.exec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The envelope of a serialized partial result: which run it belongs to (fingerprint and
 * trajectory count), which range it covers, and the plan's own payload, with a checksum.
 * {@link ShardedPlan#write} implementations wrap their payload in it, so that tools
 * ({@link MergeTool}) can check a set of parts for gaps and overlaps without the plan.
 *
 * <p>Format (big-endian, {@link DataOutputStream}): int magic {@code "NESP"}, int version 1,
 * int length + UTF-8 fingerprint, long trajectories, long from, long to, int length + payload,
 * long CRC-32 of the payload.
 *
 * @param fingerprint the plan's {@link ShardedPlan#fingerprint()}
 * @param trajectories trajectories of the whole run
 * @param range the range the part covers
 * @param payload the plan's bytes
 */
public record PartFile(String fingerprint, long trajectories, TrajectoryRange range,
                       byte[] payload) {

    private static final int MAGIC = 0x4e455350; // "NESP"
    private static final int VERSION = 1;

    /**
     * Encodes the envelope.
     *
     * @return the bytes
     */
    public byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            byte[] f = fingerprint.getBytes(StandardCharsets.UTF_8);
            out.writeInt(f.length);
            out.write(f);
            out.writeLong(trajectories);
            out.writeLong(range.from());
            out.writeLong(range.to());
            out.writeInt(payload.length);
            out.write(payload);
            CRC32 crc = new CRC32();
            crc.update(payload);
            out.writeLong(crc.getValue());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
    }

    /**
     * Decodes an envelope.
     *
     * @param bytes bytes written by {@link #encode()}
     * @return the envelope
     * @throws IllegalArgumentException if the bytes are not a part, truncated or corrupt
     */
    public static PartFile decode(byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a ness4j partial result (bad magic)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("partial result format " + version
                    + " is not supported (expected " + VERSION + ")");
            }
            byte[] f = new byte[in.readInt()];
            in.readFully(f);
            long trajectories = in.readLong();
            TrajectoryRange range = new TrajectoryRange(in.readLong(), in.readLong());
            byte[] payload = new byte[in.readInt()];
            in.readFully(payload);
            CRC32 crc = new CRC32();
            crc.update(payload);
            if (in.readLong() != crc.getValue()) {
                throw new IllegalArgumentException("partial result of " + range
                    + " is corrupt (checksum mismatch)");
            }
            return new PartFile(new String(f, StandardCharsets.UTF_8), trajectories, range,
                payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated ness4j partial result: " + e, e);
        }
    }

    /**
     * Checks that this part belongs to a plan.
     *
     * @param plan the plan
     * @return this
     * @throws IllegalArgumentException showing both fingerprints if it does not
     */
    public PartFile requirePlan(ShardedPlan<?> plan) {
        if (!fingerprint.equals(plan.fingerprint()) || trajectories != plan.trajectories()) {
            throw new IllegalArgumentException("partial result of " + range + " belongs to "
                + "another run:\n  part: " + fingerprint + " trajectories=" + trajectories
                + "\n  plan: " + plan.fingerprint() + " trajectories=" + plan.trajectories());
        }
        Shards.requireShard(range, trajectories, plan.alignment());
        return this;
    }
}
