package org.ness4j.core.quantum;

import org.hipparchus.complex.Complex;
import org.ness4j.core.Checks;

/**
 * Coherently driven, damped Kerr oscillator (one site of paper 000, Eq. 2, 3):
 * \[ H = -\Delta\, a^\dagger a + \tfrac U2 a^{\dagger 2} a^2 + F(a + a^\dagger),\qquad
 *    L = \sqrt{\kappa}\, a, \]
 * with its exact steady state (Drummond and Walls, J. Phys. A 13, 725 (1980)) used to validate
 * the general Lindblad solver.
 *
 * <p>Derivation (complex-P representation, \( \rho = \oint\oint P(\alpha,\beta)
 * |\alpha\rangle\langle\beta^*| / \langle\beta^*|\alpha\rangle\, d\alpha\, d\beta \)). The
 * operator correspondences \( a\rho \to \alpha P \), \( a^\dagger\rho \to (\beta - \partial_\alpha)P \),
 * \( \rho a^\dagger \to \beta P \), \( \rho a \to (\alpha - \partial_\beta) P \) turn the master
 * equation into a Fokker-Planck equation with drift
 * \( A_\alpha = -iF + (i\Delta - \kappa/2)\alpha - iU\alpha^2\beta \) (and \( A_\beta \) with
 * \( i \to -i \), \( \alpha \leftrightarrow \beta \)) and diffusion \( D_{\alpha\alpha} = -iU\alpha^2 \),
 * \( D_{\beta\beta} = iU\beta^2 \). The potential solution is
 * \[ P \propto \alpha^{c-2}\beta^{c^*-2} \exp\!\big(z/\alpha + z/\beta + 2\alpha\beta\big),\qquad
 *    c = -\frac{2\Delta + i\kappa}{U},\quad z = -\frac{2F}{U}. \]
 * Expanding \( e^{2\alpha\beta} \) and using the Hankel integral
 * \( \oint \alpha^m e^{z/\alpha} d\alpha \propto z^{m+1}/\Gamma(m+2) \) gives the normally ordered
 * moments
 * \[ \langle a^{\dagger j} a^k\rangle = \frac{z^{j+k}}{(c)_k\,(c^*)_j}\,
 *    \frac{{}_0F_2(c+k, c^*+j; x)}{{}_0F_2(c, c^*; x)},\qquad x = 2z^2 = 8F^2/U^2 . \]
 * Writing \( {}_0F_2 \) as a series, all three needed moments are weighted sums over the
 * positive weights \( w_m = x^m/(m!\,\prod_{q &lt; m}|c+q|^2) \):
 * \( \langle a\rangle = z\sum_m w_m/(c+m) / \sum_m w_m \),
 * \( n = z^2\sum_m w_m/|c+m|^2 / \sum_m w_m \),
 * \( \langle a^{\dagger2}a^2\rangle = z^4\sum_m w_m/(|c+m|^2|c+m+1|^2) / \sum_m w_m \).
 * The series is summed with rescaling (no overflow) until the rest of it is provably below
 * \( 10^{-18} \) of the sum: the term ratio \( x/((m+1)|c+m|^2) \) can fall below 1 and
 * rise above it again (for \( \Delta/U &gt; 0 \) the weights have a second, high-amplitude peak
 * near \( m \approx 2\Delta/U \)), but beyond \( m \ge \max(0, 2\Delta/U) \) its
 * denominator only grows, so once the ratio r is below 1 there the rest is at most
 * \( w_{m+1}/(1-r) \). Check: for \( U \to 0 \),
 * \( \langle a\rangle \to z/c = F/(\Delta + i\kappa/2) \), the coherent state solving
 * \( 0 = -iF + (i\Delta - \kappa/2)\alpha \). Requires \( \kappa > 0 \) and \( U \ne 0 \); the
 * drive \( F \) is real (a complex drive only rotates \( \langle a\rangle \)).
 *
 * <p>Thread safety: immutable, safe for concurrent use.
 */
public final class DrivenKerrOscillator {

    private final double detuning;
    private final double kerr;
    private final double drive;
    private final double loss;
    private final Complex field;
    private final double meanPhotonNumber;
    private final double secondFactorialMoment;

