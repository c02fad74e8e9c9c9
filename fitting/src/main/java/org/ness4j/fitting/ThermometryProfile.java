package org.ness4j.fitting;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ness4j.core.Checks;
import org.ness4j.core.stat.Estimate;
import org.ness4j.observables.FockPopulations;
import org.ness4j.observables.SiteMoments;
import org.ness4j.observables.WignerHistogram;

/**
 * Local thermometry along the chain (paper 000, Fig. 4, 14, 15): every site's Wigner function is
 * fitted with each requested {@link Ansatz}, giving the profiles \( T_\ell, \mu_\ell,
 * \mu_\ell/T_\ell \) with errors, next to the equipartition temperature
 * \( T_\ell = |\Delta|\langle p_\ell^2\rangle \) (Eq. 40, {@link SiteMoments}) and the entropy
 * \( S_\ell = -\sum_n p_n\ln p_n \) of the Fock populations measured through the Weyl symbols
 * ({@link FockPopulations}; ansatz-free, as in Fig. 4(c)).
 *
 * <p>Domain classification (Fig. 4(d, e)), from the fit of the {@link Builder#thermometer}
 * ansatz (default Gibbs):
 * <ul>
 *   <li>{@link Domain#NONTHERMAL}: the fit failed, or the part of the \( L^2 \) norm (Eq. 45) not
 *       explained by counting noise, \( \sqrt{\max(L^2{}^2 - L^2_{\rm noise}{}^2, 0)} \), exceeds
 *       {@link Builder#maxExcessL2} (default 0.1) times \( \|W_\ell\|_{L^2} \): more than 10% of
 *       the measured Wigner function is not described by any \( \mathbb U(1) \)-symmetric
 *       single-site state (the asymmetric Wigner functions next to the drive, Fig. 3(d)). The
 *       threshold is a convention, not a paper value: the paper judges Fig. 15(a) by eye.</li>
 *   <li>{@link Domain#PRETHERMAL}: otherwise, if \( \mu_\ell/T_\ell > 0 \) (equivalently
 *       \( \mu_\ell > 0 \), since \( T > 0 \)).</li>
 *   <li>{@link Domain#THERMAL}: otherwise (\( \mu_\ell \le 0 \)).</li>
 * </ul>
 * Domain sizes (Fig. 4(e)) are the numbers of sites in each class.
 *
 * <p>Sites are fitted in order, each warm-started from its left neighbour's fit. Immutable once
 * computed; thread-safe.
 */
public final class ThermometryProfile {

    /** Local domain of a site (Fig. 4). */
    public enum Domain {
        /** U(1)-broken or otherwise not described by the ansatz (next to the drive). */
        NONTHERMAL,
        /** Described by the ansatz with \( \mu > 0 \). */
        PRETHERMAL,
        /** Described by the ansatz with \( \mu \le 0 \). */
        THERMAL
    }

    /**
     * Everything measured at one site.
     *
     * @param site zero-based site
     * @param fits one fit per requested ansatz (unmodifiable)
     * @param equipartitionTemperature Eq. 40, or NaN without {@link SiteMoments}
     * @param entropy Weyl-symbol entropy of the measured populations, or NaN without
     *     {@link FockPopulations}
     * @param excessL2 noise-corrected relative \( L^2 \) of the thermometer fit (NaN if failed)
     * @param domain the classification
     */
    public record Site(int site, Map<Ansatz, WignerFit> fits, Estimate equipartitionTemperature,
                       Estimate entropy, double excessL2, Domain domain) {

        /**
         * Canonical constructor (copies the map).
         *
         * @param site see the record description
         * @param fits see the record description
         * @param equipartitionTemperature see the record description
         * @param entropy see the record description
         * @param excessL2 see the record description
         * @param domain see the record description
         */
        public Site {
            fits = Collections.unmodifiableMap(new EnumMap<>(fits));
        }

        /**
         * @param ansatz a fitted ansatz
         * @return its fit
         */
        public WignerFit fit(Ansatz ansatz) {
            WignerFit f = fits.get(ansatz);
            if (f == null) {
                throw new IllegalArgumentException("ansatz " + ansatz + " was not fitted; fitted: "
                    + fits.keySet());
            }
            return f;
        }
    }

    /**
     * Sizes of the three domains (Fig. 4(e)).
     *
     * @param nonthermal sites classified {@link Domain#NONTHERMAL}
     * @param prethermal sites classified {@link Domain#PRETHERMAL}
     * @param thermal sites classified {@link Domain#THERMAL}
     */
    public record DomainSizes(int nonthermal, int prethermal, int thermal) {
    }

    private final List<Site> sites;

    private ThermometryProfile(List<Site> sites) {
        this.sites = List.copyOf(sites);
    }

    /** @return a builder (Gibbs, 2-photon decay and Scully-Lamb; Gibbs thermometer) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the sites in order */
    public List<Site> sites() {
        return sites;
    }

    /** @return the number of sites in each domain */
    public DomainSizes domainSizes() {
        int[] c = new int[3];
        for (Site s : sites) {
            c[s.domain().ordinal()]++;
        }
        return new DomainSizes(c[0], c[1], c[2]);
    }

