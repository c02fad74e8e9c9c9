package org.ness4j.core.quantum;

import java.util.Locale;
import java.util.Objects;
import org.ness4j.core.Checks;

/**
 * The 2-photon-decay impurity model of paper 000 (Eq. 10 and SI Eq. 41): a single mode with
 * \( H_{imp} = \omega_0 a^\dagger a + \tfrac U2 a^{\dagger 2} a^2 \) and jump operators
 * \[ L_{\rm up} = \sqrt{\gamma^{\rm up}}\, a^\dagger,\quad L_{\rm down} = \sqrt{\gamma^{\rm down}}\, a,
 *    \quad L_\phi = \sqrt{\gamma^\phi}\, a a^\dagger,\quad L_s = \sqrt{\gamma^s}\, a^2 . \]
 * Population rates: \( n \to n+1 \): \( \gamma^{\rm up} (n+1) \); \( n \to n-1 \):
 * \( \gamma^{\rm down} n \); \( n \to n-2 \): \( \gamma^s n(n-1) \); dephasing changes no
 * population and, like \( \omega_0 \) and \( U \), only enters time correlations. Eq. 10 writes
 * the dephasing as \( a^\dagger a \) and Eq. 41 as \( a a^\dagger \); they differ by the identity
 * and generate the same dynamics (see {@link PhaseInvariantModel}).
 *
 * <p>Detailed balance of the one-photon reservoirs defines \( \mu/T = \ln(\gamma^{\rm up} /
 * \gamma^{\rm down}) \) (Eq. 11, 44); for \( \gamma^s = 0 \) and \( \gamma^{\rm up} &lt; \gamma^{\rm down} \)
 * the steady state is thermal with \( p_{n+1}/p_n = e^{\mu/T} \). All rates share the energy unit
 * (\( \gamma = 1 \) in the paper).
 *
 * <p>Truncation ({@link FockTruncation}): by default the cutoff is chosen automatically, the
 * smallest one whose steady-state top population \( p_N \) is at most the tolerance
 * ({@link FockTruncation#DEFAULT_TOLERANCE} \( = 10^{-6} \) unless set with
 * {@link Builder#truncationTolerance}). An explicit {@link Builder#cutoff} is kept but checked:
 * if \( p_N \) exceeds the tolerance, {@link Builder#build()} throws a
 * {@link TruncationException} naming the cutoff, \( p_N \) and the cutoff needed (unless
 * {@link Builder#truncationPolicy} says otherwise, for cutoff studies).
 *
 * <p>Thread safety: immutable, safe for concurrent use.
 */
public final class TwoPhotonDecayModel {

    private final double gammaUp;
    private final double gammaDown;
    private final double gammaPhi;
    private final double gammaS;
    private final double omega0;
    private final double kerr;
    private final double tolerance;
    private final PhaseInvariantModel model;
    private final FockDistribution steadyState;

    private TwoPhotonDecayModel(Builder b, int nMax) {
        this.gammaUp = b.gammaUp;
        this.gammaDown = b.gammaDown;
        this.gammaPhi = b.gammaPhi;
        this.gammaS = b.gammaS;
        this.omega0 = b.omega0;
        this.kerr = b.kerr;
        this.tolerance = b.tolerance;
        double[] up = new double[nMax + 1];
        double[] down = new double[nMax + 1];
        double[] two = new double[nMax + 1];
        double[] phi = new double[nMax + 1];
        for (int n = 0; n <= nMax; n++) {
            up[n] = Math.sqrt(gammaUp * (n + 1.0));
            down[n] = Math.sqrt(gammaDown * n);
            two[n] = Math.sqrt(gammaS * n * (n - 1.0));
            phi[n] = Math.sqrt(gammaPhi) * (n + 1.0);
        }
        PhaseInvariantModel.Builder mb = PhaseInvariantModel.builder(nMax)
            .kerrEnergies(omega0, kerr);
        if (gammaUp > 0) {
            mb.channel(1, up);
        }
        if (gammaDown > 0) {
            mb.channel(-1, down);
        }
        if (gammaS > 0) {
            mb.channel(-2, two);
        }
        if (gammaPhi > 0) {
            mb.channel(0, phi);
        }
        this.model = mb.build();
        this.steadyState = model.uncheckedSteadyState();
    }

