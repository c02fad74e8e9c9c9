package org.ness4j.core.quantum;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Exact steady states \( \mathcal{L}\rho = 0,\ \mathrm{Tr}\rho = 1 \) of small Lindbladians by a
 * dense direct solve.
 *
 * <p>Method: the Lindbladian maps Hermitian matrices to Hermitian matrices, so it is a real
 * linear map on the \( d^2 \) real parameters of a Hermitian \( \rho \) (the diagonal, and the
 * real and imaginary parts of the upper triangle). Its matrix is assembled column by column by
 * applying {@link Lindbladian#apply} to the basis matrices; the equation for
 * \( \dot\rho_{00} \) (redundant, because \( \mathcal{L} \) preserves the trace) is replaced by
 * \( \mathrm{Tr}\rho = 1 \); the system is solved with EJML's dense LU with partial pivoting.
 * This assumes a unique steady state; a singular system is reported as an
 * {@link IllegalStateException}.
 *
 * <p>Size limit: memory {@code 8 d^4} bytes and time {@code ~ (2/3) d^6} flops, so the solver
 * accepts {@code d <= } {@value #MAX_DIMENSION} (about 130 MB and tens of seconds at the
 * limit; {@code d = 31} takes well under a second). Larger or multimode problems need an
 * iterative method ({@link IterativeSteadyState}, GMRES, practical up to a few hundred
 * states); phase-invariant single-mode models should use
 * the birth-death fast path {@link BirthDeathChains}, which handles cutoffs of thousands.
 *
 * <p>Truncation ({@link FockTruncation}): {@link #direct(Lindbladian)} is plain linear algebra
 * and does not know the Fock basis, so it cannot check the cutoff;
 * {@link #direct(Lindbladian, FockSpace)} checks the population of every mode's top Fock state
 * and refuses (a {@link TruncationException} naming the cutoff, the top population and the
 * tolerance) above {@link FockTruncation#DEFAULT_TOLERANCE}; {@link #converged} grows a
 * uniform cutoff one photon at a time until the tolerance is met, within
 * {@value #MAX_DIMENSION} states.
 *
 * <p>Thread safety: stateless, safe for concurrent use.
 */
public final class SteadyStates {

    /** Largest Hilbert-space dimension accepted by {@link #direct(Lindbladian)}. */
    public static final int MAX_DIMENSION = 64;

    private SteadyStates() {
    }

    /**
     * Solves for the steady state on a Fock space and checks its truncation with
     * {@link FockTruncation#DEFAULT_TOLERANCE} and {@link FockTruncation.Policy#REFUSE}.
     *
     * @param lindbladian generator on {@code space} with a unique steady state
     * @param space its Fock space (modes and cutoffs)
     * @return the steady state
     * @throws TruncationException if a mode's top population exceeds the tolerance
     */
    public static DensityMatrix direct(Lindbladian lindbladian, FockSpace space) {
        return direct(lindbladian, space, FockTruncation.DEFAULT_TOLERANCE,
            FockTruncation.Policy.REFUSE);
    }

    /**
     * Solves for the steady state on a Fock space with a chosen truncation check.
     *
     * @param lindbladian generator on {@code space} with a unique steady state
     * @param space its Fock space (modes and cutoffs)
     * @param tolerance largest accepted top population of any mode, in
     *     \( (0, \) {@value FockTruncation#MAX_TOLERANCE}\( ] \)
     * @param policy what to do if it is exceeded
     * @return the steady state
     * @throws TruncationException with {@link FockTruncation.Policy#REFUSE} if a mode's top
     *     population exceeds the tolerance
     */
    public static DensityMatrix direct(Lindbladian lindbladian, FockSpace space,
                                       double tolerance, FockTruncation.Policy policy) {
        Objects.requireNonNull(lindbladian, "lindbladian");
        Objects.requireNonNull(space, "space");
        FockTruncation.checkTolerance(tolerance);
        Objects.requireNonNull(policy, "policy");
        if (lindbladian.dimension() != space.dimension()) {
            throw new IllegalArgumentException("lindbladian.dimension must be space.dimension = "
                + space.dimension() + ": " + lindbladian.dimension());
        }
        DensityMatrix rho = direct(lindbladian);
        double[] top = FockTruncation.topPopulations(rho, space);
        int worst = worstMode(top);
        FockTruncation.check(policy, "SteadyStates.direct on " + space + ", mode " + worst,
            space.cutoff(worst), top[worst], tolerance, () -> -1,
            "rebuild the Lindbladian at a larger cutoff (SteadyStates.converged grows it)");
        return rho;
    }

    /**
     * Steady state at the smallest uniform cutoff whose top populations (every mode) are at most
     * the tolerance: the cutoff grows by one from {@code start} until they are, or until the
     * dimension would exceed {@value #MAX_DIMENSION}.
     *
     * @param spaceAt the Fock space at a cutoff (for example {@code c -> FockSpace.of(c, c)})
     * @param lindbladianOn the generator on a space
     * @param start first cutoff tried, at least 1
     * @param tolerance in \( (0, \) {@value FockTruncation#MAX_TOLERANCE}\( ] \)
     * @return the cutoff, the steady state and its largest top population
     * @throws TruncationException if no cutoff within the dense solver's limit is enough
     */
    public static FockTruncation.Grown<DensityMatrix> converged(
            IntFunction<FockSpace> spaceAt, Function<FockSpace, Lindbladian> lindbladianOn,
            int start, double tolerance) {
        Objects.requireNonNull(spaceAt, "spaceAt");
        Objects.requireNonNull(lindbladianOn, "lindbladianOn");
        org.ness4j.core.Checks.atLeast("start", start, 1);
        FockTruncation.checkTolerance(tolerance);
        int c = start;
        FockSpace space = spaceAt.apply(c);
        while (true) {
            DensityMatrix rho = direct(lindbladianOn.apply(space));
            double[] top = FockTruncation.topPopulations(rho, space);
            double worst = top[worstMode(top)];
            if (worst <= tolerance) {
                return new FockTruncation.Grown<>(c, rho, worst);
            }
            FockSpace next = spaceAt.apply(c + 1);
            if (next.dimension() > MAX_DIMENSION) {
                throw new TruncationException("SteadyStates.converged on " + space, c, worst,
                    tolerance, -1, "the next cutoff needs dimension " + next.dimension()
                    + ", above the dense solver's limit " + MAX_DIMENSION
                    + " (top populations " + Arrays.toString(top) + ")");
            }
            c++;
            space = next;
        }
    }

    private static int worstMode(double[] top) {
        int w = 0;
        for (int m = 1; m < top.length; m++) {
            if (top[m] > top[w]) {
                w = m;
            }
        }
        return w;
    }

    /**
     * Solves for the steady state (plain linear algebra: no truncation check, see the class
     * documentation; prefer {@link #direct(Lindbladian, FockSpace)}).
     *
     * @param lindbladian generator with a unique steady state and dimension at most
     *     {@value #MAX_DIMENSION}
     * @return the steady state (Hermitian to round-off, trace 1)
     * @throws IllegalArgumentException if the dimension exceeds {@value #MAX_DIMENSION}
     * @throws IllegalStateException if the linear system is singular (no unique steady state)
     */
    public static DensityMatrix direct(Lindbladian lindbladian) {
        Objects.requireNonNull(lindbladian, "lindbladian");
        int d = lindbladian.dimension();
        if (d > MAX_DIMENSION) {
            throw new IllegalArgumentException("lindbladian.dimension must be at most "
                + MAX_DIMENSION + " for the dense direct solve: " + d
                + "; use IterativeSteadyState (GMRES, a few hundred states) or, for "
                + "phase-invariant single-mode models, BirthDeathChains");
        }
        int n = d * d;
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        double[] rhoRe = new double[n];
        double[] rhoIm = new double[n];
        double[] outRe = new double[n];
        double[] outIm = new double[n];
        Lindbladian.Workspace ws = lindbladian.newWorkspace();
        for (int col = 0; col < n; col++) {
            int i = col / d;
            int j = col % d;
            if (i == j) {
                rhoRe[col] = 1;
            } else if (i < j) {
                rhoRe[i * d + j] = 1;
                rhoRe[j * d + i] = 1;
            } else {
                // parameter col = (i > j) holds Im rho_{j i}
                rhoIm[j * d + i] = 1;
                rhoIm[i * d + j] = -1;
            }
            lindbladian.apply(rhoRe, rhoIm, outRe, outIm, ws);
            for (int r = 0; r < n; r++) {
                int p = r / d;
                int q = r % d;
                double v;
                if (p == q) {
                    v = outRe[r];
                } else if (p < q) {
                    v = outRe[r];
                } else {
                    v = outIm[q * d + p];
                }
                a.unsafe_set(r, col, v);
            }
            rhoRe[i * d + j] = 0;
            rhoRe[j * d + i] = 0;
            rhoIm[i * d + j] = 0;
            rhoIm[j * d + i] = 0;
        }
        // replace the (redundant) equation for rho_00 by the trace condition
        for (int col = 0; col < n; col++) {
            a.unsafe_set(0, col, 0.0);
        }
        for (int k = 0; k < d; k++) {
            a.unsafe_set(0, k * d + k, 1.0);
        }
        DMatrixRMaj b = new DMatrixRMaj(n, 1);
        b.set(0, 0, 1.0);
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.lu(n);
        if (!solver.setA(a)) {
            throw new IllegalStateException("steady-state system is singular; the Lindbladian "
                + "has no unique steady state");
        }
        solver.solve(b, x);
        for (int k = 0; k < n; k++) {
            if (!Double.isFinite(x.get(k))) {
                throw new IllegalStateException("steady-state system is singular; the "
                    + "Lindbladian has no unique steady state");
            }
        }
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < d; i++) {
            re[i * d + i] = x.get(i * d + i);
            for (int j = i + 1; j < d; j++) {
                double vr = x.get(i * d + j);
                double vi = x.get(j * d + i);
                re[i * d + j] = vr;
                im[i * d + j] = vi;
                re[j * d + i] = vr;
                im[j * d + i] = -vi;
            }
        }
        return DensityMatrix.of(d, re, im);
    }
}
