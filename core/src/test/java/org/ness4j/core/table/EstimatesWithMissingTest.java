package org.ness4j.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.core.stat.Estimate;

/** {@link Table.Builder#estimatesWithMissing}: the fixed schema of accumulator tables. */
class EstimatesWithMissingTest {

    static IntStream seeds() {
        return IntStream.range(0, 8);
    }

    /** Random estimates with undefined values and errors mixed in; exact CSV round trip. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void valuesAndErrorsRoundTripWithMissing(int seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + 1000L);
        int n = 1 + rng.nextInt(20);
        boolean step = rng.nextBoolean();
        List<Estimate> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            double v = rng.nextInt(4) == 0 ? special[rng.nextInt(3)] : rng.nextDouble() - 0.5;
            double e = rng.nextInt(4) == 0 ? Double.NaN : rng.nextDouble();
            Estimate x = new Estimate(v, e);
            if (step && rng.nextBoolean()) {
                x = x.withStepError(new Estimate.StepError(rng.nextDouble() - 0.5,
                    rng.nextDouble()));
            }
            list.add(x);
        }
        Table t = Table.builder("t").estimatesWithMissing("x", list).build();
        boolean anyStep = list.stream().anyMatch(Estimate::hasStepError);
        assertEquals(anyStep ? List.of("x", "x_err", "x_step", "x_step_err")
            : List.of("x", "x_err"), t.columnNames(), "seed " + seed);
        for (Column c : t.columns()) {
            assertTrue(c.allowsMissing(), c.name());
        }
        for (int i = 0; i < n; i++) {
            Estimate x = list.get(i);
            double v = Double.isFinite(x.value()) ? x.value() : Double.NaN;
            assertEquals(Double.doubleToLongBits(v),
                Double.doubleToLongBits(t.column("x").doubleAt(i)), "seed " + seed + " row " + i);
            assertEquals(Double.doubleToLongBits(x.standardError()),
                Double.doubleToLongBits(t.column("x_err").doubleAt(i)));
            if (anyStep) {
                assertEquals(Double.doubleToLongBits(x.stepError().value()),
                    Double.doubleToLongBits(t.column("x_step").doubleAt(i)));
                assertEquals(Double.doubleToLongBits(x.stepError().standardError()),
                    Double.doubleToLongBits(t.column("x_step_err").doubleAt(i)));
            }
        }
        assertEquals(t, TableCsv.fromCsv(TableCsv.toCsv(t), t.metadata()), "seed " + seed);
    }

    @Test
    void negativeErrorIsRefusedNamingTheRow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Table.builder("t").estimatesWithMissing("x",
                List.of(new Estimate(1, 0.1), new Estimate(2, -0.1))));
        assertTrue(e.getMessage().contains("x_err") && e.getMessage().contains("row 1"),
            e.getMessage());
    }
}
