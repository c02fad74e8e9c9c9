package org.ness4j.core.chain;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.ness4j.core.Checks;

/**
 * The driven-dissipative Bose-Hubbard chain of paper 000 (Eq. 1-3), an immutable value.
 *
 * <p>Hamiltonian (\( \hbar = 1 \), rotating frame of the drive):
 * \[ H = \sum_\ell \big[ -\Delta n_\ell + \tfrac{U}{2} a_\ell^{\dagger 2} a_\ell^2
 *        + F_\ell (a_\ell^\dagger + a_\ell) \big] - J \sum_\ell (a_{\ell+1}^\dagger a_\ell + h.c.) \]
 * with open boundaries, and single-photon loss \( \mathcal{D}[\sqrt{\kappa_\ell}\,a_\ell] \) on
 * every site, \( \kappa_\ell = \gamma_\ell + \gamma_{\rm int} \). The paper's model has
 * \( F_\ell = F\delta_{\ell,1} \) and \( \gamma_\ell = \gamma(\delta_{\ell,1} + \delta_{\ell,L}) \);
 * the uniform variant (Eq. 38-39) has \( F_\ell = F \), \( \gamma_\ell = \gamma \); intrinsic loss
 * is Eq. (49). Any other placement is expressed with {@link Builder#driveAt} and
 * {@link Builder#lossAt}.
 *
 * <p><b>Site indices are zero-based</b>: Java site {@code 0} is the paper's site 1 and Java site
 * {@code L - 1} is the paper's site L.
 *
 * <p>Semiclassical equations (paper Eq. 4 = 31, and Eq. 35 for the classical limit), written per
 * site as
 * \[ d\alpha_\ell = \big[ i(\Delta - U(|\alpha_\ell|^2 - c))\alpha_\ell
 *    + iJ(\alpha_{\ell-1} + \alpha_{\ell+1}) - iF_\ell - \tfrac{\kappa_\ell}{2}\alpha_\ell \big] dt
 *    - i\sqrt{\kappa_\ell/2}\, dZ_\ell , \]
 * with \( c = 1 \), \( dZ = (dW_1 + i\,dW_2)/\sqrt{2} \) in the truncated Wigner approximation and
 * \( c = 0 \) and no noise in the Gross-Pitaevskii limit (see {@link ChainLimit}). The noise is
 * additive, so Itô and Stratonovich readings agree.
 *
 * <p>State layout used by every batched method: structure of arrays with trajectories contiguous,
 * {@code x[(2*l + 0) * batch + b] = Re alpha_l} and {@code x[(2*l + 1) * batch + b] = Im alpha_l}
 * for trajectory (lane) {@code b} of a batch of {@code batch} trajectories.
 *
 * <p>The sign symmetry \( (U, \Delta, J, F) \to (-U, -\Delta, -J, -F) \) maps a Wigner trajectory
 * to its complex conjugate (with conjugated noise), so all photon statistics are unchanged; see
 * {@link #mirrored()}.
 *
 * <p>Thread safety: immutable and thread-safe.
 */
public final class BoseHubbardChain {

    /** Paper default detuning \( \Delta = 2.5\gamma \). */
    public static final double DEFAULT_DETUNING = 2.5;
    /** Paper default hopping \( J = 2\gamma \). */
    public static final double DEFAULT_HOPPING = 2.0;
    /** Paper default Kerr interaction \( U = 0.1\gamma \). */
    public static final double DEFAULT_INTERACTION = 0.1;
    /** Paper default boundary loss rate \( \gamma = 1 \) (the unit of energy). */
    public static final double DEFAULT_LOSS = 1.0;

    private final int length;
    private final double detuning;
    private final double hopping;
    private final double interaction;
    private final double intrinsicLoss;
    /** Drive amplitude per site. */
    private final double[] drive;
    /** Total loss rate kappa_l per site, intrinsic loss included. */
    private final double[] loss;

