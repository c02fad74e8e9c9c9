package org.ness4j.sde;

import java.util.Objects;
import java.util.Set;
import org.ness4j.core.Checks;

/**
 * The compatibility check every {@link SdeAlgorithm} performs before creating a stepper: batch
 * size, supported noise kind and, for diagonal noise, the calculus. Failing checks throw an
 * {@link IllegalArgumentException} whose message names a suitable algorithm ("Sri needs
 * diagonal noise; use ...").
 *
 * <p>Thread safety: stateless.
 */
public final class AlgorithmChecks {

    private AlgorithmChecks() {
    }

    /**
     * Checks that {@code algorithm} can integrate {@code problem} with batches of size
     * {@code batch}.
     *
     * @param algorithm the scheme (its {@link SdeAlgorithm#name()} is used in messages)
     * @param problem the equations
     * @param batch batch size, at least 1
     * @param kinds noise kinds the scheme supports
     * @param diagonalCalculus calculus of the solution the scheme converges to for
     *     state-dependent noise (ignored for additive noise)
     * @param alternative remedy appended to the message, e.g. {@code "Sra (sra1) for additive
     *     noise"}
     * @throws IllegalArgumentException if {@code batch < 1}, the noise kind is not supported,
     *     the problem's noise declarations are inconsistent ({@link #requireConsistentNoise}) or
     *     the calculus differs
     * @throws NullPointerException if an argument is null
     */
    public static void requireCompatible(SdeAlgorithm algorithm, SdeProblem problem, int batch,
                                         Set<NoiseKind> kinds, Calculus diagonalCalculus,
                                         String alternative) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(kinds, "kinds");
        Checks.atLeast("batch", batch, 1);
        NoiseKind kind = problem.noiseKind();
        if (!kinds.contains(kind)) {
            throw new IllegalArgumentException(algorithm.name() + " does not support " + kind
                + " noise (it integrates " + new java.util.TreeSet<>(kinds) + "); use "
                + (kind.isDiagonal() ? alternative : "EulerMaruyama (Ito) or Heun (Stratonovich)"
                    + (kind == NoiseKind.NON_DIAGONAL_ADDITIVE ? " or Sra" : "")));
        }
        requireConsistentNoise(problem);
        if (!kind.isAdditive() && problem.calculus() != diagonalCalculus) {
            throw new IllegalArgumentException(algorithm.name() + " converges to the "
                + diagonalCalculus + " solution but the problem is written in "
                + problem.calculus() + " calculus; use " + alternative);
        }
    }

    /**
     * Checks that a problem's noise declarations agree: {@link SdeProblem#noiseMatrix()} has
     * {@code dimension()} rows and {@code noiseComponents().length} columns, is diagonal for the
     * diagonal kinds and has one column for {@link NoiseKind#SCALAR}.
     *
     * @param problem the equations
     * @throws IllegalArgumentException describing the first disagreement
     */
    public static void requireConsistentNoise(SdeProblem problem) {
        NoiseKind kind = problem.noiseKind();
        NoiseMatrix g = problem.noiseMatrix();
        int m = problem.noiseComponents().length;
        if (g.dimension() != problem.dimension()) {
            throw new IllegalArgumentException("noiseMatrix() has " + g.dimension()
                + " rows but the problem has dimension " + problem.dimension());
        }
        if (kind.isDiagonal() && !g.isDiagonal()) {
            throw new IllegalArgumentException(kind + " noise needs a diagonal noiseMatrix(); "
                + "declare NoiseKind." + (kind.isAdditive() ? "NON_DIAGONAL_ADDITIVE"
                    : "NON_DIAGONAL") + " for " + g);
        }
        if (kind == NoiseKind.SCALAR && g.wienerProcesses() != 1) {
            throw new IllegalArgumentException("SCALAR noise has one Wiener process, not "
                + g.wienerProcesses() + "; declare NoiseKind.NON_DIAGONAL");
        }
        if (g.wienerProcesses() != m) {
            throw new IllegalArgumentException("noiseComponents() must have one entry per Wiener "
                + "process (noiseMatrix().channelComponents()): the ensemble draws variates for "
                + m + " channels but noiseMatrix() has " + g.wienerProcesses() + " columns");
        }
    }

    /**
     * Checks that a scheme that needs commutative noise ({@link SdeAlgorithm#requiresCommutativeNoise()})
     * is given a problem that declares it ({@link SdeProblem#hasCommutativeNoise()}).
     *
     * @param algorithm the scheme (its {@link SdeAlgorithm#name()} is used in the message)
     * @param problem the equations
     * @throws IllegalArgumentException if the problem's noise is not declared commutative,
     *     naming the schemes that take it and how to declare commutative noise
     * @throws NullPointerException if an argument is null
     */
    public static void requireCommutativeNoise(SdeAlgorithm algorithm, SdeProblem problem) {
        Objects.requireNonNull(algorithm, "algorithm");
        if (!Objects.requireNonNull(problem, "problem").hasCommutativeNoise()) {
            throw new IllegalArgumentException(algorithm.name() + " needs commutative noise, but "
                + problem + " has " + problem.noiseKind() + " noise not declared commutative "
                + "(SdeProblem.hasCommutativeNoise() false: L^j G_k != L^k G_j, strong order 1 "
                + "then needs the Levy areas, which no ness4j scheme samples); use "
                + "EulerMaruyama (Ito) or Heun (Stratonovich), strong order 0.5 on such noise, "
                + "or, if G does commute, override hasCommutativeNoise() "
                + "(SmallSdeProblem.Builder.commutativeNoise())");
        }
    }
}
