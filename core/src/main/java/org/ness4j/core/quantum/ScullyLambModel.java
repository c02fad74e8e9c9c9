package org.ness4j.core.quantum;

import java.util.Locale;
import java.util.Objects;
import org.ness4j.core.Checks;

/**
 * Generalized Scully-Lamb impurity model of paper 000 (SI Eq. 42, Ref. [83]):
 * \( H_{imp} = \omega_0 a^\dagger a + \tfrac U2 a^{\dagger 2} a^2 \) and
 * \[ L_{\rm up} = a^\dagger(\gamma^{\rm up} - S\, a a^\dagger)/\sqrt{\gamma^{\rm up}},\quad
 *    L_{\rm down} = \sqrt{\gamma^{\rm down}}\, a,\quad L_\phi = \sqrt{\gamma^\phi}\, a a^\dagger \]
 * (the standard Scully-Lamb model has \( \gamma^\phi = 3S/2 \)).
 *
 * <p>Birth-death rates derived from the jump operators: \( a a^\dagger|n\rangle = (n+1)|n\rangle \),
 * so \( L_{\rm up}|n\rangle = (\gamma^{\rm up} - S(n+1))\sqrt{n+1}/\sqrt{\gamma^{\rm up}}\,|n+1\rangle \)
 * and the rate \( n \to n+1 \) is \( (n+1)(\gamma^{\rm up} - S(n+1))^2/\gamma^{\rm up}
 * = (n+1)[\gamma^{\rm up} - 2S(n+1) + S^2(n+1)^2/\gamma^{\rm up}] \); the rate \( n \to n-1 \) is
 * \( \gamma^{\rm down} n \); dephasing changes no population. Hence
 * \( p_{n+1}/p_n = (\gamma^{\rm up} - S(n+1))^2/(\gamma^{\rm up}\gamma^{\rm down}) \).
 *
 * <p>Saturation truncation (documented deviation): the pump factor
 * \( \gamma^{\rm up} - S\,a a^\dagger \) changes sign at \( a a^\dagger = \gamma^{\rm up}/S \);
 * beyond it the squared rate grows again like \( S^2 n^3/\gamma^{\rm up} \) and, for cutoffs
 * above \( (\gamma^{\rm up} + \sqrt{\gamma^{\rm up}\gamma^{\rm down}})/S \), would produce a
 * spurious, cutoff-dependent population at large {@code n}. The model is valid only for
 * \( S\langle a a^\dagger\rangle \ll \gamma^{\rm up} \) (Eq. 43), so transitions into states with
 * \( S(n+1) \ge \gamma^{\rm up} \) are removed: the effective cutoff is
 * {@link #effectiveCutoff()} \( = \min(N, \lceil\gamma^{\rm up}/S\rceil - 1) \). Below it the
 * operator is exactly Eq. 42.
 *
 * <p>Unlike the 2-photon model, \( L_{\rm up} \) is not the adjoint of \( L_{\rm down} \), so no
 * effective temperature follows from detailed balance (SI after Eq. 44); {@link #muOverT()}
 * returns the small-{@code n} value \( \ln(\gamma^{\rm up}/\gamma^{\rm down}) \) used for the
 * Scully-Lamb curve of Fig. 4(d).
 *
 * <p>Truncation ({@link FockTruncation}): by default the cutoff is chosen automatically, the
 * smallest one whose top population {@link #topPopulation()} is at most the tolerance
 * ({@link FockTruncation#DEFAULT_TOLERANCE} \( = 10^{-6} \) unless set with
 * {@link Builder#truncationTolerance}). An explicit {@link Builder#cutoff} is kept but checked:
 * if the top population exceeds the tolerance, {@link Builder#build()} throws a
 * {@link TruncationException} naming the cutoff, the top population and the cutoff needed
 * (unless {@link Builder#truncationPolicy} says otherwise). A cutoff at or above the saturation
 * limit \( \lceil\gamma^{\rm up}/S\rceil - 1 \) truncates nothing (the pump out of the top
 * state vanishes there), so its top population counts as 0.
 *
 * <p>Thread safety: immutable, safe for concurrent use.
 */
public final class ScullyLambModel {

    private final double gammaUp;
    private final double gammaDown;
    private final double gammaPhi;
    private final double saturation;
    private final double omega0;
    private final double kerr;
    private final int effectiveCutoff;
    private final double tolerance;
    private final PhaseInvariantModel model;
    private final FockDistribution steadyState;