    private BoseHubbardChain(Builder b) {
        this.length = b.length;
        this.detuning = withoutNegativeZero(b.detuning);
        this.hopping = withoutNegativeZero(b.hopping);
        this.interaction = withoutNegativeZero(b.interaction);
        this.intrinsicLoss = withoutNegativeZero(b.intrinsicLoss);
        this.drive = b.resolveDrive();
        this.loss = b.resolveLoss();
        for (int l = 0; l < length; l++) {
            drive[l] = withoutNegativeZero(drive[l]);
            loss[l] = withoutNegativeZero(loss[l]);
        }
    }

    /** The mirrored chain: every sign-odd parameter negated, zeros kept +0.0. */
    private BoseHubbardChain(BoseHubbardChain c) {
        this.length = c.length;
        this.detuning = withoutNegativeZero(-c.detuning);
        this.hopping = withoutNegativeZero(-c.hopping);
        this.interaction = withoutNegativeZero(-c.interaction);
        this.intrinsicLoss = c.intrinsicLoss;
        this.drive = new double[length];
        for (int l = 0; l < length; l++) {
            this.drive[l] = withoutNegativeZero(-c.drive[l]);
        }
        this.loss = c.loss.clone();
    }

    /**
     * Maps -0.0 to +0.0 and leaves every other value unchanged, so that chains with the same
     * parameters are {@link #equals equal} and print the same (checkpoint fingerprints compare
     * {@link #toString()}), however a zero was obtained (negation in {@link #mirrored()}, or a
     * caller's {@code -0.0}).
     */
    private static double withoutNegativeZero(double v) {
        return v + 0.0;
    }

    /**
     * Starts a builder with the paper's defaults: \( \Delta = 2.5 \), \( J = 2 \),
     * \( U = 0.1 \), boundary drive \( F = 0 \) on site 0, boundary loss \( \gamma = 1 \) on sites
     * 0 and {@code L - 1}, no intrinsic loss.
     *
     * @param length number of sites L, at least 1
     * @return a new builder
     * @throws IllegalArgumentException if {@code length < 1}
     */
    public static Builder builder(int length) {
        return new Builder(Checks.atLeast("length", length, 1));
    }

    /**
     * A builder initialised with all parameters of this chain, for variations such as drive
     * sweeps.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(length)
            .detuning(detuning).hopping(hopping).interaction(interaction)
            .intrinsicLoss(intrinsicLoss);
        b.driveMode = Mode.EXPLICIT;
        b.lossMode = Mode.EXPLICIT;
        for (int l = 0; l < length; l++) {
            b.driveOverrides.put(l, drive[l]);
            b.lossOverrides.put(l, loss[l] - intrinsicLoss);
        }
        return b;
    }

    /**
     * The same chain with the boundary drive replaced: amplitude {@code f} on site 0 and no drive
     * elsewhere.
     *
     * @param f drive amplitude F (finite)
     * @return a new chain
     */
    public BoseHubbardChain withBoundaryDrive(double f) {
        return toBuilder().boundaryDrive(f).build();
    }

    /**
     * The chain with \( (U, \Delta, J, F_\ell) \to (-U, -\Delta, -J, -F_\ell) \), which has
     * identical photon statistics (paper 000, below Eq. 2). Zero parameters stay +0.0, so the
     * result equals (and prints as) the same chain built directly, and
     * {@code mirrored().mirrored()} equals this chain.
     *
     * @return the mirrored chain
     */
    public BoseHubbardChain mirrored() {
        return new BoseHubbardChain(this);
    }

    /** @return number of sites L */
    public int length() {
        return length;
    }

    /** @return detuning \( \Delta = \omega_d - \omega_0 \) in units of \( \gamma \) */
    public double detuning() {
        return detuning;
    }

    /** @return hopping amplitude J */
    public double hopping() {
        return hopping;
    }

