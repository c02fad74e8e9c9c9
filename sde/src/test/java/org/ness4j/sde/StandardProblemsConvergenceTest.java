package org.ness4j.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.sde.srk.Sra;
import org.ness4j.sde.srk.Sri;

/**
 * The orders StochasticDiffEq's test suite expects on SciML's standard SDE problems
 * ({@link StandardProblems}), plus scalar and non-diagonal noise, measured by
 * {@link ConvergenceStudy} against the analytic solutions on 1024 common paths at
 * h = 1/8 .. 1/64 (16384 where a weak order 1 is asserted under state-dependent noise).
 *
 * <p>Tolerance: |slope - expected| <= 0.2 + 4 se, where se is the study's jackknife standard
 * error of the slope (4 se: false-failure probability below 1e-4 per assertion for a normal
 * estimate) and 0.2 allows for the pre-asymptotic range (as in {@code SrkConvergenceTest};
 * StochasticDiffEq's own tests allow 0.3). Weak orders are asserted only where the study
 * resolves them (se below 0.1); for the schemes of weak order 2 on diagonal noise the weak
 * error at these step sizes is below the statistical error of 1024 paths.
 */
class StandardProblemsConvergenceTest {

    private static Arguments c(String name, Supplier<SdeProblem> p, SdeAlgorithm a,
                               double strong, double weak) {
        return Arguments.of(name, p, a, strong, weak);
    }

