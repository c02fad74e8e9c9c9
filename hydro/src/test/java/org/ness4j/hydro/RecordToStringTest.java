package org.ness4j.hydro;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ness4j.hydro.ed.GibbsPoint;
import org.ness4j.hydro.toy.DomainWallStatistics;

/** The public records of hydro with array components print the arrays' contents. */
class RecordToStringTest {

    @Test
    void gibbsPointShowsItsMatrices() {
        String s = new GibbsPoint(0.5, -0.25, 0.1, -0.2, new double[][] {{1.5, 2.5}, {3.5, 4.5}},
            new double[] {0.125, 0.375}, new double[][] {{5, 6}, {7, 8}},
            new double[][] {{9, 10}, {11, 12}}, new double[][] {{13, 14}, {15, 16}},
            new double[] {0.625, 0.875}).toString();
        assertFalse(s.contains("[D@") || s.contains("[[D@"), s);
        assertTrue(s.contains("lambda1=0.5") && s.contains("covariance=[[1.5, 2.5], [3.5, 4.5]]")
            && s.contains("force=[0.125, 0.375]") && s.contains("noise=[[13.0, 14.0], [15.0, "
            + "16.0]]") && s.contains("jumpRates=[0.625, 0.875]"), s);
    }

    @Test
    void wallDensityResultShowsItsSeries() {
        String s = new DomainWallStatistics.Result(0.0625, 0.003, new double[] {0.06, 0.065},
            new double[] {10, 20}, new double[] {0.0575, 0.0675}).toString();
        assertFalse(s.contains("[D@"), s);
        assertTrue(s.contains("density=0.0625") && s.contains("replicaDensities=[0.06, 0.065]")
            && s.contains("sampleTimes=[10.0, 20.0]") && s.contains("meanSeries=[0.0575, 0.0675]"),
            s);
    }
}