    /** @return Kerr interaction U */
    public double interaction() {
        return interaction;
    }

    /** @return intrinsic loss rate \( \gamma_{\rm int} \) added on every site (Eq. 49) */
    public double intrinsicLoss() {
        return intrinsicLoss;
    }

    /**
     * Drive amplitude on one site.
     *
     * @param site zero-based site index
     * @return \( F_\ell \)
     */
    public double drive(int site) {
        return drive[Checks.index("site", site, length)];
    }

    /** @return a copy of the drive amplitudes \( F_\ell \), one per site */
    public double[] drives() {
        return drive.clone();
    }

    /**
     * Total single-photon loss rate of one site, intrinsic loss included.
     *
     * @param site zero-based site index
     * @return \( \kappa_\ell \)
     */
    public double lossRate(int site) {
        return loss[Checks.index("site", site, length)];
    }

    /** @return a copy of the total loss rates \( \kappa_\ell \), one per site */
    public double[] lossRates() {
        return loss.clone();
    }

    /**
     * Real dimension of the semiclassical state: two quadratures per site.
     *
     * @return {@code 2 * length()}
     */
    public int dimension() {
        return 2 * length;
    }

    /**
     * Standard deviation of the Wiener increment on each quadrature of site {@code l} per unit
     * \( \sqrt{dt} \): \( \sqrt{\kappa_\ell / 4} \). The complex noise
     * \( -i\sqrt{\kappa_\ell/2}\,dZ \) has independent quadratures of variance
     * \( \kappa_\ell\,dt/4 \); because its law is invariant under the rotation by \( -i \), ness4j
     * adds \( \sqrt{\kappa_\ell/4}\,dW \) with independent \( dW \) to {@code Re} and {@code Im}.
     *
     * @param site zero-based site index
     * @param limit the equations used
     * @return the amplitude, 0 in the classical limit or on lossless sites
     */
    public double noiseAmplitude(int site, ChainLimit limit) {
        return limit.isNoisy() ? Math.sqrt(lossRate(site) / 4.0) : 0.0;
    }

    /**
     * Evaluates the drift of Eq. (4) (or Eq. 35) for a batch of states. The arithmetic uses
     * {@link Math#fma} in a fixed order (bit-reproducible on every JVM); the fused Heun kernel
     * of the {@code sde} module repeats it operation for operation.
     *
     * @param limit equations to use
     * @param x batch state in the layout described above (not modified)
     * @param out drift, same layout (modified); must not alias {@code x}
     * @param batch number of trajectories in the batch
     */
    public void drift(ChainLimit limit, double[] x, double[] out, int batch) {
        final double c = limit.kerrOffset();
        final double u = interaction;
        final double delta = detuning;
        final double j = hopping;
        for (int l = 0; l < length; l++) {
            final int re = 2 * l * batch;
            final int im = re + batch;
            final int leftRe = re - 2 * batch;
            final int rightRe = re + 2 * batch;
            final boolean hasLeft = l > 0;
            final boolean hasRight = l < length - 1;
            final double halfKappa = 0.5 * loss[l];
            final double f = drive[l];
            for (int b = 0; b < batch; b++) {
                double ar = x[re + b];
                double ai = x[im + b];
                double nr = (hasLeft ? x[leftRe + b] : 0.0) + (hasRight ? x[rightRe + b] : 0.0);
                double ni = (hasLeft ? x[leftRe + batch + b] : 0.0)
                    + (hasRight ? x[rightRe + batch + b] : 0.0);
                double s = Math.fma(-u, Math.fma(ar, ar, ai * ai) - c, delta);
                out[re + b] = Math.fma(-s, ai, Math.fma(-j, ni, -halfKappa * ar));
                out[im + b] = Math.fma(s, ar, Math.fma(j, nr, Math.fma(-halfKappa, ai, -f)));
            }
        }
    }