    /**
     * @return a new builder (all rates 0, \( \omega_0 = U = 0 \), automatic cutoff, tolerance
     *     {@link FockTruncation#DEFAULT_TOLERANCE}, policy
     *     {@link FockTruncation.Policy#REFUSE})
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return \( \gamma^{\rm up} \) */
    public double gammaUp() {
        return gammaUp;
    }

    /** @return \( \gamma^{\rm down} \) */
    public double gammaDown() {
        return gammaDown;
    }

    /** @return \( \gamma^\phi \) */
    public double gammaPhi() {
        return gammaPhi;
    }

    /** @return \( \gamma^s \) */
    public double gammaS() {
        return gammaS;
    }

    /** @return \( \omega_0 \) */
    public double omega0() {
        return omega0;
    }

    /** @return \( U \) */
    public double kerr() {
        return kerr;
    }

    /** @return the cutoff (chosen automatically unless set explicitly) */
    public int cutoff() {
        return model.cutoff();
    }

    /** @return the truncation tolerance the cutoff was chosen or checked with */
    public double truncationTolerance() {
        return tolerance;
    }

    /**
     * The truncation diagnostic of the steady state.
     *
     * @return \( p_N \) at the cutoff N
     */
    public double topPopulation() {
        return steadyState.topPopulation();
    }

    /**
     * Detailed-balance ratio (Eq. 11, 44).
     *
     * @return \( \mu/T = \ln(\gamma^{\rm up}/\gamma^{\rm down}) \)
     * @throws IllegalStateException if \( \gamma^{\rm up} \) or \( \gamma^{\rm down} \) is zero
     */
    public double muOverT() {
        if (gammaUp == 0 || gammaDown == 0) {
            throw new IllegalStateException("mu/T = ln(gammaUp/gammaDown) needs both rates "
                + "positive: gammaUp = " + gammaUp + ", gammaDown = " + gammaDown);
        }
        return Math.log(gammaUp / gammaDown);
    }

    /** @return the steady state (populations by the birth-death fast path) */
    public FockDistribution steadyState() {
        return steadyState;
    }

    /** @return the underlying phase-invariant model (Lindbladian, rates, correlations) */
    public PhaseInvariantModel model() {
        return model;
    }

    /**
     * Steady-state \( \langle a^\dagger(\tau) a(0)\rangle \), see
     * {@link PhaseInvariantModel#coherence}.
     *
     * @param tauStep \( \Delta\tau > 0 \)
     * @param steps number of steps
     * @return the sampled correlation
     */
    public CoherenceFunction coherence(double tauStep, int steps) {
        return model.coherence(steadyState, tauStep, steps);
    }

    /** Fluent builder; validates every value. Not thread-safe. */
    public static final class Builder {
        private double gammaUp;
        private double gammaDown;
        private double gammaPhi;
        private double gammaS;
        private double omega0;
        private double kerr;
        private int cutoff;
        private double tolerance = FockTruncation.DEFAULT_TOLERANCE;
        private FockTruncation.Policy policy = FockTruncation.Policy.REFUSE;

        private Builder() {
        }

        /**
         * @param value \( \gamma^{\rm up} \ge 0 \)
         * @return this builder
         */
        public Builder gammaUp(double value) {
            this.gammaUp = Checks.nonNegative("gammaUp", value);
            return this;
        }

        /**
         * @param value \( \gamma^{\rm down} \ge 0 \)
         * @return this builder
         */
        public Builder gammaDown(double value) {
            this.gammaDown = Checks.nonNegative("gammaDown", value);
            return this;
        }

        /**
         * @param value \( \gamma^\phi \ge 0 \)
         * @return this builder
         */
        public Builder gammaPhi(double value) {
            this.gammaPhi = Checks.nonNegative("gammaPhi", value);
            return this;
        }

        /**
         * @param value \( \gamma^s \ge 0 \)
         * @return this builder
         */
        public Builder gammaS(double value) {
            this.gammaS = Checks.nonNegative("gammaS", value);
            return this;
        }

