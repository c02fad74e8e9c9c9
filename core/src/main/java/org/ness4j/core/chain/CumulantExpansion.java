package org.ness4j.core.chain;

import java.util.Objects;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.sampling.StepNormalizer;
import org.hipparchus.ode.sampling.StepNormalizerBounds;
import org.hipparchus.ode.sampling.StepNormalizerMode;
import org.ness4j.core.Checks;

/**
 * Second-order quantum cumulant expansion (Gaussian closure) of the Bose-Hubbard chain, paper
 * 000 SI Eq. (34) and (37); Kubo, J. Phys. Soc. Jpn. 17, 1100 (1962).
 *
 * <p>Variables: the fields \( \alpha_\ell = \langle a_\ell\rangle \) and the centred second
 * moments \( N_{k\ell} = \langle \delta a_k^\dagger \delta a_\ell\rangle \),
 * \( M_{k\ell} = \langle \delta a_k \delta a_\ell\rangle \) with \( \delta a = a - \alpha \)
 * (equivalent to \( \langle a_k^\dagger a_\ell\rangle \), \( \langle a_k a_\ell\rangle \)).
 * Third- and fourth-order cumulants are set to zero, i.e. normally ordered moments of
 * \( \delta a \) obey Wick's theorem. With the linear drift
 * \( A_{\ell m} = (i\Delta - \kappa_\ell/2)\delta_{\ell m} + iJ\delta_{|\ell-m|,1} \), the photon
 * number \( n_\ell = |\alpha_\ell|^2 + N_{\ell\ell} \) and
 * \( S_\ell = \langle a_\ell^2\rangle = \alpha_\ell^2 + M_{\ell\ell} \), the closed equations are
 * (derived in {@code docs/quantum.md}; Eq. 34 is the first line before closure)
 * \[ \dot\alpha_\ell = \sum_m A_{\ell m}\alpha_m
 *      - iU\big(|\alpha_\ell|^2\alpha_\ell + 2N_{\ell\ell}\alpha_\ell + M_{\ell\ell}\alpha_\ell^*\big)
 *      - iF_\ell , \]
 * \[ \dot N_{k\ell} = \sum_m \big(A^*_{km}N_{m\ell} + A_{\ell m}N_{km}\big)
 *      + 2iU(n_k - n_\ell)N_{k\ell} + iU\big(S_k^* M_{k\ell} - S_\ell M_{k\ell}^*\big) , \]
 * \[ \dot M_{k\ell} = \sum_m \big(A_{km}M_{m\ell} + A_{\ell m}M_{km}\big)
 *      - iU\big[S_k N_{k\ell} + S_\ell N_{\ell k} + 2(n_k + n_\ell)M_{k\ell}
 *      + \delta_{k\ell}S_\ell\big] . \]
 * Loss enters only through \( A \) (zero-temperature baths add no noise to normally ordered
 * moments). For U = 0 the hierarchy closes exactly: from the vacuum \( N = M = 0 \) for all
 * times and \( \alpha \) relaxes to {@link BoseHubbardChain#linearSteadyState()}. For any
 * Gaussian state the right-hand sides equal the exact Lindblad time derivatives (tested).
 *
 * <p>Photon-number fluctuation (Eq. 37):
 * \( \delta n_\ell = |\langle a_\ell^2\rangle|^2 + n_\ell^2 - 2|\alpha_\ell|^4 \)
 * \( = 2|\alpha_\ell|^2N_{\ell\ell} + 2\,\mathrm{Re}(\alpha_\ell^{*2}M_{\ell\ell}) + N_{\ell\ell}^2
 * + |M_{\ell\ell}|^2 \).
 *
 * <p>State layout ({@link #dimension()} \( = 2L + 4L^2 \) reals): {@code y[2l], y[2l+1]} =
 * Re, Im \( \alpha_\ell \); then \( N \) row-major as (Re, Im) pairs at
 * {@link #numberIndex(int, int)}; then \( M \) likewise at {@link #pairIndex(int, int)}. Both
 * matrices are stored in full (N Hermitian, M symmetric); the equations preserve these
 * symmetries. Cost of {@link #derivatives}: \( O(L^2) \), no allocation.
 *
 * <p>Integration: Hipparchus' adaptive Dormand-Prince 8(5,3) with absolute and relative
 * tolerances (defaults 1e-9, 1e-9; {@link #withTolerances}). {@link #timeAverage} follows the
 * paper's protocol for Fig. 10 (evolve from the vacuum through a transient, then average
 * \( n_\ell(t) \) and \( \delta n_\ell(t) \) over a window, because in the chaotic regime the
 * closed equations need not reach a fixed point); {@link #steadyState} integrates until the
 * largest time derivative falls below a tolerance and reports whether it did.
 *
 * <p>Thread safety: immutable; {@link #derivatives} and the integration methods may be called
 * concurrently.
 */
