package org.ness4j.core.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.complex.Complex;
import org.junit.jupiter.api.Test;
import org.ness4j.core.chain.BoseHubbardChain;

/** The chain as Fock-space operators agrees with the chain's own equations of motion. */
class ChainOperatorsTest {

    /**
     * U = 0: the exact steady state is the product of coherent states solving the linear drift
     * (BoseHubbardChain.linearSteadyState), so <a_l> and n_l must match it up to the truncation
     * error, which must shrink quickly with the cutoff (coherent-state weight beyond N ~
     * n^N/N!, n ~ 0.03 here). This fixes the sign conventions of drive and hopping.
     */
    @Test
    void linearChainSteadyStateIsTheCoherentSolution() {
        BoseHubbardChain chain = BoseHubbardChain.builder(2).interaction(0.0).boundaryDrive(0.3)
            .build();
        double[] alpha = chain.linearSteadyState();
        double previous = Double.POSITIVE_INFINITY;
        for (int cutoff = 2; cutoff <= 4; cutoff++) {
            FockSpace s = ChainOperators.uniformSpace(chain, cutoff);
            DensityMatrix rho = SteadyStates.direct(ChainOperators.lindbladian(chain, s));
            double error = 0;
            for (int l = 0; l < 2; l++) {
                Complex a = rho.expectation(s.annihilation(l));
                double n = rho.expectation(s.number(l)).getReal();
                double exactN = alpha[2 * l] * alpha[2 * l] + alpha[2 * l + 1] * alpha[2 * l + 1];
                assertTrue(exactN > 0.01, "the test needs a non-trivial field: n = " + exactN);
                error = Math.max(error, Math.abs(alpha[2 * l] - a.getReal()));
                error = Math.max(error, Math.abs(alpha[2 * l + 1] - a.getImaginary()));
                error = Math.max(error, Math.abs(exactN - n));
            }
            assertTrue(error < previous / 5, "cutoff " + cutoff + ": error " + error
                + " did not drop fast enough from " + previous);
            previous = error;
        }
        assertTrue(previous < 1e-5, "cutoff 4 error " + previous);
    }

    /** A one-site chain is the driven Kerr oscillator (loss 2 gamma: both ends are site 0). */
    @Test
    void singleSiteIsTheKerrOscillator() {
        BoseHubbardChain chain = BoseHubbardChain.builder(1).detuning(1.0).interaction(0.5)
            .boundaryDrive(1.5).boundaryLoss(0.5).build();
        Lindbladian a = ChainOperators.lindbladian(chain, 10);
        Lindbladian b = DrivenKerrOscillator.of(1.0, 0.5, 1.5, 1.0).lindbladian(10);
        int d = a.dimension();
        assertEquals(b.dimension(), d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                assertEquals(b.effectiveHamiltonian().re(i, j), a.effectiveHamiltonian().re(i, j),
                    1e-13, i + "," + j);
                assertEquals(b.effectiveHamiltonian().im(i, j), a.effectiveHamiltonian().im(i, j),
                    1e-13, i + "," + j);
            }
        }
    }

    /** Hermitian H; one jump per lossy site; uniform loss gives one jump per site. */
    @Test
    void structure() {
        BoseHubbardChain chain = BoseHubbardChain.builder(3).boundaryDrive(2.0).build();
        Lindbladian l = ChainOperators.lindbladian(chain, 3);
        assertTrue(l.hamiltonian().isHermitian(1e-13));
        assertEquals(2, l.jumps().size());
        BoseHubbardChain uniform = chain.toBuilder().uniformLoss(0.5).build();
        assertEquals(3, ChainOperators.lindbladian(uniform, 2).jumps().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ChainOperators.lindbladian(chain, FockSpace.of(3, 3)));
        assertEquals("space.modes must equal chain.length = 3: 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> ChainOperators.lindbladian(chain, 0));
        assertEquals("cutoff must be at least 1: 0", e.getMessage());
    }
}
