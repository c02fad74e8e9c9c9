package org.ness4j.hydro.toy;

import java.util.Locale;
import org.ness4j.core.Checks;

/**
 * The toy stochastic PDE of paper 004 (Eq. 15) together with its discretization: an immutable
 * value built with {@link #builder()}.
 *
 * <p>Model (all quantities per lattice constant \(a\) of the spin chain):
 * \[ \partial_t m - D\,\partial_r^2 m = f(m) + \xi + \partial_r \xi^{th}, \qquad
 *    f(m) = \varepsilon J\Big(\tfrac{\gamma}{4}(1-m^2) - (1-\gamma)\Big) m, \]
 * \[ \langle \xi(r,t)\xi(r',t')\rangle = \nu\, a J \varepsilon (1-\gamma)\,\delta(r-r')\delta(t-t'),
 *    \qquad \langle \xi^{th}\xi^{th}\rangle = 2D\chi T\,\delta(r-r')\delta(t-t'), \]
 * with \(\nu = 4\) ({@link #drivenNoiseFactor()}, the paper's value, equal to the
 * infinite-temperature Einstein-relation result \(4\Gamma\), \(\Gamma = J\varepsilon(1-\gamma)\),
 * App. A.2) and \(2D\chi T = 1\) ({@link #thermalNoiseStrength()}).
 *
 * <p>Defaults are the paper's rescaled units and numerics (Sec. 3, Fig. 4-5): \(D = J = a = 1\),
 * \(\gamma = 0.875\), \(dx = 0.25\), \(dt = 0.001\), \(L = 10000\). In these units
 * \(\tilde\varepsilon = \varepsilon J a^2 / D = \varepsilon\).
 *
 * <p>Conventions, checked against the microscopic model (see {@code org.ness4j.hydro.ed}):
 * \(m\) is the mean of the Pauli \(\sigma^z\), so \(|m| \le 1\). The exact infinite-temperature
 * force of the chain is \(2\varepsilon J(\ldots)m\), twice the \(f(m)\) above (App. A.1 states
 * the prefactor \(2\) in the general formula but drops it in the limit). The toy model keeps the
 * paper's \(f(m)\); the fixed points \(\pm m_0\), \(m_0 = \sqrt{5 - 4/\gamma}\), and the
 * threshold \(\gamma > 4/5\) do not depend on this factor.
 *
 * <p>Thread safety: immutable.
 */
public final class ToyModel {

    /** Largest \(\lambda\,dt\) of the stiffest mode allowed (Heun's limit 2, less 5 %). */
    static final double STABLE_RATE_STEP = 1.9;

    private final double eps;
    private final double gamma;
    private final double diffusion;
    private final double coupling;
    private final double latticeConstant;
    private final double drivenNoiseFactor;
    private final double thermalNoiseStrength;
    private final double dx;
    private final double dt;
    private final int cells;

