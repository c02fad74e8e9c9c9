package org.ness4j.core.stat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.core.stat.Estimate.StepError;

/** The step-size part of an estimate sits next to value and standard error, which keep their meaning. */
class EstimateTest {

    @Test
    void twoArgumentEstimatesCarryNoStepError() {
        Estimate e = new Estimate(1.5, 0.25);
        assertEquals(1.5, e.value());
        assertEquals(0.25, e.standardError());
        assertSame(StepError.NOT_ESTIMATED, e.stepError());
        assertFalse(e.hasStepError());
        assertFalse(e.stepErrorDominates());
        assertEquals("1.50(25)", e.toString());
        assertEquals(new Estimate(1.5, 0.25), e);
        assertEquals(new Estimate(1.5, 0.25).hashCode(), e.hashCode());
        assertEquals(new Estimate(1, Double.NaN), new Estimate(1, Double.NaN));
    }

    @Test
    void stepErrorIsASeparateComponent() {
        Estimate e = new Estimate(1.5, 0.25).withStepError(new StepError(-0.1, 0.02));
        assertEquals(1.5, e.value());
        assertEquals(0.25, e.standardError());
        assertEquals(-0.1, e.stepError().value());
        assertEquals(0.02, e.stepError().standardError());
        assertTrue(e.hasStepError());
        assertFalse(e.stepErrorDominates());
        assertEquals("1.50(25) step -0.100(20)", e.toString());
        assertNotEquals(new Estimate(1.5, 0.25), e);
        assertEquals(new Estimate(1.5, 0.25, new StepError(-0.1, 0.02)), e);
        assertFalse(e.stepErrorUnresolved());
        assertTrue(new Estimate(1, 0.1, new StepError(0.2, 0.01)).stepErrorDominates());
        assertTrue(new Estimate(1, 0.1, new StepError(-0.2, 0.01)).stepErrorDominates());
        // no statistical error to compare with: the step error is what is known
        assertTrue(new Estimate(1, Double.NaN, new StepError(0.2, 0.01)).stepErrorDominates());
        // larger than the statistical error but not resolved (within 2 of its own errors)
        Estimate noisy = new Estimate(1, 0.1, new StepError(0.3, 0.2));
        assertFalse(noisy.stepErrorDominates());
        assertTrue(noisy.stepErrorUnresolved());
        assertFalse(new Estimate(1, 0.1, new StepError(0.01, 0.05)).stepErrorUnresolved());
        assertFalse(new Estimate(1, 0.1).stepErrorUnresolved());
        assertThrows(NullPointerException.class, () -> new Estimate(1, 1, null));
        assertEquals("not estimated", StepError.NOT_ESTIMATED.toString());
    }

    /** The concise notation, worked out by hand from the rules in {@link Estimate#toString()}. */
    @ParameterizedTest(name = "{0} +- {1} -> {2}")
    @CsvSource(delimiter = ';', value = {
        "6.54; 0.18; 6.54(18)",
        "6.5432; 0.1849; 6.54(18)",
        "-0.03117; 0.00472; -0.0312(47)",
        "1.2; 0.1; 1.20(10)",
        "2.5; 1.0; 2.5(10)",
        "0.01; 0.5; 0.01(50)",
        "0; 0.18; 0.00(18)",
        "6.54; 0.0996; 6.54(10)",
        "500; 99.6; 5.0(10)e2",
        "123456; 1800; 1.235(18)e5",
        "1.234e-7; 5.6e-9; 1.234(56)e-7",
        "-4.5678e12; 3.3e9; -4.5678(33)e12",
        "999999.96; 0.18; 999999.96(18)",
        "2.5; 0; 2.5(0)",
        "1234567; 0; 1.234567(0)e6",
        "6.543219876; NaN; 6.54322(NaN)",
        "6.543219876; Infinity; 6.54322(Infinity)",
        "1e-7; NaN; 1(NaN)e-7",
        "NaN; 0.18; NaN +- 0.18",
        "-Infinity; NaN; -Infinity +- NaN",
    })
    void conciseNotation(double value, double error, String expected) {
        assertEquals(expected, new Estimate(value, error).toString());
    }

    @Test
    void stepErrorFollowsInTheSameNotation() {
        assertEquals("6.54(18) step 0.020(10)",
            new Estimate(6.54, 0.18, new StepError(0.02, 0.01)).toString());
        assertEquals("6.54(18) step 0.0213(NaN)",
            new Estimate(6.54, 0.18, new StepError(0.0213, Double.NaN)).toString());
        assertEquals("0.020(10)", new StepError(0.02, 0.01).toString());
    }

    private static final Pattern CONCISE =
        Pattern.compile("(-?\\d+(?:\\.(\\d+))?)\\((\\d+)\\)(?:e(-?\\d+))?");

    /** Values and errors over 40 decades, drawn from a seeded generator. */
    static Stream<Arguments> randomEstimates() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20261207L);
        return Stream.generate(() -> {
            double error = Math.pow(10, -20 + 40 * rng.nextDouble()) * (1 + rng.nextDouble());
            double value = (rng.nextBoolean() ? 1 : -1) * error
                * Math.pow(10, -2 + 10 * rng.nextDouble());
            return Arguments.of(value, error);
        }).limit(200);
    }

    /**
     * Read back, the notation gives the error to two significant digits (relative rounding
     * error at most 1/20, since the leading digits are at least 10) and the value to within half
     * a unit of its last digit, for every magnitude; never more than 6 digits before the
     * exponent's decimal point.
     */
    @ParameterizedTest
    @MethodSource("randomEstimates")
    void readsBackWithinTheRoundingOfItsLastDigit(double value, double error) {
        String text = new Estimate(value, error).toString();
        Matcher m = CONCISE.matcher(text);
        assertTrue(m.matches(), "not concise notation: " + text + " for " + value + ", " + error);
        int decimals = m.group(2) == null ? 0 : m.group(2).length();
        int exponent = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(exponent - decimals);
        double shownValue = new BigDecimal(m.group(1)).scaleByPowerOfTen(exponent).doubleValue();
        double shownError = new BigDecimal(m.group(3)).multiply(unit).doubleValue();
        String message = text + " for " + value + " +- " + error;
        assertEquals(2, m.group(3).length(), message);
        assertEquals(error, shownError, error / 20, message);
        assertEquals(value, shownValue, unit.doubleValue() * 0.5000001, message);
        assertTrue(m.group(1).replace("-", "").indexOf('.') <= 6, message);
    }
}