public final class CumulantExpansion {

    private final BoseHubbardChain chain;
    private final int length;
    private final double detuning;
    private final double hopping;
    private final double interaction;
    private final double[] drive;
    private final double[] halfLoss;
    private final double absoluteTolerance;
    private final double relativeTolerance;

    private CumulantExpansion(BoseHubbardChain chain, double absTol, double relTol) {
        this.chain = chain;
        this.length = chain.length();
        this.detuning = chain.detuning();
        this.hopping = chain.hopping();
        this.interaction = chain.interaction();
        this.drive = chain.drives();
        this.halfLoss = chain.lossRates();
        for (int l = 0; l < length; l++) {
            halfLoss[l] *= 0.5;
        }
        this.absoluteTolerance = absTol;
        this.relativeTolerance = relTol;
    }

    /**
     * The second-order cumulant equations of a chain.
     *
     * @param chain the model (any drive and loss placement, intrinsic loss included)
     * @return the equations with default tolerances
     */
    public static CumulantExpansion of(BoseHubbardChain chain) {
        return new CumulantExpansion(Objects.requireNonNull(chain, "chain"), 1e-9, 1e-9);
    }

    /**
     * A copy with other integration tolerances.
     *
     * @param absolute absolute tolerance, positive
     * @param relative relative tolerance, positive
     * @return a new instance
     */
    public CumulantExpansion withTolerances(double absolute, double relative) {
        return new CumulantExpansion(chain, Checks.positive("absolute", absolute),
            Checks.positive("relative", relative));
    }

    /** @return the chain */
    public BoseHubbardChain chain() {
        return chain;
    }

    /** @return the number of real variables \( 2L + 4L^2 \) */
    public int dimension() {
        return 2 * length + 4 * length * length;
    }

    /**
     * Index of Re \( \alpha_\ell \) (Im at the next index).
     *
     * @param site zero-based site
     * @return the index
     */
    public int fieldIndex(int site) {
        return 2 * Checks.index("site", site, length);
    }

    /**
     * Index of Re \( N_{k\ell} = \langle\delta a_k^\dagger\delta a_\ell\rangle \) (Im at the next
     * index).
     *
     * @param k first site
     * @param l second site
     * @return the index
     */
    public int numberIndex(int k, int l) {
        return 2 * length + 2 * (Checks.index("k", k, length) * length
            + Checks.index("l", l, length));
    }

    /**
     * Index of Re \( M_{k\ell} = \langle\delta a_k\delta a_\ell\rangle \) (Im at the next index).
     *
     * @param k first site
     * @param l second site
     * @return the index
     */
    public int pairIndex(int k, int l) {
        return 2 * length + 2 * length * length + 2 * (Checks.index("k", k, length) * length
            + Checks.index("l", l, length));
    }

    /** @return the vacuum state (all variables zero), a new array */
    public double[] vacuum() {
        return new double[dimension()];
    }

    /**
     * A coherent product state: \( \alpha_\ell \) given, \( N = M = 0 \).
     *
     * @param field {@code {Re alpha_0, Im alpha_0, ...}}, length 2L, e.g.
     *     {@link BoseHubbardChain#linearSteadyState()} (not modified)
     * @return the state, a new array
     */
    public double[] coherentState(double[] field) {
        Objects.requireNonNull(field, "field");
        if (field.length != 2 * length) {
            throw new IllegalArgumentException("field must have length 2L = " + 2 * length + ": "
                + field.length);
        }
        Checks.allFinite("field", field);
        double[] y = vacuum();
        System.arraycopy(field, 0, y, 0, 2 * length);
        return y;
    }