    /**
     * Total photon-number functional \( N = \sum_\ell |\alpha_\ell|^2 \) of one trajectory,
     * conserved by the isolated chain (\( F = \kappa = 0 \)).
     *
     * @param x batch state (not modified)
     * @param batch batch size
     * @param lane trajectory within the batch
     * @return \( \sum_\ell |\alpha_\ell|^2 \)
     */
    public double norm(double[] x, int batch, int lane) {
        double sum = 0;
        for (int l = 0; l < length; l++) {
            double ar = x[2 * l * batch + lane];
            double ai = x[(2 * l + 1) * batch + lane];
            sum += ar * ar + ai * ai;
        }
        return sum;
    }

    /**
     * The Hamiltonian function generating the noise-free, loss-free part of the drift,
     * \( d\alpha_\ell/dt = -i\,\partial E/\partial\alpha_\ell^* \):
     * \[ E = \sum_\ell \big[ -\Delta|\alpha_\ell|^2 + \tfrac{U}{2}|\alpha_\ell|^4
     *      - cU|\alpha_\ell|^2 + 2F_\ell \mathrm{Re}\,\alpha_\ell \big]
     *      - 2J \sum_\ell \mathrm{Re}(\alpha_{\ell+1}^*\alpha_\ell) , \]
     * conserved by the isolated chain. (For \( c = 1 \) this is the Weyl symbol of H up to a
     * constant.)
     *
     * @param limit fixes \( c \)
     * @param x batch state (not modified)
     * @param batch batch size
     * @param lane trajectory within the batch
     * @return E
     */
    public double energy(ChainLimit limit, double[] x, int batch, int lane) {
        double c = limit.kerrOffset();
        double sum = 0;
        for (int l = 0; l < length; l++) {
            double ar = x[2 * l * batch + lane];
            double ai = x[(2 * l + 1) * batch + lane];
            double n = ar * ar + ai * ai;
            sum += -detuning * n + 0.5 * interaction * n * n - c * interaction * n
                + 2 * drive[l] * ar;
            if (l + 1 < length) {
                double br = x[2 * (l + 1) * batch + lane];
                double bi = x[(2 * (l + 1) + 1) * batch + lane];
                sum -= 2 * hopping * (br * ar + bi * ai);
            }
        }
        return sum;
    }

    /**
     * Largest 1-norm condition number of the real drift matrix that {@link #linearSteadyState()}
     * accepts: \( 10^{12} \), so that the relative error of the solution, about the condition
     * number times the machine epsilon, stays below about \( 10^{-4} \).
     */
    public static final double MAX_LINEAR_CONDITION = 1e12;

    /** Largest relative residual of the solve that {@link #linearSteadyState()} accepts. */
    private static final double MAX_LINEAR_RESIDUAL = 1e-10;

