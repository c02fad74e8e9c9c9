package org.ness4j.sde.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The time-based factory of {@link SampleSchedule}: exact on the grid, refusing times off it. */
class SampleScheduleTest {

    /** Random step sizes and step counts (seeded). */
    static Stream<Arguments> gridTimes() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2026L);
        return Stream.generate(() -> {
            double dt = Math.pow(10, -4 * rng.nextDouble()) * (1 + rng.nextInt(9));
            return Arguments.of(dt, (long) rng.nextInt(100_000), 1 + (long) rng.nextInt(1000));
        }).limit(40);
    }

    @ParameterizedTest
    @MethodSource("gridTimes")
    void timesOnTheGridGiveTheirStepCounts(double dt, long first, long every) {
        SampleSchedule s = SampleSchedule.ofTimes(first * dt, every * dt, dt);
        assertEquals(new SampleSchedule(first, every), s,
            "dt=" + dt + " first=" + first + " every=" + every);
    }

    @ParameterizedTest
    @MethodSource("gridTimes")
    void timesOffTheGridAreRefusedNamingTheNearestValidValue(double dt, long first, long every) {
        double off = (first + 0.3) * dt;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SampleSchedule.ofTimes(off, every * dt, dt), "dt=" + dt + " first=" + first);
        assertTrue(e.getMessage().startsWith("first sample time = " + off), e.getMessage());
        assertTrue(e.getMessage().contains("nearest valid value: " + first * dt), e.getMessage());
        double offEvery = (every + 0.6) * dt;
        e = assertThrows(IllegalArgumentException.class,
            () -> SampleSchedule.ofTimes(first * dt, offEvery, dt));
        assertTrue(e.getMessage().startsWith("sample period = " + offEvery), e.getMessage());
        assertTrue(e.getMessage().contains("(" + (every + 1) + " steps)"), e.getMessage());
    }

    @Test
    void decimalLiteralsThatTruncationWouldGetWrongAreExact() {
        // 0.7 / 0.1 = 6.999999999999999: (long) (t / dt) would give 6
        assertEquals(6, (long) (0.7 / 0.1));
        assertEquals(new SampleSchedule(7, 2), SampleSchedule.ofTimes(0.7, 0.2, 0.1));
        assertEquals(new SampleSchedule(0, 700), SampleSchedule.ofTimes(0, 7, 0.01));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SampleSchedule.ofTimes(-1, 1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> SampleSchedule.ofTimes(0, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> SampleSchedule.ofTimes(0, 1, 0));
        assertThrows(IllegalArgumentException.class,
            () -> SampleSchedule.ofTimes(Double.NaN, 1, 0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SampleSchedule.ofTimes(0, 0.04, 0.1));
        assertTrue(e.getMessage().contains("sample period"), e.getMessage());
    }
}