    /** problem, scheme, expected strong order, expected weak order (NaN: not asserted). */
    static Stream<Arguments> cases() {
        EulerMaruyama em = EulerMaruyama.create();
        Heun heun = Heun.create();
        return Stream.of(
            c("linear", StandardProblems::linear, em, 0.5, 1.0),
            c("linear", StandardProblems::linear, Sri.sriw1(), 1.5, Double.NaN),
            c("linear", StandardProblems::linear, Sri.sosri(), 1.5, Double.NaN),
            c("linearStratonovich", StandardProblems::linearStratonovich, heun, 1.0, 1.0),
            c("linear", StandardProblems::linear, RkMilstein.create(), 1.0, 1.0),
            c("linear2D", StandardProblems::linear2D, em, 0.5, 1.0),
            c("linear2D", StandardProblems::linear2D, RkMilstein.create(), 1.0, Double.NaN),
            c("linear2D", StandardProblems::linear2D, Sri.sriw1(), 1.5, Double.NaN),
            // the additive problems' noise (alpha beta = 0.005) is so small that the drift
            // error dominates: EM shows its order 1; SRA (linear drift) and Heun order 2
            c("additive", StandardProblems::additive, em, 1.0, 1.0),
            c("additive", StandardProblems::additive, Sra.sra1(), 2.0, 2.0),
            c("additive", StandardProblems::additive, Sra.sosra(), 2.0, 2.0),
            c("additiveSystem", StandardProblems::additiveSystem, em, 1.0, 1.0),
            c("additiveSystem", StandardProblems::additiveSystem, Sra.sra1(), 2.0, 2.0),
            c("wave", StandardProblems::wave, em, 0.5, Double.NaN),
            c("wave", StandardProblems::wave, Sri.sriw1(), 1.5, Double.NaN),
            c("wave", StandardProblems::wave, RkMilstein.create(), 1.0, Double.NaN),
            c("cubic", StandardProblems::cubic, RkMilstein.create(), 1.0, Double.NaN),
            c("cubic", StandardProblems::cubic, em, 0.5, Double.NaN),
            c("cubic", StandardProblems::cubic, Sri.sriw1(), 1.5, Double.NaN),
            c("scalarNoise Ito", () -> StandardProblems.scalarNoiseLinear(Calculus.ITO), em,
                0.5, 1.0),
            c("scalarNoise Ito", () -> StandardProblems.scalarNoiseLinear(Calculus.ITO),
                RkMilstein.create(), 1.0, 1.0),
            c("scalarNoise Stratonovich",
                () -> StandardProblems.scalarNoiseLinear(Calculus.STRATONOVICH), heun, 1.0, 1.0),
            c("nonDiagonal Ito", () -> StandardProblems.nonDiagonalLinear(Calculus.ITO), em,
                0.5, 1.0),
            // commutative noise: Heun keeps strong order 1 (0.5 is for non-commutative noise)
            c("nonDiagonal Stratonovich",
                () -> StandardProblems.nonDiagonalLinear(Calculus.STRATONOVICH), heun, 1.0, 1.0),
            // commutative noise: RKMilCommute reaches strong order 1 from the increments alone
            c("nonDiagonal Ito", () -> StandardProblems.nonDiagonalLinear(Calculus.ITO),
                RkMilCommute.create(), 1.0, 1.0),
            c("nonDiagonal Stratonovich",
                () -> StandardProblems.nonDiagonalLinear(Calculus.STRATONOVICH),
                RkMilCommute.create(Calculus.STRATONOVICH), 1.0, 1.0),
            c("scalarNoise Ito", () -> StandardProblems.scalarNoiseLinear(Calculus.ITO),
                RkMilCommute.create(), 1.0, Double.NaN),
            c("scalarNoise Stratonovich",
                () -> StandardProblems.scalarNoiseLinear(Calculus.STRATONOVICH),
                RkMilCommute.create(Calculus.STRATONOVICH), 1.0, Double.NaN),
            c("linearStratonovich", StandardProblems::linearStratonovich,
                RkMilCommute.create(Calculus.STRATONOVICH), 1.0, Double.NaN),
            c("nonDiagonalAdditive", StandardProblems::nonDiagonalAdditive, em, 1.0, 1.0),
            c("nonDiagonalAdditive", StandardProblems::nonDiagonalAdditive, heun, 2.0, 2.0),
            c("nonDiagonalAdditive", StandardProblems::nonDiagonalAdditive, Sra.sra1(), 2.0,
                2.0),
            c("nonDiagonalAdditive", StandardProblems::nonDiagonalAdditive, Sra.sosra(), 2.0,
                2.0));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("cases")
    void measuredOrdersAreTheExpectedOnes(String name, Supplier<SdeProblem> problem,
                                          SdeAlgorithm scheme, double strong, double weak) {
        // a weak error of order h under a strong error of order h^0.5 needs more paths
        boolean weakUnderNoise = !Double.isNaN(weak) && !problem.get().noiseKind().isAdditive();
        ConvergenceStudy.Result r = ConvergenceStudy.of(problem.get(), scheme)
            .withSteps(8, 16, 32, 64).withPaths(weakUnderNoise ? 16384 : 1024)
            .withSeed(name.hashCode()).run();
        String msg = name + " " + scheme + ":\n" + r;
        assertTrue(Math.abs(r.strongOrder() - strong) <= 0.2 + 4 * r.strongOrderSe(), msg);
        if (!Double.isNaN(weak)) {
            assertTrue(r.weakOrderSe() < 0.1, "weak order not resolved: " + msg);
            assertTrue(Math.abs(r.weakOrder() - weak) <= 0.2 + 4 * r.weakOrderSe(), msg);
        }
        // work: drift evaluations per path = steps x the stepper's evaluations per step
        int per = scheme.stepper(problem.get(), 1).driftEvaluationsPerStep();
        for (ConvergenceStudy.Level l : r.levels()) {
            assertEquals((long) per * l.steps(), l.driftEvaluations(), msg);
            assertTrue(l.strongError() >= l.weakError() * (1 - 1e-12), msg);
        }
    }

    /**
     * Non-commutative noise, dX1 = dW1, dX2 = X1 o dW2 (Stratonovich): Heun does not sample the
     * Lévy area and has strong order 0.5 ({@code Heun.strongOrder(NON_DIAGONAL)}), the reference
     * being Heun itself at h = 1/4096 on the same paths (its error, about (1/4096)^0.5, is a
     * quarter of the smallest measured one at 1/256, so it flattens the slope slightly).
     */
    @Test
    void heunHasStrongOrderOneHalfOnNonCommutativeNoise() {
        SdeProblem p = SmallSdeProblem.builder(2).name("levyArea")
            .drift((t, x, f) -> { })
            .noise(NoiseKind.NON_DIAGONAL, NoiseMatrix.sparse(2, 2, new int[] {0, 1},
                new int[] {0, 1}), (t, x, g) -> {
                    g[0] = 1;
                    g[1] = x[0];
                })
            .calculus(Calculus.STRATONOVICH).initialState(0, 0).build();
        ConvergenceStudy.Result r = ConvergenceStudy.of(p, Heun.create())
            .withSteps(16, 32, 64, 128, 256).withPaths(256)
            .withReference(Heun.create(), 4096).run();
        double expected = Heun.create().strongOrder(NoiseKind.NON_DIAGONAL);
        assertEquals(0.5, expected);
        assertTrue(Math.abs(r.strongOrder() - expected) <= 0.2 + 4 * r.strongOrderSe(),
            r.toString());
    }

    @Test
    void studyRefusesWhatItCannotDo() {
        SdeProblem noSolution = TestProblems.ornsteinUhlenbeck(1, 1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ConvergenceStudy.of(noSolution, EulerMaruyama.create()).run());
        assertTrue(e.getMessage().contains("withReference"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> ConvergenceStudy.of(noSolution, EulerMaruyama.create()).withSteps(8, 12)
                .withReference(Heun.create(), 32).run());
        assertTrue(e.getMessage().startsWith("steps 12 must divide"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> ConvergenceStudy.of(StandardProblems.nonDiagonalLinear(Calculus.ITO),
                Sri.sriw1()));
        assertThrows(IllegalArgumentException.class,
            () -> ConvergenceStudy.of(noSolution, Heun.create()).withSteps(8));
    }
}
