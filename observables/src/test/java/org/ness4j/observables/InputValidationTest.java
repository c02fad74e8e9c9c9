package org.ness4j.observables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.EnsembleObserver;
import org.ness4j.sde.ensemble.SampleSchedule;

/**
 * Bad input is refused with an {@code IllegalArgumentException} naming it before any work
 * (sites outside the chain, for every accumulator and for the phase kick; sizes beyond a Java
 * array), and corrupt serialized data with an {@code IOException} rather than a half-read
 * accumulator.
 */
class InputValidationTest {

    private static final ChainProblem CHAIN = ChainProblem.truncatedWigner(
        BoseHubbardChain.builder(4).boundaryDrive(3).build());
    private static final SampleSchedule SCHEDULE = new SampleSchedule(0, 1);

    /** Each accumulator's observer of site 7 on a 4-site chain. */
    static Stream<Arguments> observersOfSite7() {
        return Stream.of(
            Arguments.of("SiteMoments", SiteMoments.observer(SCHEDULE, 7)),
            Arguments.of("Correlations", Correlations.observer(SCHEDULE,
                Correlations.reference(0, 7))),
            Arguments.of("WignerHistogram", WignerHistogram.observer(SCHEDULE, 8, 4.0, 7)),
            Arguments.of("FockPopulations", FockPopulations.observer(SCHEDULE, 5, 7)),
            Arguments.of("LocalDensityMatrix", LocalDensityMatrix.observer(SCHEDULE, 7, 4)),
            Arguments.of("SiteSeries", SiteSeries.observer(SCHEDULE, 3, 0.01, 7)),
            Arguments.of("Autocorrelation", Autocorrelation.observer(SCHEDULE, 3, 0.01, 7)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("observersOfSite7")
    void aSiteOutsideTheChainIsRefusedBeforeWork(String name, EnsembleObserver<?> observer) {
        Ensemble e = Ensemble.builder(CHAIN).dt(0.01).steps(10).trajectories(2).build();
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> e.run(observer));
        assertTrue(ex.getMessage().contains("7") && ex.getMessage().contains("outside"),
            name + ": " + ex.getMessage());
    }

    @Test
    void phaseOtocSitesAndKickOutsideTheChainAreRefusedBeforeWork() {
        Ensemble kickOutside = Ensemble.builder(CHAIN).dt(0.01).steps(10).trajectories(2)
            .replicas(2, 5, PhaseOtoc.kick(9, 1e-3)).build();
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> kickOutside.run(PhaseOtoc.observer(5, 1, 5, 0.01, 0)));
        assertTrue(ex.getMessage().contains("site 9"), ex.getMessage());
        Ensemble ok = Ensemble.builder(CHAIN).dt(0.01).steps(10).trajectories(2)
            .replicas(2, 5, PhaseOtoc.kick(0, 1e-3)).build();
        ex = assertThrows(IllegalArgumentException.class,
            () -> ok.run(PhaseOtoc.observer(5, 1, 5, 0.01, 0, 7)));
        assertTrue(ex.getMessage().contains("site 7"), ex.getMessage());
    }

    @Test
    void sizesBeyondAJavaArrayAreRefused() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> WignerHistogram.of(50_000, 4.0, 0));
        assertTrue(ex.getMessage().contains("bins 50000"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class,
            () -> LocalDensityMatrix.of(0, 50_000));
        assertTrue(ex.getMessage().contains("dimension"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class,
            () -> Correlations.reference(0, 3).accept(0, new double[4]));
        assertTrue(ex.getMessage().contains("outside a field of 2 sites"), ex.getMessage());
    }

    /** Serialized SiteMoments of sites {0, 3}, one group, changed by {@code corrupt}. */
    private static byte[] corrupted(Function<byte[], byte[]> corrupt) throws IOException {
        SiteMoments m = SiteMoments.of(0, 3);
        m.accept(0, new double[] {1, 2, 3, 4});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        m.writeTo(new DataOutputStream(bytes));
        return corrupt.apply(bytes.toByteArray());
    }

    private static void assertCorrupt(byte[] data, String what) {
        IOException ex = assertThrows(IOException.class, () -> SiteMoments.readFrom(
            new DataInputStream(new ByteArrayInputStream(data))));
        assertTrue(ex.getMessage().contains(what), ex.getMessage());
    }

    @Test
    void corruptSerializedDataIsRefused() throws IOException {
        byte[] good = corrupted(b -> b);
        SiteMoments.readFrom(new DataInputStream(new ByteArrayInputStream(good)));
        // the site list {0, 3} starts after the tag: find the int 3 and make it 0 (duplicate)
        // or -5 (negative)
        int at = indexOfInt(good, 3);
        assertCorrupt(withInt(good, at, 0), "corrupt site list");
        assertCorrupt(withInt(good, at, -5), "corrupt site list");
        // the group's sample count (the first double after the group key) set to 0 and -10
        int count = indexOfDouble(good, 1.0);
        assertCorrupt(withDouble(good, count, 0.0), "sample count");
        assertCorrupt(withDouble(good, count, -10.0), "sample count");
    }

    /** Serialized Correlations of the pairs (2, 0), (2, 7), one group. */
    private static byte[] correlationBytes() throws IOException {
        Correlations c = Correlations.of(new int[] {2, 2}, new int[] {0, 7});
        c.accept(0, new double[16]);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        c.writeTo(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static void assertCorruptCorrelations(byte[] data, String what) {
        IOException ex = assertThrows(IOException.class, () -> Correlations.readFrom(
            new DataInputStream(new ByteArrayInputStream(data))));
        assertTrue(ex.getMessage().contains(what), ex.getMessage());
    }

    /**
     * Correlations.readFrom checks its pair list as SiteMoments.readFrom checks its sites:
     * it used to accept negative sites (failing later, inside a run) and to allocate whatever
     * pair count the stream held (2^31 - 1 pairs: two 8 GB arrays) before reading on.
     */
    @Test
    void corruptSerializedCorrelationsAreRefused() throws IOException {
        byte[] good = correlationBytes();
        Correlations back = Correlations.readFrom(
            new DataInputStream(new ByteArrayInputStream(good)));
        Correlations expected = Correlations.of(new int[] {2, 2}, new int[] {0, 7});
        expected.accept(0, new double[16]);
        assertEquals(expected, back);
        // the pair count 2 directly follows the tag (2-byte length + "Correlations2")
        int count = 2 + java.nio.ByteBuffer.wrap(good, 0, 2).getShort();
        assertEquals(2, java.nio.ByteBuffer.wrap(good, count, 4).getInt());
        assertCorruptCorrelations(withInt(good, count, 0), "corrupt pair count 0");
        assertCorruptCorrelations(withInt(good, count, -3), "corrupt pair count -3");
        assertCorruptCorrelations(withInt(good, count, Integer.MAX_VALUE),
            "corrupt pair count " + Integer.MAX_VALUE);
        // sites: k0 = 2 at count + 4, l0 = 0 at count + 8, k1 at count + 12, l1 = 7 at count + 16
        assertCorruptCorrelations(withInt(good, count + 4, -1), "corrupt pair list");
        assertCorruptCorrelations(withInt(good, count + 16, -7), "corrupt pair list");
        // repeated pairs are what Correlations.of accepts, so they read back
        Correlations twice = Correlations.readFrom(new DataInputStream(
            new ByteArrayInputStream(withInt(good, count + 16, 0))));
        assertEquals(0.0, twice.correlationRe(2, 0).value(), 0.0);
    }

    private static int indexOfInt(byte[] b, int v) {
        for (int i = 0; i + 4 <= b.length; i++) {
            if (java.nio.ByteBuffer.wrap(b, i, 4).getInt() == v) {
                return i;
            }
        }
        throw new AssertionError("int " + v + " not found");
    }

    private static int indexOfDouble(byte[] b, double v) {
        for (int i = 0; i + 8 <= b.length; i++) {
            if (java.nio.ByteBuffer.wrap(b, i, 8).getDouble() == v) {
                return i;
            }
        }
        throw new AssertionError("double " + v + " not found");
    }

    private static byte[] withInt(byte[] b, int at, int v) {
        byte[] c = b.clone();
        java.nio.ByteBuffer.wrap(c, at, 4).putInt(v);
        return c;
    }

    private static byte[] withDouble(byte[] b, int at, double v) {
        byte[] c = b.clone();
        java.nio.ByteBuffer.wrap(c, at, 8).putDouble(v);
        return c;
    }
}