    /**
     * The classification rule of the class description.
     *
     * @param fit the thermometer fit
     * @param maxExcessL2 threshold on the noise-corrected relative L2
     * @return the domain
     */
    public static Domain classify(WignerFit fit, double maxExcessL2) {
        Objects.requireNonNull(fit, "fit");
        Checks.positive("maxExcessL2", maxExcessL2);
        double excess = excessL2(fit);
        if (!fit.converged() || !(excess <= maxExcessL2)) {
            return Domain.NONTHERMAL;
        }
        return fit.muOverT().value() > 0 ? Domain.PRETHERMAL : Domain.THERMAL;
    }

    /**
     * @param fit a fit
     * @return \( \sqrt{\max(L^2{}^2 - L^2_{\rm noise}{}^2, 0)}/\|W\| \) (NaN for a failed fit)
     */
    public static double excessL2(WignerFit fit) {
        if (!fit.converged()) {
            return Double.NaN;
        }
        double norm = fit.l2Norm() / fit.relativeL2();
        double d2 = fit.l2Norm() * fit.l2Norm() - fit.l2NoiseFloor() * fit.l2NoiseFloor();
        return Math.sqrt(Math.max(d2, 0)) / norm;
    }

    /** Fluent builder. Not thread-safe. */
    public static final class Builder {
        private final List<Ansatz> ansatze = new ArrayList<>(List.of(Ansatz.values()));
        private Ansatz thermometer = Ansatz.GIBBS;
        private double kerr = 0.1;
        private WignerFitter.Geometry geometry = WignerFitter.Geometry.FULL_2D;
        private double maxExcessL2 = 0.1;
        private int cutoff;
        private boolean jackknife;

        private Builder() {
        }

        /**
         * @param value {@code true} to replace the fits' covariance errors by a jackknife over
         *     the histogram's trajectory groups, or its jackknife blocks
         *     ({@link WignerFitter#fitWithJackknife}: one more fit per group or block and
         *     ansatz; the covariance errors understate the spread of time-correlated TWA
         *     data); default {@code false}
         * @return this builder
         */
        public Builder jackknife(boolean value) {
            this.jackknife = value;
            return this;
        }

        /**
         * @param values the ansätze to fit (at least one, no nulls)
         * @return this builder
         */
        public Builder ansatze(Ansatz... values) {
            Objects.requireNonNull(values, "values");
            Checks.atLeast("ansatze.length", values.length, 1);
            ansatze.clear();
            for (Ansatz a : values) {
                ansatze.add(Objects.requireNonNull(a, "ansatz"));
            }
            return this;
        }

        /**
         * @param value the ansatz whose fit decides the domain (it is fitted even if not listed)
         * @return this builder
         */
        public Builder thermometer(Ansatz value) {
            this.thermometer = Objects.requireNonNull(value, "thermometer");
            return this;
        }

        /**
         * @param value \( U \ge 0 \) of the Gibbs ansatz
         * @return this builder
         */
        public Builder kerr(double value) {
            this.kerr = Checks.nonNegative("kerr", value);
            return this;
        }

        /**
         * @param value geometry of the fits
         * @return this builder
         */
        public Builder geometry(WignerFitter.Geometry value) {
            this.geometry = Objects.requireNonNull(value, "geometry");
            return this;
        }

        /**
         * @param value threshold of the noise-corrected relative L2 norm, positive
         * @return this builder
         */
        public Builder maxExcessL2(double value) {
            this.maxExcessL2 = Checks.positive("maxExcessL2", value);
            return this;
        }

        /**
         * @param value Fock cutoff of the fits (0: automatic)
         * @return this builder
         */
        public Builder cutoff(int value) {
            this.cutoff = WignerFitter.checkCutoff(value);
            return this;
        }

        /**
         * Fits every site of the histogram.
         *
         * @param histogram Wigner histograms (not modified)
         * @param moments site moments for the equipartition temperature, or {@code null}
         * @param populations Fock populations for the entropy, or {@code null}
         * @param detuning \( \Delta \) of the chain (Eq. 40), finite
         * @return the profile over {@code histogram.sites()}
         */
        public ThermometryProfile compute(WignerHistogram histogram, SiteMoments moments,
                                          FockPopulations populations, double detuning) {
            Objects.requireNonNull(histogram, "histogram");
            Checks.finite("detuning", detuning);
            List<Ansatz> fitted = new ArrayList<>(ansatze);
            if (!fitted.contains(thermometer)) {
                fitted.add(thermometer);
            }
            Map<Ansatz, WignerFitter> fitters = new EnumMap<>(Ansatz.class);
            for (Ansatz a : fitted) {
                fitters.put(a, WignerFitter.builder(a).kerr(kerr).geometry(geometry)
                    .cutoff(cutoff).build());
            }
            Estimate nan = new Estimate(Double.NaN, Double.NaN);
            Map<Ansatz, WignerFit> previous = new EnumMap<>(Ansatz.class);
            List<Site> out = new ArrayList<>();
            for (int l : histogram.sites()) {
                WignerData data = WignerData.of(histogram, l);
                Map<Ansatz, WignerFit> fits = new EnumMap<>(Ansatz.class);
                for (Ansatz a : fitted) {
                    WignerFit f = jackknife
                        ? fitters.get(a).fitWithJackknife(data, previous.get(a))
                        : fitters.get(a).fit(data, previous.get(a));
                    fits.put(a, f);
                    previous.put(a, f);
                }
                WignerFit t = fits.get(thermometer);
                out.add(new Site(l, fits,
                    moments == null ? nan : moments.equipartitionTemperature(l, detuning),
                    populations == null ? nan : populations.entropy(l), excessL2(t),
                    classify(t, maxExcessL2)));
            }
            return new ThermometryProfile(out);
        }
    }
}