        /**
         * @param value \( \omega_0 \), finite
         * @return this builder
         */
        public Builder omega0(double value) {
            this.omega0 = Checks.finite("omega0", value);
            return this;
        }

        /**
         * @param value Kerr \( U \), finite
         * @return this builder
         */
        public Builder kerr(double value) {
            this.kerr = Checks.finite("kerr", value);
            return this;
        }

        /**
         * Sets an explicit cutoff, checked by {@link #build()} (class documentation). Without
         * it the cutoff is chosen automatically.
         *
         * @param value largest photon number, at least 2
         * @return this builder
         */
        public Builder cutoff(int value) {
            this.cutoff = Checks.atLeast("cutoff", value, 2);
            return this;
        }

        /**
         * Sets the truncation tolerance of the top population \( p_N \).
         *
         * @param value in \( (0, \) {@value FockTruncation#MAX_TOLERANCE}\( ] \); default
         *     {@value FockTruncation#DEFAULT_TOLERANCE}
         * @return this builder
         */
        public Builder truncationTolerance(double value) {
            this.tolerance = FockTruncation.checkTolerance(value);
            return this;
        }

        /**
         * Sets what {@link #build()} does when an explicit cutoff exceeds the tolerance
         * (default {@link FockTruncation.Policy#REFUSE}; {@link FockTruncation.Policy#WARN} for
         * cutoff studies). Has no effect on an automatic cutoff, which always meets it.
         *
         * @param value the policy
         * @return this builder
         */
        public Builder truncationPolicy(FockTruncation.Policy value) {
            this.policy = Objects.requireNonNull(value, "truncationPolicy");
            return this;
        }

        /**
         * @return the model
         * @throws TruncationException if the explicit cutoff's top population exceeds the
         *     tolerance (policy {@link FockTruncation.Policy#REFUSE}), or no cutoff up to
         *     {@link FockTruncation#MAX_CUTOFF} meets it
         * @throws IllegalArgumentException if the pump wins over every decay channel
         *     (\( \gamma^s = 0 \) and \( \gamma^{\rm up} \ge \gamma^{\rm down} > 0 \), or no
         *     decay at all while pumping): without two-photon loss the populations then grow
         *     geometrically, \( p_{n+1}/p_n = \gamma^{\rm up}/\gamma^{\rm down} \ge 1 \), and
         *     pile up at the cutoff
         */
        public TwoPhotonDecayModel build() {
            if (gammaUp > 0 && gammaDown == 0 && gammaS == 0) {
                throw new IllegalArgumentException("gammaDown or gammaS must be positive when "
                    + "gammaUp > 0, otherwise the photon number grows without bound: gammaUp = "
                    + gammaUp);
            }
            if (gammaS == 0 && gammaUp > 0 && gammaUp >= gammaDown) {
                throw new IllegalArgumentException("without two-photon loss (gammaS = 0) gammaUp "
                    + "must be below gammaDown, otherwise the photon number grows without "
                    + "bound: gammaUp = " + gammaUp + ", gammaDown = " + gammaDown);
            }
            if (cutoff == 0) {
                return FockTruncation.smallestCutoff(16, FockTruncation.MAX_CUTOFF, tolerance,
                    c -> new TwoPhotonDecayModel(this, c), TwoPhotonDecayModel::topPopulation)
                    .result();
            }
            TwoPhotonDecayModel m = new TwoPhotonDecayModel(this, cutoff);
            FockTruncation.check(policy, describe(), cutoff, m.topPopulation(), tolerance,
                () -> FockTruncation.smallestCutoff(cutoff + 1, FockTruncation.MAX_CUTOFF,
                    tolerance, c -> new TwoPhotonDecayModel(this, c),
                    TwoPhotonDecayModel::topPopulation).cutoff(),
                "leave the cutoff unset to choose it automatically");
            return m;
        }

        private String describe() {
            return String.format(Locale.ROOT, "TwoPhotonDecayModel(gammaUp = %s, gammaDown = %s, "
                + "gammaS = %s)", gammaUp, gammaDown, gammaS);
        }
    }
}
