package org.ness4j.core.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact steady state's series against an independent summation in log space over a fixed,
 * generous range of terms, including weak damping (kappa/U small), where the weights have a
 * second peak near m = 2 Delta/U that an early stop would miss.
 */
class DrivenKerrOscillatorTest {

    /** Seeded parameters (Delta, U, F, kappa), weak damping in half of them, plus fixed cases. */
    static Stream<Arguments> parameters() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(41);
        Stream<Arguments> random = Stream.generate(() -> {
            double u = (rng.nextBoolean() ? 1 : -1) * (0.02 + 0.5 * rng.nextDouble());
            double delta = -5 + 10 * rng.nextDouble();
            double kappa = rng.nextBoolean() ? 0.05 + 0.5 * rng.nextDouble()
                : 0.5 + 2 * rng.nextDouble();
            double f = 15 * rng.nextDouble();
            return Arguments.of(delta, u, f, kappa);
        }).limit(40);
        // the bistable high-amplitude branch (n ~ 119) and the chain's one-site parameters
        return Stream.concat(Stream.of(Arguments.of(5.0, 0.05, 11.0, 0.5),
            Arguments.of(2.5, 0.1, 2.4, 0.1), Arguments.of(2.5, 0.1, 7.5, 1.0)), random);
    }

    @ParameterizedTest(name = "Delta {0}, U {1}, F {2}, kappa {3}")
    @MethodSource("parameters")
    void seriesAgreesWithALogSpaceSum(double delta, double u, double f, double kappa) {
        DrivenKerrOscillator k = DrivenKerrOscillator.of(delta, u, f, kappa);
        double cRe = -2 * delta / u;
        double cIm = -kappa / u;
        double z = -2 * f / u;
        double x = 2 * z * z;
        // every term up to far beyond both peaks: past m = max(0, -cRe) + x^(1/3) the ratio
        // x / ((m + 1)|c + m|^2) is below 1 / 8 and falling
        int terms = (int) (4 * (Math.max(0, -cRe) + Math.cbrt(x))) + 2000;
        double[] logW = new double[terms];
        double max = Double.NEGATIVE_INFINITY;
        for (int m = 0; m < terms; m++) {
            if (m > 0) {
                double q = cRe + m - 1;
                logW[m] = logW[m - 1] + Math.log(x) - Math.log(m) - Math.log(q * q + cIm * cIm);
            }
            max = Math.max(max, logW[m]);
        }
        double s0 = 0;
        double sRe = 0;
        double sIm = 0;
        double sn = 0;
        double s2 = 0;
        for (int m = 0; m < terms; m++) {
            double w = Math.exp(logW[m] - max);
            double q = cRe + m;
            double a2 = q * q + cIm * cIm;
            double a2Next = (q + 1) * (q + 1) + cIm * cIm;
            s0 += w;
            sRe += w * q / a2;
            sIm -= w * cIm / a2;
            sn += w / a2;
            s2 += w / (a2 * a2Next);
        }
        double n = z * z * sn / s0;
        String where = "Delta " + delta + ", U " + u + ", F " + f + ", kappa " + kappa;
        assertEquals(n, k.exactMeanPhotonNumber(), 1e-9 * n + 1e-15, "n, " + where);
        assertEquals(z * sRe / s0, k.exactField().getReal(), 1e-9 * Math.sqrt(n) + 1e-15,
            "Re <a>, " + where);
        assertEquals(z * sIm / s0, k.exactField().getImaginary(), 1e-9 * Math.sqrt(n) + 1e-15,
            "Im <a>, " + where);
        double m2 = Math.pow(z, 4) * s2 / s0;
        assertEquals(m2, k.exactSecondFactorialMoment(), 1e-9 * m2 + 1e-15, "<a+2 a2>, " + where);
    }
}