    /**
     * The exact stationary field of the linear chain (U = 0): the solution of
     * \( [i\Delta - \kappa_\ell/2]\alpha_\ell + iJ(\alpha_{\ell-1} + \alpha_{\ell+1}) = iF_\ell \),
     * obtained with an EJML LU solve (partial pivoting) of the equivalent real \( 2L \times 2L \)
     * system. For U = 0 the steady state is the product of coherent states
     * \( |\alpha_\ell\rangle \), so \( n_\ell = |\alpha_\ell|^2 \), \( \delta n_\ell = 0 \) and
     * the Wigner covariance is \( \langle \delta\alpha_k^* \delta\alpha_\ell \rangle =
     * \delta_{k\ell}/2 \) (SPEC section 1).
     *
     * <p><b>For U &ne; 0 this is only the linear part</b>: the interaction U of this chain is
     * ignored, and the result is the steady state of the same chain with U = 0 (the starting
     * point of {@link CumulantExpansion}), not the steady state of this chain.
     *
     * <p>Accuracy check: the solve is refused if the Hager-Higham estimate of the 1-norm condition
     * number of the drift matrix exceeds {@link #MAX_LINEAR_CONDITION}, or if the relative
     * residual \( \|Ax - b\|_\infty / (\|A\|_\infty \|x\|_\infty + \|b\|_\infty) \) exceeds
     * \( 10^{-10} \). (The chain with boundary loss only is well conditioned at any length: the
     * 1-norm condition number grows about linearly with L, about 1500 at L = 400 with the
     * paper's parameters.) The cost is that of a dense LU, \( O(L^3) \): about 0.1 s at
     * L = 400.
     *
     * @return {@code {Re alpha_0, Im alpha_0, Re alpha_1, ...}}, length {@code 2L}
     * @throws IllegalStateException if the linear system is singular or too ill-conditioned (e.g.
     *     no loss at all and a drive on resonance with a normal mode); the message gives the
     *     condition estimate
     */
    public double[] linearSteadyState() {
        int n = 2 * length;
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        DMatrixRMaj rhs = new DMatrixRMaj(n, 1);
        for (int l = 0; l < length; l++) {
            int r = 2 * l;
            int i = r + 1;
            double hk = 0.5 * loss[l];
            // Re: -Delta*ai - J*(ni) - hk*ar = 0
            a.set(r, r, -hk);
            a.set(r, i, -detuning);
            // Im: Delta*ar + J*(nr) - hk*ai = F
            a.set(i, r, detuning);
            a.set(i, i, -hk);
            rhs.set(i, 0, drive[l]);
            for (int nb : new int[] {l - 1, l + 1}) {
                if (nb >= 0 && nb < length) {
                    a.set(r, 2 * nb + 1, -hopping);
                    a.set(i, 2 * nb, hopping);
                }
            }
        }
        // EJML's quality() (a product of the 2L pivots) underflows for long chains (it refused
        // L >= 70 although they are well conditioned): use a condition estimate and the residual
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.lu(n);
        if (!solver.setA(solver.modifiesA() ? a.copy() : a)) {
            throw new IllegalStateException(
                "linear steady state does not exist: the LU decomposition of the drift matrix "
                    + "failed");
        }
        double condition = norm1(a) * inverseNorm1Estimate(solver, n);
        if (!(condition <= MAX_LINEAR_CONDITION)) {
            throw new IllegalStateException(
                "linear steady state does not exist: the drift matrix is singular or too "
                    + "ill-conditioned (1-norm condition estimate " + condition + ", limit "
                    + MAX_LINEAR_CONDITION + ")");
        }
        DMatrixRMaj sol = new DMatrixRMaj(n, 1);
        solver.solve(rhs, sol);
        double residual = relativeResidual(a, sol, rhs);
        if (!(residual <= MAX_LINEAR_RESIDUAL)) {
            throw new IllegalStateException(
                "linear steady state: the solve is inaccurate (relative residual " + residual
                    + ", limit " + MAX_LINEAR_RESIDUAL + "; 1-norm condition estimate "
                    + condition + ")");
        }
        return sol.getData().clone();
    }

    /**
     * The photon numbers of the linear (U = 0) steady state,
     * \( n_\ell = |\alpha_\ell|^2 \) with \( \alpha \) from {@link #linearSteadyState()}.
     *
     * <p>What this is, exactly: at U = 0 the steady state is the coherent product state
     * \( |\alpha_\ell\rangle \), and \( |\alpha_\ell|^2 \) is its photon number
     * \( \langle a_\ell^\dagger a_\ell\rangle \) (normal order). It is <i>not</i> the
     * symmetrically ordered Wigner average \( \langle|\alpha_\ell|^2\rangle_W = n_\ell + 1/2 \)
     * of a truncated-Wigner run; the observables of this library subtract that 1/2 already, so
     * their densities compare with this value directly.
     *
     * <p><b>For U &ne; 0 these are the densities of the linear part only</b> (U ignored), as for
     * {@link #linearSteadyState()}: a reference and a starting point, not the densities of this
     * chain.
     *
     * @return \( n_\ell \) for \( \ell = 0, \ldots, L - 1 \), length {@code L}
     * @throws IllegalStateException as {@link #linearSteadyState()}
     */
    public double[] linearSteadyStateDensities() {
        double[] alpha = linearSteadyState();
        double[] n = new double[length];
        for (int l = 0; l < length; l++) {
            n[l] = alpha[2 * l] * alpha[2 * l] + alpha[2 * l + 1] * alpha[2 * l + 1];
        }
        return n;
    }

