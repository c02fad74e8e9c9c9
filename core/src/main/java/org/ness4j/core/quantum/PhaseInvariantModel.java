package org.ness4j.core.quantum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ness4j.core.Checks;

/**
 * Single-mode Lindblad model that commutes with phase rotations \( a \to a e^{i\theta} \): a
 * Hamiltonian diagonal in the Fock basis, \( H = \sum_n E_n |n\rangle\langle n| \), and jump
 * operators that each shift the photon number by a fixed amount {@code k},
 * \( L|n\rangle = c(n)\,|n + k\rangle \) with real amplitudes \( c(n) \). All impurity models of
 * paper 000 (Eq. 10, 41, 42) are of this form, truncated at a cutoff {@code N}.
 *
 * <p>Consequences used here: (i) the steady state is diagonal and its populations solve the
 * birth-death chain with rates \( c(n)^2 \) ({@link BirthDeathChains}; shifts {@code +1},
 * {@code -1}, {@code -2} and {@code 0}, i.e. pure dephasing, are supported); (ii) the
 * off-diagonal bands \( \rho_{n,n+m} \) evolve independently. For \( m = 1 \), with
 * \( x_n = \rho_{n,n+1} \), \( r_j(n) = c_j(n)^2 \):
 * \[ \dot x_n = \Big[-i(E_n - E_{n+1}) - \tfrac12\sum_j \big(r_j(n) + r_j(n+1)\big)\Big] x_n
 *      + \sum_j c_j(n-k_j)\, c_j(n+1-k_j)\, x_{n-k_j}, \]
 * and by the quantum regression theorem
 * \( \langle a^\dagger(\tau) a(0)\rangle = \sum_n \sqrt{n+1}\, x_n(\tau) \) with
 * \( x_n(0) = (a\rho_{ss})_{n,n+1} = \sqrt{n+1}\, p_{n+1} \). A dephasing channel
 * \( \sqrt{\gamma_\phi}\,f(n) \) contributes \( -\tfrac{\gamma_\phi}{2}(f(n+1)-f(n))^2 \) to the
 * diagonal: \( -\gamma_\phi/2 \) for both \( a^\dagger a \) (Eq. 10) and \( a a^\dagger \) (Eq. 41),
 * which are therefore equivalent.
 *
 * <p>Thread safety: immutable, safe for concurrent use.
 */
public final class PhaseInvariantModel {

    private final int cutoff;
    private final double[] energies;
    private final int[] shifts;
    private final double[][] amplitudes;

    private PhaseInvariantModel(int cutoff, double[] energies, int[] shifts,
                                double[][] amplitudes) {
        this.cutoff = cutoff;
        this.energies = energies;
        this.shifts = shifts;
        this.amplitudes = amplitudes;
    }

    /**
     * Starts a builder.
     *
     * @param cutoff largest photon number {@code N >= 1}
     * @return a new builder (energies default to zero, no channels)
     */
    public static Builder builder(int cutoff) {
        return new Builder(Checks.atLeast("cutoff", cutoff, 1));
    }

    /** @return the cutoff {@code N} */
    public int cutoff() {
        return cutoff;
    }

    /** @return a copy of the level energies \( E_0..E_N \) */
    public double[] energies() {
        return energies.clone();
    }

    /** @return the number of jump channels */
    public int channels() {
        return shifts.length;
    }

    /**
     * @param channel channel index
     * @return photon-number shift of the channel
     */
    public int shift(int channel) {
        return shifts[Checks.index("channel", channel, shifts.length)];
    }

    /**
     * @param channel channel index
     * @return a copy of the amplitudes \( c(0..N) \) (zero where the target leaves
     *     {@code 0..N})
     */
    public double[] amplitudes(int channel) {
        return amplitudes[Checks.index("channel", channel, shifts.length)].clone();
    }

    /**
     * Total transition rates \( \sum_{j: k_j = shift} c_j(n)^2 \).
     *
     * @param shift photon-number shift
     * @return rates for {@code n = 0..N} (a new array)
     */
    public double[] rates(int shift) {
        double[] r = new double[cutoff + 1];
        for (int j = 0; j < shifts.length; j++) {
            if (shifts[j] == shift) {
                for (int n = 0; n <= cutoff; n++) {
                    r[n] += amplitudes[j][n] * amplitudes[j][n];
                }
            }
        }
        return r;
    }