    private DrivenKerrOscillator(double detuning, double kerr, double drive, double loss) {
        this.detuning = detuning;
        this.kerr = kerr;
        this.drive = drive;
        this.loss = loss;
        double cRe = -2 * detuning / kerr;
        double cIm = -loss / kerr;
        double z = -2 * drive / kerr;
        double x = 2 * z * z;
        double w = 1;
        double s0 = 0;
        double saRe = 0;
        double saIm = 0;
        double sn = 0;
        double s2 = 0;
        // from here on (m + 1)|c + m|^2 grows with m, so the term ratio only falls
        final double monotone = Math.max(0, -cRe);
        for (int m = 0; ; m++) {
            double qRe = cRe + m;
            double abs2 = qRe * qRe + cIm * cIm;
            double q1Re = qRe + 1;
            double abs2Next = q1Re * q1Re + cIm * cIm;
            s0 += w;
            saRe += w * qRe / abs2;
            saIm += -w * cIm / abs2;
            sn += w / abs2;
            s2 += w / (abs2 * abs2Next);
            double ratio = x / ((m + 1.0) * abs2);
            w *= ratio; // the next term
            if (m >= monotone && ratio < 1 && w < 1e-18 * (1 - ratio) * s0) {
                break; // the rest, w + w r + w r^2 + ..., is below 1e-18 of the sum
            }
            if (w > 1e250) {
                w *= 1e-250;
                s0 *= 1e-250;
                saRe *= 1e-250;
                saIm *= 1e-250;
                sn *= 1e-250;
                s2 *= 1e-250;
            }
            if (m > 10_000_000) {
                throw new IllegalArgumentException("0F2 series did not converge for detuning = "
                    + detuning + ", kerr = " + kerr + ", drive = " + drive + ", loss = " + loss);
            }
        }
        this.field = new Complex(z * saRe / s0, z * saIm / s0);
        this.meanPhotonNumber = z * z * sn / s0;
        this.secondFactorialMoment = z * z * z * z * s2 / s0;
    }

    /**
     * Creates the oscillator.
     *
     * @param detuning \( \Delta \) (drive minus resonator frequency), finite
     * @param kerr \( U \ne 0 \), finite
     * @param drive \( F \), real, finite
     * @param loss \( \kappa > 0 \), finite
     * @return the oscillator with its exact steady-state moments
     */
    public static DrivenKerrOscillator of(double detuning, double kerr, double drive,
                                          double loss) {
        Checks.finite("detuning", detuning);
        Checks.finite("kerr", kerr);
        if (kerr == 0) {
            throw new IllegalArgumentException("kerr must be non-zero (for U = 0 the steady state "
                + "is the coherent state F/(detuning + i loss/2)): " + kerr);
        }
        Checks.finite("drive", drive);
        Checks.positive("loss", loss);
        return new DrivenKerrOscillator(detuning, kerr, drive, loss);
    }

    /** @return \( \Delta \) */
    public double detuning() {
        return detuning;
    }

    /** @return \( U \) */
    public double kerr() {
        return kerr;
    }

    /** @return \( F \) */
    public double drive() {
        return drive;
    }

    /** @return \( \kappa \) */
    public double loss() {
        return loss;
    }

    /** @return exact \( \langle a\rangle \) */
    public Complex exactField() {
        return field;
    }

    /** @return exact \( n = \langle a^\dagger a\rangle \) */
    public double exactMeanPhotonNumber() {
        return meanPhotonNumber;
    }

    /** @return exact \( \langle a^{\dagger 2} a^2\rangle \) */
    public double exactSecondFactorialMoment() {
        return secondFactorialMoment;
    }

    /** @return exact \( g^{(2)} = \langle a^{\dagger 2}a^2\rangle/n^2 \) */
    public double exactG2() {
        return secondFactorialMoment / (meanPhotonNumber * meanPhotonNumber);
    }

    /** @return exact \( \delta n = \langle a^{\dagger 2}a^2\rangle - n^2 \) (Eq. 5) */
    public double exactDeltaN() {
        return secondFactorialMoment - meanPhotonNumber * meanPhotonNumber;
    }

    /**
     * The Lindbladian on a truncated Fock space, for the direct solver.
     *
     * @param cutoff largest photon number, at least 1
     * @return \( \mathcal{L} \) with the Hamiltonian and jump above
     */
    public Lindbladian lindbladian(int cutoff) {
        FockSpace space = FockSpace.of(cutoff);
        SparseOperator a = space.annihilation(0);
        SparseOperator ad = space.creation(0);
        double[] e = new double[cutoff + 1];
        for (int n = 0; n <= cutoff; n++) {
            e[n] = -detuning * n + 0.5 * kerr * n * (n - 1.0);
        }
        SparseOperator h = SparseOperator.diagonal(e).plus(a.plus(ad).scale(drive));
        return Lindbladian.builder().hamiltonian(h).jump(loss, a).build();
    }
}
