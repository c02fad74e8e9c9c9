package org.ness4j.examples;

import java.util.List;
import org.ness4j.sde.EulerMaruyama;
import org.ness4j.sde.Heun;
import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.chain.SplitStep;

/**
 * Integrators selectable by name on the examples' command lines.
 */
final class Integrators {

    /** Names accepted by {@link #byName}. */
    static final List<String> NAMES = List.of("heun", "euler", "splitstep");

    private Integrators() {
    }

    static SdeAlgorithm byName(String name) {
        switch (name) {
            case "heun":
                return Heun.create();
            case "euler":
                return EulerMaruyama.create();
            case "splitstep":
                return SplitStep.create();
            default:
                throw new IllegalArgumentException("unknown algorithm " + name + "; choose one of "
                    + NAMES);
        }
    }
}