    /**
     * Steady-state populations from the birth-death fast path ({@code O(N)}), checked against the
     * truncation: refused if the population of the top state exceeds
     * {@link FockTruncation#DEFAULT_TOLERANCE}. The amplitudes are given only up to the cutoff,
     * so the model cannot grow it itself: rebuild it at a larger cutoff (the impurity models
     * {@link TwoPhotonDecayModel} and {@link ScullyLambModel} choose theirs automatically).
     *
     * @return the diagonal steady state
     * @throws TruncationException if \( p_N \) exceeds {@link FockTruncation#DEFAULT_TOLERANCE}
     */
    public FockDistribution steadyState() {
        return steadyState(FockTruncation.DEFAULT_TOLERANCE, FockTruncation.Policy.REFUSE);
    }

    /**
     * Steady-state populations with a chosen truncation check.
     *
     * @param tolerance largest accepted top population, in
     *     \( (0, \) {@value FockTruncation#MAX_TOLERANCE}\( ] \)
     * @param policy what to do if it is exceeded
     * @return the diagonal steady state
     * @throws TruncationException with {@link FockTruncation.Policy#REFUSE} if \( p_N \)
     *     exceeds {@code tolerance}
     */
    public FockDistribution steadyState(double tolerance, FockTruncation.Policy policy) {
        FockTruncation.checkTolerance(tolerance);
        Objects.requireNonNull(policy, "policy");
        FockDistribution s = uncheckedSteadyState();
        FockTruncation.check(policy, "PhaseInvariantModel steady state", cutoff,
            s.topPopulation(), tolerance, () -> -1,
            "rebuild the model at a larger cutoff");
        return s;
    }

    /** The steady state without a truncation check (the callers check it). */
    FockDistribution uncheckedSteadyState() {
        return FockDistribution.of(BirthDeathChains.steadyState(rates(1), rates(-1), rates(-2)));
    }

    /**
     * The full Lindbladian on the truncated space (for validation with
     * {@link SteadyStates#direct}).
     *
     * @return \( \mathcal{L} \) with \( H = \mathrm{diag}(E) \) and one jump operator per channel
     */
    public Lindbladian lindbladian() {
        Lindbladian.Builder b = Lindbladian.builder().hamiltonian(SparseOperator.diagonal(energies));
        for (int j = 0; j < shifts.length; j++) {
            SparseOperator.Builder op = SparseOperator.builder(cutoff + 1);
            for (int n = 0; n <= cutoff; n++) {
                int t = n + shifts[j];
                if (t >= 0 && t <= cutoff && amplitudes[j][n] != 0) {
                    op.add(t, n, amplitudes[j][n], 0.0);
                }
            }
            b.jump(op.build());
        }
        return b.build();
    }

    /**
     * Two-time correlation \( \langle a^\dagger(\tau) a(0)\rangle \) in a diagonal state
     * (normally the steady state), from the closed equation for the first off-diagonal band
     * (class documentation), propagated exactly by the matrix exponential of the
     * {@code N x N} band generator over one step (scaling and squaring), then {@code steps}
     * matrix-vector products. Cost {@code O(N^3 log(||M|| dtau) + steps N^2)}; about a second for
     * {@code N = 300}.
     *
     * @param state diagonal state \( \rho(0) \) with the same cutoff
     * @param tauStep \( \Delta\tau > 0 \)
     * @param steps number of steps {@code K >= 1}
     * @return samples at \( \tau_k = k\Delta\tau,\ k = 0..K \)
     */
    public CoherenceFunction coherence(FockDistribution state, double tauStep, int steps) {
        Objects.requireNonNull(state, "state");
        if (state.cutoff() != cutoff) {
            throw new IllegalArgumentException("state.cutoff must be " + cutoff + ": "
                + state.cutoff());
        }
        Checks.positive("tauStep", tauStep);
        Checks.atLeast("steps", steps, 1);
        int n = cutoff; // x_0 .. x_{N-1}
        double[] mRe = new double[n * n];
        double[] mIm = new double[n * n];
        for (int i = 0; i < n; i++) {
            mIm[i * n + i] = -(energies[i] - energies[i + 1]);
        }
        for (int j = 0; j < shifts.length; j++) {
            int k = shifts[j];
            double[] c = amplitudes[j];
            for (int i = 0; i < n; i++) {
                mRe[i * n + i] -= 0.5 * (c[i] * c[i] + c[i + 1] * c[i + 1]);
                int src = i - k;
                if (src >= 0 && src < n) {
                    mRe[i * n + src] += c[src] * c[src + 1];
                }
            }
        }
        for (int p = 0; p < n * n; p++) {
            mRe[p] *= tauStep;
            mIm[p] *= tauStep;
        }
        double[][] e = ComplexMatrices.exp(n, mRe, mIm);
        double[] p = state.populations();
        double[] xRe = new double[n];
        double[] xIm = new double[n];
        double[] yRe = new double[n];
        double[] yIm = new double[n];
        for (int i = 0; i < n; i++) {
            xRe[i] = Math.sqrt(i + 1.0) * p[i + 1];
        }
        double[] tau = new double[steps + 1];
        double[] gRe = new double[steps + 1];
        double[] gIm = new double[steps + 1];
        for (int s = 0; s <= steps; s++) {
            tau[s] = s * tauStep;
            double sr = 0;
            double si = 0;
            for (int i = 0; i < n; i++) {
                double w = Math.sqrt(i + 1.0);
                sr += w * xRe[i];
                si += w * xIm[i];
            }
            gRe[s] = sr;
            gIm[s] = si;
            if (s == steps) {
                break;
            }
            for (int i = 0; i < n; i++) {
                double ar = 0;
                double ai = 0;
                for (int q = 0; q < n; q++) {
                    double er = e[0][i * n + q];
                    double ei = e[1][i * n + q];
                    ar += er * xRe[q] - ei * xIm[q];
                    ai += er * xIm[q] + ei * xRe[q];
                }
                yRe[i] = ar;
                yIm[i] = ai;
            }
            double[] t = xRe;
            xRe = yRe;
            yRe = t;
            t = xIm;
            xIm = yIm;
            yIm = t;
        }
        return new CoherenceFunction(tau, gRe, gIm);
    }

