package org.ness4j.core.stat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
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
        assertEquals("1.5 +- 0.25", e.toString());
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
        assertEquals("1.5 +- 0.25 (step error -0.1 +- 0.02)", e.toString());
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
}
