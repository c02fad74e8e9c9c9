package org.ness4j.examples;

import java.util.List;
import java.util.function.Supplier;
import org.ness4j.examples.fitting.Fig16Autocorrelation;
import org.ness4j.examples.fitting.ThermometryFigures;
import org.ness4j.examples.hydro.HydroBenchmark;
import org.ness4j.examples.hydro.HydroForceField;
import org.ness4j.examples.hydro.HydroSpaceTime;
import org.ness4j.examples.hydro.HydroTwoComponent;
import org.ness4j.examples.hydro.HydroWallDensity;
import org.ness4j.examples.hydro.HydroWallProfiles;
import org.ness4j.examples.quantum.DimerSteadyState;
import org.ness4j.examples.quantum.Fig10Cumulants;
import org.ness4j.examples.quantum.Fig9QuantumTrajectories;
import org.ness4j.examples.quantum.LocalModels;
import org.ness4j.examples.support.Cli;

/**
 * The {@code ness4j} launcher: one subcommand per example, named in kebab case
 * ({@code ness4j fig2-cut --F 2,6,12}, also under the class name, {@code ness4j Fig2Cut}), with
 * the same options as the example's own main class. {@code ness4j --help} lists the examples;
 * {@code ness4j <example> --help} their options. The main class of the examples' jar
 * ({@code java -jar examples/target/ness4j-examples-<version>.jar ...}; the {@code ness4j}
 * script in the project root runs it).
 */
public final class Ness4j {

    /** Every example with a command line, in the order {@code --help} lists them. */
    static final List<Supplier<Cli>> EXAMPLES = List.of(
        Fig2Cut::command, Fig2Map::command, Fig3Profiles::command, Fig7Rnw::command,
        Fig7Tss::command, Fig8Otoc::command, RnwProfiles::command, WorkPrecision::command,
        SdeConvergence::command, IsolatedChainDrift::command, ChainBenchmark::command,
        ThermometryFigures::command, Fig16Autocorrelation::command, LocalModels::command,
        Fig9QuantumTrajectories::command, DimerSteadyState::command, Fig10Cumulants::command,
        HydroForceField::command, HydroWallProfiles::command, HydroSpaceTime::command,
        HydroWallDensity::command, HydroTwoComponent::command, HydroBenchmark::command);

    private Ness4j() {
    }

    /**
     * Runs the example named by the first argument; exits with 2 for bad input, 1 for a
     * failure.
     *
     * @param args the example's name, then its options
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the example named by the first argument without exiting the JVM.
     *
     * @param args the example's name, then its options
     * @param out standard output
     * @param err standard error
     * @return the exit code (0, 1 failure, 2 bad input)
     */
    static int run(String[] args, java.io.PrintStream out, java.io.PrintStream err) {
        return Cli.launch("ness4j", EXAMPLES.stream().map(Supplier::get).toList(), args, out,
            err);
    }
}