    /**
     * Evaluates the closed equations (see the class documentation). Allocates nothing.
     *
     * @param y state, length {@link #dimension()} (not modified)
     * @param out time derivative (modified; must not alias {@code y})
     */
    public void derivatives(double[] y, double[] out) {
        final int len = length;
        final double u = interaction;
        final double delta = detuning;
        final double j = hopping;
        final int oN = 2 * len;
        final int oM = oN + 2 * len * len;
        // fields
        for (int l = 0; l < len; l++) {
            double ar = y[2 * l];
            double ai = y[2 * l + 1];
            double nll = y[oN + 2 * (l * len + l)];
            double mr = y[oM + 2 * (l * len + l)];
            double mi = y[oM + 2 * (l * len + l) + 1];
            double abs2 = ar * ar + ai * ai;
            // X = |a|^2 a + 2 N_ll a + M_ll a*
            double xr = (abs2 + 2 * nll) * ar + mr * ar + mi * ai;
            double xi = (abs2 + 2 * nll) * ai + mi * ar - mr * ai;
            double nr = addNeighbours(0, y, 2 * l, l, len, 2);
            double ni = addNeighbours(0, y, 2 * l + 1, l, len, 2);
            // (i Delta - k/2) a + i J nb - i U X - i F
            out[2 * l] = -delta * ai - halfLoss[l] * ar - j * ni + u * xi;
            out[2 * l + 1] = delta * ar - halfLoss[l] * ai + j * nr - u * xr - drive[l];
        }
        for (int k = 0; k < len; k++) {
            int kk = k * len + k;
            double akr = y[2 * k];
            double aki = y[2 * k + 1];
            double nk = akr * akr + aki * aki + y[oN + 2 * kk];
            // S_k = a_k^2 + M_kk
            double skr = akr * akr - aki * aki + y[oM + 2 * kk];
            double ski = 2 * akr * aki + y[oM + 2 * kk + 1];
            for (int l = 0; l < len; l++) {
                int ll = l * len + l;
                double alr = y[2 * l];
                double ali = y[2 * l + 1];
                double nl = alr * alr + ali * ali + y[oN + 2 * ll];
                double slr = alr * alr - ali * ali + y[oM + 2 * ll];
                double sli = 2 * alr * ali + y[oM + 2 * ll + 1];
                int p = 2 * (k * len + l);
                double nklr = y[oN + p];
                double nkli = y[oN + p + 1];
                double mklr = y[oM + p];
                double mkli = y[oM + p + 1];
                double decay = halfLoss[k] + halfLoss[l];
                // ---- N: hopping -iJ (N_{k-1,l} + N_{k+1,l}) + iJ (N_{k,l-1} + N_{k,l+1})
                double hr = addNeighbours(0, y, oN + p, k, len, 2 * len);
                double hi = addNeighbours(0, y, oN + p + 1, k, len, 2 * len);
                double gr = addNeighbours(0, y, oN + p, l, len, 2);
                double gi = addNeighbours(0, y, oN + p + 1, l, len, 2);
                // -iJ h + iJ g = iJ (g - h): re = -J (gi - hi), im = J (gr - hr)
                double dnr = -decay * nklr - j * (gi - hi);
                double dni = -decay * nkli + j * (gr - hr);
                // 2iU (n_k - n_l) N_kl
                double w = 2 * u * (nk - nl);
                dnr += -w * nkli;
                dni += w * nklr;
                // iU (S_k^* M_kl - S_l M_kl^*)
                double cr = (skr * mklr + ski * mkli) - (slr * mklr + sli * mkli);
                double ci = (skr * mkli - ski * mklr) - (sli * mklr - slr * mkli);
                dnr += -u * ci;
                dni += u * cr;
                out[oN + p] = dnr;
                out[oN + p + 1] = dni;
                // ---- M: linear (2 i Delta - decay) M_kl + iJ (M_{k-1,l} + M_{k+1,l} + M_{k,l-1}
                //      + M_{k,l+1})
                double sr = addNeighbours(addNeighbours(0, y, oM + p, k, len, 2 * len),
                    y, oM + p, l, len, 2);
                double si = addNeighbours(addNeighbours(0, y, oM + p + 1, k, len, 2 * len),
                    y, oM + p + 1, l, len, 2);
                double dmr = -2 * delta * mkli - decay * mklr - j * si;
                double dmi = 2 * delta * mklr - decay * mkli + j * sr;
                // -iU [S_k N_kl + S_l N_lk + 2 (n_k + n_l) M_kl + delta_kl S_l], N_lk = N_kl^*
                double br = skr * nklr - ski * nkli + slr * nklr + sli * nkli
                    + 2 * (nk + nl) * mklr;
                double bi = skr * nkli + ski * nklr + sli * nklr - slr * nkli
                    + 2 * (nk + nl) * mkli;
                if (k == l) {
                    br += slr;
                    bi += sli;
                }
                dmr += u * bi;
                dmi += -u * br;
                out[oM + p] = dmr;
                out[oM + p + 1] = dmi;
            }
        }
    }