    /**
     * Fluent builder. Not thread-safe.
     */
    public static final class Builder {
        private final int cutoff;
        private double[] energies;
        private final List<Integer> shifts = new ArrayList<>();
        private final List<double[]> amps = new ArrayList<>();

        private Builder(int cutoff) {
            this.cutoff = cutoff;
            this.energies = new double[cutoff + 1];
        }

        /**
         * Sets the level energies.
         *
         * @param levelEnergies \( E_0..E_N \), finite (not modified)
         * @return this builder
         */
        public Builder energies(double[] levelEnergies) {
            Objects.requireNonNull(levelEnergies, "levelEnergies");
            if (levelEnergies.length != cutoff + 1) {
                throw new IllegalArgumentException("levelEnergies.length must be cutoff + 1 = "
                    + (cutoff + 1) + ": " + levelEnergies.length);
            }
            this.energies = Checks.allFinite("levelEnergies", levelEnergies).clone();
            return this;
        }

        /**
         * Sets \( E_n = \omega_0 n + \tfrac{U}{2} n(n-1) \), the impurity Hamiltonian
         * \( \omega_0 a^\dagger a + \tfrac U2 a^{\dagger 2}a^2 \) (paper SI, before Eq. 41).
         *
         * @param omega0 \( \omega_0 \), finite
         * @param kerr \( U \), finite
         * @return this builder
         */
        public Builder kerrEnergies(double omega0, double kerr) {
            Checks.finite("omega0", omega0);
            Checks.finite("kerr", kerr);
            for (int n = 0; n <= cutoff; n++) {
                energies[n] = omega0 * n + 0.5 * kerr * n * (n - 1.0);
            }
            return this;
        }

        /**
         * Adds a jump channel \( L|n\rangle = c(n)|n+shift\rangle \); amplitudes whose target
         * lies outside {@code 0..N} are set to zero.
         *
         * @param shift photon-number shift, one of {@code -2, -1, 0, +1}
         * @param amplitude \( c(0..N) \), finite (not modified)
         * @return this builder
         */
        public Builder channel(int shift, double[] amplitude) {
            if (shift < -2 || shift > 1) {
                throw new IllegalArgumentException(
                    "shift must be one of -2, -1, 0, 1 (birth-death fast path): " + shift);
            }
            Objects.requireNonNull(amplitude, "amplitude");
            if (amplitude.length != cutoff + 1) {
                throw new IllegalArgumentException("amplitude.length must be cutoff + 1 = "
                    + (cutoff + 1) + ": " + amplitude.length);
            }
            double[] c = Checks.allFinite("amplitude", amplitude).clone();
            for (int n = 0; n <= cutoff; n++) {
                if (n + shift < 0 || n + shift > cutoff) {
                    c[n] = 0;
                }
            }
            shifts.add(shift);
            amps.add(c);
            return this;
        }

        /** @return the model */
        public PhaseInvariantModel build() {
            int[] s = new int[shifts.size()];
            double[][] a = new double[s.length][];
            for (int j = 0; j < s.length; j++) {
                s[j] = shifts.get(j);
                a[j] = amps.get(j);
            }
            return new PhaseInvariantModel(cutoff, energies.clone(), s, a);
        }
    }

    @Override
    public String toString() {
        return "PhaseInvariantModel[cutoff=" + cutoff + ", shifts=" + Arrays.toString(shifts) + "]";
    }
}