    private ScullyLambModel(Builder b, int nMax) {
        this.gammaUp = b.gammaUp;
        this.gammaDown = b.gammaDown;
        this.gammaPhi = b.gammaPhi;
        this.saturation = b.saturation;
        this.omega0 = b.omega0;
        this.kerr = b.kerr;
        this.tolerance = b.tolerance;
        double[] up = new double[nMax + 1];
        double[] down = new double[nMax + 1];
        double[] phi = new double[nMax + 1];
        int eff = nMax;
        for (int n = 0; n <= nMax; n++) {
            double factor = gammaUp - saturation * (n + 1.0);
            if (factor <= 0 && eff == nMax && n < nMax) {
                eff = n;
            }
            up[n] = factor > 0 && n < eff ? factor * Math.sqrt((n + 1.0) / gammaUp) : 0.0;
            down[n] = Math.sqrt(gammaDown * n);
            phi[n] = Math.sqrt(gammaPhi) * (n + 1.0);
        }
        this.effectiveCutoff = eff;
        PhaseInvariantModel.Builder mb = PhaseInvariantModel.builder(nMax)
            .kerrEnergies(omega0, kerr).channel(1, up).channel(-1, down);
        if (gammaPhi > 0) {
            mb.channel(0, phi);
        }
        this.model = mb.build();
        this.steadyState = model.uncheckedSteadyState();
    }

    /**
     * @return a new builder (\( \gamma^{\rm up} = \gamma^{\rm down} = 1 \), others 0,
     *     automatic cutoff, tolerance {@link FockTruncation#DEFAULT_TOLERANCE}, policy
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

    /** @return the saturation \( S \) */
    public double saturation() {
        return saturation;
    }

    /** @return \( \omega_0 \) */
    public double omega0() {
        return omega0;
    }

    /** @return \( U \) */
    public double kerr() {
        return kerr;
    }

    /** @return the cutoff {@code N} (chosen automatically unless set explicitly) */
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
     * @return \( p_N \) if the pump out of the top state N is positive
     *     (\( \gamma^{\rm up} &gt; S(N+1) \)), else 0 (nothing is truncated)
     */
    public double topPopulation() {
        int n = model.cutoff();
        return gammaUp - saturation * (n + 1.0) > 0 ? steadyState.topPopulation() : 0.0;
    }

    /**
     * @return the highest reachable photon number, \( \min(N, \lceil\gamma^{\rm up}/S\rceil - 1) \)
     *     (class documentation)
     */
    public int effectiveCutoff() {
        return effectiveCutoff;
    }

    /** @return \( \ln(\gamma^{\rm up}/\gamma^{\rm down}) \) (small-{@code n} slope; see class doc) */
    public double muOverT() {
        return Math.log(gammaUp / gammaDown);
    }

    /** @return the steady state (birth-death fast path) */
    public FockDistribution steadyState() {
        return steadyState;
    }

    /** @return the underlying phase-invariant model */
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
        private double gammaUp = 1;
        private double gammaDown = 1;
        private double gammaPhi;
        private double saturation;
        private double omega0;
        private double kerr;
        private int cutoff;
        private double tolerance = FockTruncation.DEFAULT_TOLERANCE;
        private FockTruncation.Policy policy = FockTruncation.Policy.REFUSE;

        private Builder() {
        }

        /**
         * @param value \( \gamma^{\rm up} > 0 \) (it divides \( L_{\rm up} \))
         * @return this builder
         */
        public Builder gammaUp(double value) {
            this.gammaUp = Checks.positive("gammaUp", value);
            return this;
        }

        /**
         * @param value \( \gamma^{\rm down} > 0 \)
         * @return this builder
         */
        public Builder gammaDown(double value) {
            this.gammaDown = Checks.positive("gammaDown", value);
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
         * @param value saturation \( S \ge 0 \)
         * @return this builder
         */
        public Builder saturation(double value) {
            this.saturation = Checks.nonNegative("saturation", value);
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
         * @param value largest photon number, at least 1
         * @return this builder
         */
        public Builder cutoff(int value) {
            this.cutoff = Checks.atLeast("cutoff", value, 1);
            return this;
        }

        /**
         * Sets the truncation tolerance of the top population.
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
         *     {@link FockTruncation#MAX_CUTOFF} meets it (for \( S = 0 \) and
         *     \( \gamma^{\rm up} \ge \gamma^{\rm down} \) the populations do not decay)
         */
        public ScullyLambModel build() {
            if (cutoff == 0) {
                return FockTruncation.smallestCutoff(16, FockTruncation.MAX_CUTOFF, tolerance,
                    c -> new ScullyLambModel(this, c), ScullyLambModel::topPopulation).result();
            }
            ScullyLambModel m = new ScullyLambModel(this, cutoff);
            FockTruncation.check(policy, describe(), cutoff, m.topPopulation(), tolerance,
                () -> FockTruncation.smallestCutoff(cutoff + 1, FockTruncation.MAX_CUTOFF,
                    tolerance, c -> new ScullyLambModel(this, c),
                    ScullyLambModel::topPopulation).cutoff(),
                "leave the cutoff unset to choose it automatically");
            return m;
        }

        private String describe() {
            return String.format(Locale.ROOT, "ScullyLambModel(gammaUp = %s, gammaDown = %s, "
                + "saturation = %s)", gammaUp, gammaDown, saturation);
        }
    }
}