    private ToyModel(Builder b) {
        this.eps = b.eps;
        this.gamma = b.gamma;
        this.diffusion = b.diffusion;
        this.coupling = b.coupling;
        this.latticeConstant = b.latticeConstant;
        this.drivenNoiseFactor = b.drivenNoiseFactor;
        this.thermalNoiseStrength = b.thermalNoiseStrength;
        this.dx = b.dx;
        this.dt = b.dt;
        double n = Math.rint(b.length / b.dx);
        if (n < 3 || n > Integer.MAX_VALUE / 4 || Math.abs(n * b.dx - b.length) > 1e-9 * b.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "length must be an integer multiple (>= 3) of dx: length %s, dx %s",
                b.length, b.dx));
        }
        this.cells = (int) n;
    }

    /**
     * A builder preset to the paper's defaults (see the class comment), with \(\varepsilon = 0.1\).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder initialized with this model's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.eps = eps;
        b.gamma = gamma;
        b.diffusion = diffusion;
        b.coupling = coupling;
        b.latticeConstant = latticeConstant;
        b.drivenNoiseFactor = drivenNoiseFactor;
        b.thermalNoiseStrength = thermalNoiseStrength;
        b.dx = dx;
        b.dt = dt;
        b.length = cells * dx;
        return b;
    }

    /** @return coupling \(\varepsilon\) to the bath (dimensionless) */
    public double eps() {
        return eps;
    }

    /** @return relative weight \(\gamma \in [0,1)\) of the aligning Lindblad operator */
    public double gamma() {
        return gamma;
    }

    /** @return diffusion constant \(D\) (units \(a^2/\text{time}\)) */
    public double diffusion() {
        return diffusion;
    }

    /** @return exchange coupling \(J\) (inverse time) */
    public double coupling() {
        return coupling;
    }

    /** @return lattice constant \(a\) of the spin chain (length unit) */
    public double latticeConstant() {
        return latticeConstant;
    }

    /** @return \(\nu\) in \(\langle\xi\xi\rangle = \nu a J \varepsilon(1-\gamma)\); 0 switches \(\xi\) off */
    public double drivenNoiseFactor() {
        return drivenNoiseFactor;
    }

    /** @return \(2D\chi T\), strength of the conserved noise; 0 switches \(\xi^{th}\) off */
    public double thermalNoiseStrength() {
        return thermalNoiseStrength;
    }

    /** @return grid spacing \(dx\) (units of \(a\)) */
    public double dx() {
        return dx;
    }

    /** @return time step \(dt\) */
    public double dt() {
        return dt;
    }

    /** @return number of grid cells \(L/dx\) (periodic) */
    public int cells() {
        return cells;
    }

    /** @return system length \(L = \) cells \(\cdot dx\) */
    public double length() {
        return cells * dx;
    }

    /**
     * Strength of the non-conserved noise, \(\nu a J\varepsilon(1-\gamma)\) (Eq. 15).
     *
     * @return \(\langle\xi\xi\rangle\) prefactor (units \(a\)/time)
     */
    public double drivenNoiseStrength() {
        return drivenNoiseFactor * latticeConstant * coupling * eps * (1 - gamma);
    }

    /**
     * The force \(f(m)\) of Eq. 15.
     *
     * @param m local magnetization
     * @return \(\varepsilon J(\gamma(1-m^2)/4 - (1-\gamma))m\)
     */
    public double force(double m) {
        return eps * coupling * (0.25 * gamma * (1 - m * m) - (1 - gamma)) * m;
    }

    /**
     * Whether the noise-free model is bistable, \(\gamma > 4/5\).
     *
     * @return true if \(\pm m_0\) are stable and 0 unstable
     */
    public boolean bistable() {
        return 5 * gamma > 4;
    }

    /**
     * Stable magnetization \(m_0 = \sqrt{5 - 4/\gamma}\) (Eq. 16).
     *
     * @return \(m_0\), or 0 when not bistable
     */
    public double m0() {
        return bistable() ? Math.sqrt(5 - 4 / gamma) : 0.0;
    }

    /**
     * Rescaled wall width \(x_0 = \sqrt{8D/((5\gamma-4)J)}\) (Eq. 16).
     *
     * @return \(x_0\), or +infinity when not bistable
     */
    public double x0() {
        return bistable() ? Math.sqrt(8 * diffusion / ((5 * gamma - 4) * coupling))
                          : Double.POSITIVE_INFINITY;
    }

    /**
     * Noise-free domain wall of Eq. 16, \(m_0\tanh(r\sqrt{\varepsilon}/x_0)\); a step
     * \(m_0\,\mathrm{sign}(r)\) when \(x_0 = 0\) (D = 0).
     *
     * @param r distance from the wall centre (units of \(a\))
     * @return wall profile
     */
    public double wallProfile(double r) {
        double x0 = x0();
        return x0 == 0 ? m0() * Math.signum(r) : m0() * Math.tanh(r * Math.sqrt(eps) / x0);
    }

    /**
     * Domain-wall energy of Eq. 17 in the Ginzburg-Landau theory
     * \(a^{-1}\int D(\nabla m)^2/2 + v(m)\), \(v = -\int f\).
     *
     * @return \(E_{DW} = \sqrt{2JD(5\gamma-4)^3}\sqrt{\varepsilon}/(3a\gamma)\)
     */
    public double wallEnergy() {
        double g = 5 * gamma - 4;
        return Math.sqrt(2 * coupling * diffusion * g * g * g * eps) / (3 * latticeConstant * gamma);
    }

    /**
     * Analytic exponent \(c\) of Eq. 18 with only \(\xi\), for a given effective temperature
     * convention: \(n_{DW}\sim e^{-E_{DW}/T_{eff}}\) with \(T_{eff} = \nu' J\varepsilon(1-\gamma)/2\).
     * The paper uses \(T_{eff} = \varepsilon J(1-\gamma)\) (i.e. \(\nu' = 2\)) and quotes
     * \(c \approx 0.99\); the fluctuation-dissipation relation of model A with mobility \(a\),
     * \(\langle\xi\xi\rangle = 2aT_{eff}\), gives \(\nu' = \nu\) (\(= 4\) by default,
     * \(c \approx 0.49\)).
     *
     * @param noiseFactor \(\nu'\)
     * @return \(c = E_{DW}/(T_{eff}\sqrt{\varepsilon})\)
     */
    public double analyticExponent(double noiseFactor) {
        double g = 5 * gamma - 4;
        double eDwOverSqrtEps = Math.sqrt(2 * coupling * diffusion * g * g * g)
            / (3 * latticeConstant * gamma);
        return eDwOverSqrtEps / (0.5 * noiseFactor * coupling * (1 - gamma));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
            "ToyModel[eps=%s, gamma=%s, D=%s, J=%s, a=%s, nu=%s, 2DchiT=%s, dx=%s, dt=%s, cells=%d]",
            eps, gamma, diffusion, coupling, latticeConstant, drivenNoiseFactor,
            thermalNoiseStrength, dx, dt, cells);
    }

    /**
     * Fluent builder of {@link ToyModel}; every setter validates at once and throws
     * {@link IllegalArgumentException} naming the parameter and value.
     *
     * <p>Thread safety: not thread-safe.
     */
    public static final class Builder {
        private double eps = 0.1;
        private double gamma = 0.875;
        private double diffusion = 1;
        private double coupling = 1;
        private double latticeConstant = 1;
        private double drivenNoiseFactor = 4;
        private double thermalNoiseStrength = 1;
        private double dx = 0.25;
        private double dt = 0.001;
        private double length = 10000;

        private Builder() {
        }

        /**
         * @param v \(\varepsilon\), non-negative and finite
         * @return this builder
         */
        public Builder eps(double v) {
            eps = Checks.nonNegative("eps", v);
            return this;
        }

        /**
         * @param v \(\gamma \in [0, 1)\) (at 1 the driven noise and the domain-wall exponent
         *     of Eq. 18 vanish)
         * @return this builder
         */
        public Builder gamma(double v) {
            if (!(v >= 0 && v < 1)) {
                throw new IllegalArgumentException("gamma must be in [0, 1): " + v);
            }
            gamma = v;
            return this;
        }

        /**
         * @param v diffusion constant \(D\), non-negative and finite (0: uncoupled cells, whose
         *     domain walls are steps, {@link ToyModel#wallProfile})
         * @return this builder
         */
        public Builder diffusion(double v) {
            diffusion = Checks.nonNegative("diffusion", v);
            return this;
        }

        /**
         * @param v exchange \(J\), positive and finite
         * @return this builder
         */
        public Builder coupling(double v) {
            coupling = Checks.positive("coupling", v);
            return this;
        }

        /**
         * @param v lattice constant \(a\), positive and finite
         * @return this builder
         */
        public Builder latticeConstant(double v) {
            latticeConstant = Checks.positive("latticeConstant", v);
            return this;
        }

        /**
         * @param v \(\nu\) in \(\langle\xi\xi\rangle = \nu aJ\varepsilon(1-\gamma)\); 0 turns
         *     \(\xi\) off
         * @return this builder
         */
        public Builder drivenNoiseFactor(double v) {
            drivenNoiseFactor = Checks.nonNegative("drivenNoiseFactor", v);
            return this;
        }

        /**
         * @param v \(2D\chi T\); 0 turns the conserved noise off
         * @return this builder
         */
        public Builder thermalNoiseStrength(double v) {
            thermalNoiseStrength = Checks.nonNegative("thermalNoiseStrength", v);
            return this;
        }

        /**
         * @param v grid spacing, positive and finite
         * @return this builder
         */
        public Builder dx(double v) {
            dx = Checks.positive("dx", v);
            return this;
        }

        /**
         * @param v time step, positive and finite
         * @return this builder
         */
        public Builder dt(double v) {
            dt = Checks.positive("dt", v);
            return this;
        }

        /**
         * @param v system length \(L\) (units of \(a\)), an integer multiple of dx
         * @return this builder
         */
        public Builder length(double v) {
            length = Checks.positive("length", v);
            return this;
        }

        /**
         * Builds the model; also checks the stability of the explicit Heun step. Heun is stable
         * for a linear mode of rate \(-\lambda\) if \(\lambda\,dt \le 2\); the stiffest mode,
         * the checkerboard, has \(\lambda = 4D/dx^2 + |f'(m)|\), where inside a domain
         * \(f' &lt; 0\) adds to the diffusion. With \(|f'| \le \varepsilon J(1 + 0.4375\gamma)\)
         * for \(|m| \le 1.5\) (noise excursions included) and a 5 % margin the step must satisfy
         * \(dt\,(4D/dx^2 + \varepsilon J(1 + 0.4375\gamma)) \le 1.9\). (At \(D\,dt/dx^2 = 1/2\),
         * the diffusion limit alone, runs at the paper's parameters blew up within t = 5-70.)
         *
         * @return the immutable model
         * @throws IllegalArgumentException if length is not a multiple of dx or the step is
         *     unstable
         */
        public ToyModel build() {
            double rate = 4 * diffusion / (dx * dx) + eps * coupling * (1 + 0.4375 * gamma);
            if (dt * rate > STABLE_RATE_STEP) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "dt must satisfy dt (4 D / dx^2 + eps J (1 + 0.4375 gamma)) <= %s for the "
                        + "explicit Heun step: dt %s gives %s; use dt <= %s", STABLE_RATE_STEP,
                    dt, dt * rate, STABLE_RATE_STEP / rate));
            }
            return new ToyModel(this);
        }
    }
}
