package org.ness4j.sde.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ness4j.core.chain.BoseHubbardChain;

/** Input checks of {@link ChainProblem} (review findings: both used to go unchecked). */
class ChainProblemTest {

    private static final ChainProblem PROBLEM = ChainProblem.truncatedWigner(
        BoseHubbardChain.builder(3).boundaryDrive(1).build());

    @Test
    void nullInitialFieldIsNamed() {
        NullPointerException e = assertThrows(NullPointerException.class,
            () -> PROBLEM.withInitialField(null));
        assertEquals("field", e.getMessage());
        double[] field = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(field, PROBLEM.withInitialField(field).initialField());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
            () -> PROBLEM.withInitialField(new double[5]));
        assertEquals("initial field must have length 6: 5", bad.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, -2, 6, 7, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void componentOutsideTheStateIsRefused(int component) {
        // -1 used to be named "Im alpha at site 0" and 6 "Re alpha at site 3" (no such site)
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> PROBLEM.componentName(component));
        assertEquals("component must be in [0, 5]: " + component, e.getMessage());
    }

    @Test
    void componentNamesOfTheState() {
        String[] expected = {"Re alpha at site 0", "Im alpha at site 0", "Re alpha at site 1",
            "Im alpha at site 1", "Re alpha at site 2", "Im alpha at site 2"};
        for (int c = 0; c < expected.length; c++) {
            assertEquals(expected[c], PROBLEM.componentName(c));
        }
    }
}
