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
     * @param diagonalCalculus calculus of the solution the scheme converges to for diagonal
     *     noise (ignored for additive noise)
     * @param alternative remedy appended to the message, e.g. {@code "Sra (sra1) for additive
     *     noise"}
     * @throws IllegalArgumentException if {@code batch < 1}, the noise kind is not supported or
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
                + " noise; use " + alternative);
        }
        if (kind == NoiseKind.DIAGONAL && problem.calculus() != diagonalCalculus) {
            throw new IllegalArgumentException(algorithm.name() + " converges to the "
                + diagonalCalculus + " solution but the problem is written in "
                + problem.calculus() + " calculus; use " + alternative);
        }
    }
}
