package org.ness4j.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ness4j.core.Version;
import org.junit.jupiter.api.Test;

class ProvenanceTest {

    @Test
    void defaultsAreLibraryAndJavaVersion() {
        Provenance p = Provenance.minimal();
        assertEquals(Version.current(), p.libraryVersion());
        assertEquals(System.getProperty("java.version"), p.javaVersion());
        assertTrue(p.masterSeed().isEmpty());
        assertTrue(p.commandLine().isEmpty());
        assertEquals(p, Provenance.fromJson(p.toJson()));
    }

    @Test
    void jsonRoundTripKeepsEveryFieldAndParameterTypes() {
        Provenance p = TestTables.fullProvenance();
        Provenance back = Provenance.fromJson(p.toJson());
        assertEquals(p, back);
        assertEquals(-8_765_432_109_876_543_210L, back.masterSeed().getAsLong());
        assertEquals(List.of("J", "F", "L", "open", "note"), List.copyOf(back.parameters().keySet()));
        assertEquals(1.0, back.parameters().get("J"));
        assertEquals(16L, back.parameters().get("L"));
        assertEquals(Boolean.TRUE, back.parameters().get("open"));
        assertEquals(Instant.parse("2026-12-07T22:31:15.123456789Z"), back.start().get());
        assertEquals(p.toJson(), back.toJson());
    }

    @Test
    void jsonTextIsEscapedAndStable() {
        Provenance p = Provenance.builder().libraryVersion("1.2.3").javaVersion("17")
                .masterSeed(7).dt(0.01).parameter("s", "q\"b\\n\nc\u0001é").build();
        String expected = "{\n"
                + "  \"libraryVersion\": \"1.2.3\",\n"
                + "  \"masterSeed\": 7,\n"
                + "  \"dt\": 0.01,\n"
                + "  \"parameters\": {\n"
                + "    \"s\": \"q\\\"b\\\\n\\nc\\u0001é\"\n"
                + "  },\n"
                + "  \"javaVersion\": \"17\"\n"
                + "}\n";
        assertEquals(expected, p.toJson());
        assertEquals("{\"s\": \"q\\\"b\\\\n\\nc\\u0001é\"}", p.parametersJson());
    }

    @Test
    void parsesUnicodeEscapesAndIgnoresUnknownKeys() {
        Provenance p = Provenance.fromJson("{\"libraryVersion\":\"x\",\"javaVersion\":\"17\","
                + "\"future\":[1,2,{\"a\":null}],\"algorithm\":\"\\u00e9\\ud83d\\ude00\\/\"}");
        assertEquals("é😀/", p.algorithm().get());
    }

    @Test
    void refusesBadInputNamingTheKey() {
        assertMessage("dt must be positive and finite: NaN",
                () -> Provenance.builder().dt(Double.NaN));
        assertMessage("steps must be >= 0: -1", () -> Provenance.builder().steps(-1));
        assertMessage("groups must be >= 1: 0", () -> Provenance.builder().groups(0));
        assertMessage("parameter 'x' must be finite: Infinity",
                () -> Provenance.builder().parameter("x", Double.POSITIVE_INFINITY));
        assertMessage("end must not be before start",
                () -> Provenance.builder().interval(Instant.ofEpochSecond(10),
                        Instant.ofEpochSecond(9)));
        assertMessage("parameter 'x' must be a String, integer, double or boolean",
                () -> Provenance.builder().parameters(Map.of("x", new Object())));
        assertMessage("provenance key \"masterSeed\" must be a integer",
                () -> Provenance.fromJson("{\"libraryVersion\":\"x\",\"javaVersion\":\"17\","
                        + "\"masterSeed\":1.5}"));
        assertMessage("provenance key \"libraryVersion\" is missing",
                () -> Provenance.fromJson("{\"javaVersion\":\"17\"}"));
        assertMessage("duplicate key \"a\"", () -> Provenance.fromJson("{\"a\":1,\"a\":2}"));
        assertMessage("integer outside the 64-bit range",
                () -> Provenance.fromJson("{\"a\":9223372036854775808}"));
        assertMessage("unexpected text after the JSON value", () -> Provenance.fromJson("{} x"));
        assertMessage("line 2, column 2", () -> Provenance.fromJson("{\n}}"));
        assertMessage("invalid number", () -> Provenance.fromJson("{\"a\": 01}"));
        assertMessage("unescaped control character",
                () -> Provenance.fromJson("{\"a\": \"x\ny\"}"));
    }

    @Test
    void equalityCoversParameterOrder() {
        Provenance a = Provenance.builder().parameter("x", 1L).parameter("y", 2L).build();
        Provenance b = Provenance.builder().parameter("y", 2L).parameter("x", 1L).build();
        assertFalse(a.equals(b));
        assertEquals(a, a.toBuilder().build());
    }

    static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), "message '" + e.getMessage()
                + "' should contain '" + part + "'");
    }
}