    /**
     * Photon number \( n_\ell = |\alpha_\ell|^2 + N_{\ell\ell} \).
     *
     * @param y state (not modified)
     * @param site zero-based site
     * @return \( n_\ell \)
     */
    public double photonNumber(double[] y, int site) {
        int f = fieldIndex(site);
        return y[f] * y[f] + y[f + 1] * y[f + 1] + y[numberIndex(site, site)];
    }

    /**
     * Photon-number fluctuation of Eq. (37),
     * \( \delta n_\ell = |\langle a_\ell^2\rangle|^2 + n_\ell^2 - 2|\alpha_\ell|^4 \).
     *
     * @param y state (not modified)
     * @param site zero-based site
     * @return \( \delta n_\ell \)
     */
    public double numberFluctuation(double[] y, int site) {
        int f = fieldIndex(site);
        double ar = y[f];
        double ai = y[f + 1];
        double abs2 = ar * ar + ai * ai;
        int m = pairIndex(site, site);
        double sr = ar * ar - ai * ai + y[m];
        double si = 2 * ar * ai + y[m + 1];
        double n = abs2 + y[numberIndex(site, site)];
        return sr * sr + si * si + n * n - 2 * abs2 * abs2;
    }

    /**
     * The equations as a Hipparchus ODE (each call to {@code computeDerivatives} allocates its
     * result array, as the interface requires).
     *
     * @return the adapter
     */
    public OrdinaryDifferentialEquation asOde() {
        return new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return dimension();
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double[] out = new double[y.length];
                derivatives(y, out);
                return out;
            }
        };
    }

    /**
     * Integrates from {@code y0} at time 0 to {@code time}.
     *
     * @param y0 initial state, length {@link #dimension()} (not modified)
     * @param time end time, positive
     * @return the state at {@code time}, a new array
     * @throws IllegalStateException if the integrator fails (step size underflow)
     */
    public double[] evolve(double[] y0, double time) {
        requireState(y0);
        Checks.positive("time", time);
        return integrate(y0, 0, time, null).getPrimaryState();
    }

    /**
     * The protocol of Fig. 10: evolve from {@code y0} through {@code transient}, then average
     * \( n_\ell(t) \) and \( \delta n_\ell(t) \) (Eq. 37) over the window
     * \( [t_0, t_0 + W] \), \( t_0 = \) {@code transient}, \( W = \) {@code window}: the time
     * average \( W^{-1}\int_{t_0}^{t_0+W} f(t)\,dt \) by the trapezoid rule on the samples
     * \( t_0 + k h \), \( h = \) {@code sampleInterval}, \( k = 0, 1, \ldots \), and the
     * window end (a shorter last interval when W is not a multiple of h). The error is
     * \( O(h^2 f'') \), and none for a periodic solution sampled over whole periods with a
     * period that h divides. (Earlier builds averaged samples at absolute multiples of h plus
     * both window ends with equal weights: a bias of order h/W.)
     *
     * @param y0 initial state, e.g. {@link #vacuum()} (not modified)
     * @param transientTime time before the window, non-negative
     * @param window window length, positive
     * @param sampleInterval time between samples, positive, at most {@code window}
     * @return window averages, the half-window difference as a convergence measure and the
     *     final state
     * @throws IllegalStateException if the integrator fails
     */
    public Result timeAverage(double[] y0, double transientTime, double window,
                              double sampleInterval) {
        requireState(y0);
        Checks.nonNegative("transient", transientTime);
        Checks.positive("window", window);
        Checks.positive("sampleInterval", sampleInterval);
        if (sampleInterval > window) {
            throw new IllegalArgumentException("sampleInterval must be at most window = "
                + window + ": " + sampleInterval);
        }
        double[] start = transientTime > 0 ? integrate(y0, 0, transientTime, null).getPrimaryState()
                                       : y0.clone();
        final double mid = transientTime + 0.5 * window;
        // trapezoid integrals of n and delta n over the first and second half of the window
        // (an interval counts to the half that holds its midpoint), and the halves' durations
        final double[][] integrals = new double[4][length];
        final double[] durations = new double[2];
        final double[] previous = new double[2 * length];
        final double[] current = new double[2 * length];
        final double[] lastTime = {Double.NaN};
        final long[] samples = {0};
        StepNormalizer sampler = new StepNormalizer(sampleInterval, (st, last) -> {
            double t = st.getTime();
            if (t == lastTime[0]) {
                return; // the window end coincides with a grid point
            }
            double[] y = st.getPrimaryState();
            for (int l = 0; l < length; l++) {
                current[l] = photonNumber(y, l);
                current[length + l] = numberFluctuation(y, l);
            }
            if (samples[0] > 0) {
                double dt = t - lastTime[0];
                int half = 0.5 * (t + lastTime[0]) < mid ? 0 : 1;
                durations[half] += dt;
                for (int l = 0; l < length; l++) {
                    integrals[half][l] += 0.5 * dt * (previous[l] + current[l]);
                    integrals[2 + half][l] += 0.5 * dt
                        * (previous[length + l] + current[length + l]);
                }
            }
            System.arraycopy(current, 0, previous, 0, current.length);
            lastTime[0] = t;
            samples[0]++;
        }, StepNormalizerMode.INCREMENT, StepNormalizerBounds.BOTH);
        ODEStateAndDerivative end = integrate(start, transientTime, transientTime + window, sampler);
        double[] n = new double[length];
        double[] dn = new double[length];
        double diff = 0;
        double total = durations[0] + durations[1];
        for (int l = 0; l < length; l++) {
            n[l] = (integrals[0][l] + integrals[1][l]) / total;
            dn[l] = (integrals[2][l] + integrals[3][l]) / total;
            if (durations[0] > 0 && durations[1] > 0) {
                diff = Math.max(diff, Math.abs(integrals[0][l] / durations[0]
                    - integrals[1][l] / durations[1]));
                diff = Math.max(diff, Math.abs(integrals[2][l] / durations[0]
                    - integrals[3][l] / durations[1]));
            }
        }
        double[] y = end.getPrimaryState();
        return new Result(n, dn, y, end.getTime(), residual(y), diff, samples[0]);
    }

    /**
     * Integrates in chunks of 10 time units (or {@code maxTime} if shorter), checking after
     * each, until the largest time derivative is at most {@code tolerance * max(1, max|y|)} or
     * {@code maxTime} is reached.
     *
     * @param y0 initial state (not modified)
     * @param maxTime largest time, positive
     * @param tolerance residual tolerance, positive
     * @return the final state's observables (not averaged); {@link Result#converged(double)}
     *     tells whether the residual criterion was met
     * @throws IllegalStateException if the integrator fails
     */
    public Result steadyState(double[] y0, double maxTime, double tolerance) {
        requireState(y0);
        Checks.positive("maxTime", maxTime);
        Checks.positive("tolerance", tolerance);
        double chunk = Math.min(10.0, maxTime);
        double t = 0;
        double[] y = y0.clone();
        double res = residual(y);
        while (t < maxTime) {
            double next = Math.min(maxTime, t + chunk);
            y = integrate(y, t, next, null).getPrimaryState();
            t = next;
            res = residual(y);
            if (res <= tolerance * Math.max(1.0, maxAbs(y))) {
                break;
            }
        }
        double[] n = new double[length];
        double[] dn = new double[length];
        for (int l = 0; l < length; l++) {
            n[l] = photonNumber(y, l);
            dn[l] = numberFluctuation(y, l);
        }
        return new Result(n, dn, y, t, res, 0.0, 1);
    }

    private ODEStateAndDerivative integrate(double[] y0, double t0, double t1,
                                            StepNormalizer handler) {
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-12,
            Math.max(1.0, t1 - t0), absoluteTolerance, relativeTolerance);
        if (handler != null) {
            integrator.addStepHandler(handler);
        }
        try {
            return integrator.integrate(asOde(), new ODEState(t0, y0.clone()), t1);
        } catch (MathIllegalStateException e) {
            throw new IllegalStateException("cumulant integration failed between t = " + t0
                + " and " + t1 + ": " + e.getMessage(), e);
        }
    }

    /**
     * Largest absolute time derivative at a state (0 at a fixed point).
     *
     * @param y state (not modified)
     * @return \( \max_i |\dot y_i| \)
     */
    public double residual(double[] y) {
        requireState(y);
        double[] d = new double[y.length];
        derivatives(y, d);
        return maxAbs(d);
    }

    /**
     * Adds to {@code acc}, in this order, the entries of {@code y} one {@code stride} before and
     * after index {@code at}, each only if the neighbouring site {@code pos - 1} resp.
     * {@code pos + 1} lies in {@code [0, len)} (open chain ends).
     */
    private static double addNeighbours(double acc, double[] y, int at, int pos, int len,
                                        int stride) {
        if (pos > 0) {
            acc += y[at - stride];
        }
        if (pos + 1 < len) {
            acc += y[at + stride];
        }
        return acc;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private void requireState(double[] y) {
        Objects.requireNonNull(y, "y");
        if (y.length != dimension()) {
            throw new IllegalArgumentException("state must have length " + dimension() + ": "
                + y.length);
        }
        Checks.allFinite("state", y);
    }

    /**
     * Observables of a cumulant run: per-site photon numbers and fluctuations (window averages
     * for {@link #timeAverage}, final values for {@link #steadyState}), the final state and
     * convergence diagnostics.
     *
     * <p>Thread safety: immutable.
     */
    public static final class Result {
        private final double[] n;
        private final double[] dn;
        private final double[] state;
        private final double time;
        private final double residual;
        private final double halfWindowDifference;
        private final long samples;

        private Result(double[] n, double[] dn, double[] state, double time, double residual,
                       double halfWindowDifference, long samples) {
            this.n = n;
            this.dn = dn;
            this.state = state;
            this.time = time;
            this.residual = residual;
            this.halfWindowDifference = halfWindowDifference;
            this.samples = samples;
        }

        /**
         * @param site zero-based site
         * @return \( n_\ell \)
         */
        public double photonNumber(int site) {
            return n[Checks.index("site", site, n.length)];
        }

        /**
         * @param site zero-based site
         * @return \( \delta n_\ell \) (Eq. 37)
         */
        public double numberFluctuation(int site) {
            return dn[Checks.index("site", site, dn.length)];
        }

        /** @return the final state, a new array */
        public double[] finalState() {
            return state.clone();
        }

        /** @return the final time */
        public double time() {
            return time;
        }

        /** @return \( \max_i|\dot y_i| \) at the final state (0 at a fixed point) */
        public double residual() {
            return residual;
        }

        /**
         * Largest difference, over sites and the two observables, between the averages over the
         * first and second half of the window (0 for {@link #steadyState}): small when the
         * window average has converged, of the order of the oscillation amplitude in a limit
         * cycle that the window does not resolve.
         *
         * @return the difference
         */
        public double halfWindowDifference() {
            return halfWindowDifference;
        }

        /** @return the number of samples averaged (1 for {@link #steadyState}) */
        public long samples() {
            return samples;
        }

        /**
         * Whether the final state is a fixed point to the given tolerance.
         *
         * @param tolerance on \( \max_i|\dot y_i| / \max(1, \max_i|y_i|) \)
         * @return true if converged
         */
        public boolean converged(double tolerance) {
            double scale = 1;
            for (double v : state) {
                scale = Math.max(scale, Math.abs(v));
            }
            return residual <= tolerance * scale;
        }
    }
}