    /** Maximum absolute column sum. */
    private static double norm1(DMatrixRMaj a) {
        double max = 0;
        for (int c = 0; c < a.numCols; c++) {
            double sum = 0;
            for (int r = 0; r < a.numRows; r++) {
                sum += Math.abs(a.get(r, c));
            }
            max = Math.max(max, sum);
        }
        return max;
    }

    /**
     * Hager's estimate of \( \|A^{-1}\|_1 \) with Higham's safeguard (LAPACK {@code dlacon}),
     * a lower bound that is almost always within a factor 3 of the true value. It needs solves
     * with \( A^T \): the complex drift matrix M is symmetric (hopping is the same in both
     * directions), so the real form satisfies \( A^T = S A S \) with
     * \( S = \mathrm{diag}(1, -1, 1, -1, \ldots) \) (transposition conjugates M), and
     * \( A^{-T} y = S A^{-1} S y \).
     */
    private static double inverseNorm1Estimate(LinearSolverDense<DMatrixRMaj> solver, int n) {
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        DMatrixRMaj y = new DMatrixRMaj(n, 1);
        x.fill(1.0 / n);
        double estimate = 0;
        int previous = -1;
        for (int iteration = 0; iteration < 5; iteration++) {
            solver.solve(x, y);
            double norm = 0;
            for (int k = 0; k < n; k++) {
                norm += Math.abs(y.get(k));
            }
            if (!Double.isFinite(norm)) {
                return Double.POSITIVE_INFINITY;
            }
            if (iteration > 0 && norm <= estimate) {
                break;
            }
            estimate = norm;
            // z = A^{-T} sign(y) = S A^{-1} S sign(y)
            for (int k = 0; k < n; k++) {
                double sign = y.get(k) >= 0 ? 1.0 : -1.0;
                x.set(k, (k % 2 == 0) ? sign : -sign);
            }
            solver.solve(x, y);
            int best = 0;
            for (int k = 0; k < n; k++) {
                double z = (k % 2 == 0) ? y.get(k) : -y.get(k);
                y.set(k, z);
                if (Math.abs(z) > Math.abs(y.get(best))) {
                    best = k;
                }
            }
            if (best == previous || !Double.isFinite(y.get(best))) {
                break;
            }
            previous = best;
            x.zero();
            x.set(best, 1.0);
        }
        // Higham's alternating vector guards against the rare cases where Hager's iteration
        // stalls far below the true norm
        for (int k = 0; k < n; k++) {
            double sign = k % 2 == 0 ? 1.0 : -1.0;
            x.set(k, sign * (1.0 + (n > 1 ? (double) k / (n - 1) : 0.0)));
        }
        solver.solve(x, y);
        double alt = 0;
        for (int k = 0; k < n; k++) {
            alt += Math.abs(y.get(k));
        }
        alt = 2 * alt / (3.0 * n);
        if (!Double.isFinite(alt)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(estimate, alt);
    }

    private static double relativeResidual(DMatrixRMaj a, DMatrixRMaj x, DMatrixRMaj b) {
        double maxResidual = 0;
        double normA = 0;
        double normX = 0;
        double normB = 0;
        for (int r = 0; r < a.numRows; r++) {
            double sum = -b.get(r);
            double rowSum = 0;
            for (int c = 0; c < a.numCols; c++) {
                double v = a.get(r, c);
                if (v != 0) {
                    sum += v * x.get(c);
                    rowSum += Math.abs(v);
                }
            }
            maxResidual = Math.max(maxResidual, Math.abs(sum));
            normA = Math.max(normA, rowSum);
            normX = Math.max(normX, Math.abs(x.get(r)));
            normB = Math.max(normB, Math.abs(b.get(r)));
        }
        double scale = normA * normX + normB;
        if (Double.isNaN(maxResidual) || Double.isNaN(scale)) {
            return Double.NaN;
        }
        return scale == 0 ? 0 : maxResidual / scale;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BoseHubbardChain)) {
            return false;
        }
        BoseHubbardChain c = (BoseHubbardChain) o;
        return length == c.length
            && Double.compare(detuning, c.detuning) == 0
            && Double.compare(hopping, c.hopping) == 0
            && Double.compare(interaction, c.interaction) == 0
            && Double.compare(intrinsicLoss, c.intrinsicLoss) == 0
            && Arrays.equals(drive, c.drive)
            && Arrays.equals(loss, c.loss);
    }

    @Override
    public int hashCode() {
        return Objects.hash(length, detuning, hopping, interaction, intrinsicLoss,
            Arrays.hashCode(drive), Arrays.hashCode(loss));
    }

    @Override
    public String toString() {
        return "BoseHubbardChain[L=" + length + ", Delta=" + detuning + ", J=" + hopping
            + ", U=" + interaction + ", gamma_int=" + intrinsicLoss
            + ", F=" + Arrays.toString(drive) + ", kappa=" + Arrays.toString(loss) + "]";
    }

    private enum Mode { BOUNDARY, UNIFORM, EXPLICIT }

    /**
     * Fluent builder for {@link BoseHubbardChain}. Every setter validates its argument at once
     * ({@link IllegalArgumentException} naming the parameter and value); site indices are
     * checked against the length in {@link #build()}.
     *
     * <p>Drive configuration: {@link #boundaryDrive} (the paper's model, default with F = 0),
     * {@link #uniformDrive}, or explicit amplitudes with {@link #driveAt}; {@code driveAt} adds to
     * (overrides single sites of) the current configuration, the other two replace it. Loss works
     * the same way with {@link #boundaryLoss}, {@link #uniformLoss} and {@link #lossAt};
     * {@link #intrinsicLoss} is added on every site on top.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final int length;
        private double detuning = DEFAULT_DETUNING;
        private double hopping = DEFAULT_HOPPING;
        private double interaction = DEFAULT_INTERACTION;
        private double intrinsicLoss;
        private Mode driveMode = Mode.BOUNDARY;
        private double driveValue;
        private final Map<Integer, Double> driveOverrides = new TreeMap<>();
        private Mode lossMode = Mode.BOUNDARY;
        private double lossValue = DEFAULT_LOSS;
        private final Map<Integer, Double> lossOverrides = new TreeMap<>();

        private Builder(int length) {
            this.length = length;
        }

        /**
         * @param delta detuning \( \Delta \) (finite)
         * @return this builder
         */
        public Builder detuning(double delta) {
            this.detuning = Checks.finite("detuning", delta);
            return this;
        }

        /**
         * @param j hopping J (finite)
         * @return this builder
         */
        public Builder hopping(double j) {
            this.hopping = Checks.finite("hopping", j);
            return this;
        }

        /**
         * @param u Kerr interaction U (finite)
         * @return this builder
         */
        public Builder interaction(double u) {
            this.interaction = Checks.finite("interaction", u);
            return this;
        }

        /**
         * Drive F on site 0 only (paper Eq. 2); replaces any drive configuration.
         *
         * @param f drive amplitude (finite)
         * @return this builder
         */
        public Builder boundaryDrive(double f) {
            this.driveValue = Checks.finite("drive", f);
            this.driveMode = Mode.BOUNDARY;
            this.driveOverrides.clear();
            return this;
        }

        /**
         * Drive F on every site (paper Eq. 38); replaces any drive configuration.
         *
         * @param f drive amplitude (finite)
         * @return this builder
         */
        public Builder uniformDrive(double f) {
            this.driveValue = Checks.finite("drive", f);
            this.driveMode = Mode.UNIFORM;
            this.driveOverrides.clear();
            return this;
        }

        /**
         * Sets the drive amplitude of one site, keeping the rest of the configuration.
         *
         * @param site zero-based site index (checked in {@link #build()})
         * @param f drive amplitude (finite)
         * @return this builder
         */
        public Builder driveAt(int site, double f) {
            Checks.atLeast("drive site", site, 0);
            driveOverrides.put(site, Checks.finite("drive[" + site + "]", f));
            return this;
        }

        /**
         * Loss \( \gamma \) on sites 0 and L - 1 (paper Eq. 1-3); replaces any loss configuration.
         *
         * @param gamma loss rate (non-negative, finite)
         * @return this builder
         */
        public Builder boundaryLoss(double gamma) {
            this.lossValue = Checks.nonNegative("loss", gamma);
            this.lossMode = Mode.BOUNDARY;
            this.lossOverrides.clear();
            return this;
        }

        /**
         * Loss \( \gamma \) on every site (paper Eq. 39); replaces any loss configuration.
         *
         * @param gamma loss rate (non-negative, finite)
         * @return this builder
         */
        public Builder uniformLoss(double gamma) {
            this.lossValue = Checks.nonNegative("loss", gamma);
            this.lossMode = Mode.UNIFORM;
            this.lossOverrides.clear();
            return this;
        }

        /**
         * Sets the loss rate of one site (intrinsic loss is added on top), keeping the rest of the
         * configuration.
         *
         * @param site zero-based site index (checked in {@link #build()})
         * @param gamma loss rate (non-negative, finite)
         * @return this builder
         */
        public Builder lossAt(int site, double gamma) {
            Checks.atLeast("loss site", site, 0);
            lossOverrides.put(site, Checks.nonNegative("loss[" + site + "]", gamma));
            return this;
        }

        /**
         * Intrinsic loss \( \gamma_{\rm int} \) on every site (paper Eq. 49).
         *
         * @param gammaInt rate (non-negative, finite)
         * @return this builder
         */
        public Builder intrinsicLoss(double gammaInt) {
            this.intrinsicLoss = Checks.nonNegative("intrinsicLoss", gammaInt);
            return this;
        }

        /**
         * Builds the chain.
         *
         * @return a new immutable chain
         * @throws IllegalArgumentException if a site index is out of range
         */
        public BoseHubbardChain build() {
            for (int site : driveOverrides.keySet()) {
                Checks.index("drive site", site, length);
            }
            for (int site : lossOverrides.keySet()) {
                Checks.index("loss site", site, length);
            }
            return new BoseHubbardChain(this);
        }

        private double[] resolveDrive() {
            double[] f = resolve(driveMode, driveValue, false);
            driveOverrides.forEach((site, v) -> f[site] = v);
            return f;
        }

        private double[] resolveLoss() {
            double[] k = resolve(lossMode, lossValue, true);
            lossOverrides.forEach((site, v) -> k[site] = v);
            for (int l = 0; l < length; l++) {
                k[l] += intrinsicLoss;
            }
            return k;
        }

        private double[] resolve(Mode mode, double value, boolean bothEnds) {
            double[] a = new double[length];
            switch (mode) {
                case UNIFORM:
                    Arrays.fill(a, value);
                    break;
                case BOUNDARY:
                    a[0] = value;
                    if (bothEnds) {
                        // gamma (delta_{l,1} + delta_{l,L}): a single-site chain gets 2 gamma
                        a[length - 1] += value;
                    }
                    break;
                default:
                    break;
            }
            return a;
        }
    }
}
