package org.ness4j.examples;

import java.util.List;
import org.ness4j.sde.EulerMaruyama;
import org.ness4j.sde.Heun;
import org.ness4j.sde.Calculus;
import org.ness4j.sde.RkMilCommute;
import org.ness4j.sde.RkMilstein;
import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.chain.SplitStep;
import org.ness4j.sde.srk.Sra;
import org.ness4j.sde.srk.Sri;

/**
 * Integrators selectable by name on the examples' command lines and in the benchmarks.
 */
public final class Integrators {

    /** Names accepted by {@link #byName}. */
    public static final List<String> NAMES = List.of("heun", "euler", "splitstep", "sra1",
        "sra3", "sosra", "sriw1", "sosri", "rkmil", "rkmilcommute", "rkmilcommutestrat");

    private Integrators() {
    }

    /**
     * The integrator of a name.
     *
     * @param name one of {@link #NAMES}
     * @return the algorithm
     * @throws IllegalArgumentException for an unknown name
     */
    public static SdeAlgorithm byName(String name) {
        switch (name) {
            case "heun":
                return Heun.create();
            case "euler":
                return EulerMaruyama.create();
            case "splitstep":
                return SplitStep.create();
            case "sra1":
                return Sra.sra1();
            case "sra3":
                return Sra.sra3();
            case "sosra":
                return Sra.sosra();
            case "sriw1":
                return Sri.sriw1();
            case "sosri":
                return Sri.sosri();
            case "rkmil":
                return RkMilstein.create();
            case "rkmilcommute":
                return RkMilCommute.create();
            case "rkmilcommutestrat":
                return RkMilCommute.create(Calculus.STRATONOVICH);
            default:
                throw new IllegalArgumentException("unknown algorithm " + name + "; choose one of "
                    + NAMES);
        }
    }
}
