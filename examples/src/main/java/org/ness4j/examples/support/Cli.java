package org.ness4j.examples.support;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.ness4j.core.Version;
import org.ness4j.core.table.Table;
import org.ness4j.core.table.hdf5.TableHdf5;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The command line of one example, on picocli: its own typed options (declared with
 * {@link #real}, {@link #integer}, {@link #reals}, {@link #text}, {@link #flag}) plus the shared
 * ones from mixins ({@link CommonOptions} always; {@link #output(String)}, {@link #seed(long)},
 * {@link #threads()} (with {@code --spark}), {@link #progress()}, {@link #errorBudget()} where
 * the example uses them),
 * and the example's body. Declaring, then {@link #main(String[])} or {@link #execute}:
 *
 * <ul>
 *   <li>{@code --help} and {@code --version} print and exit 0;</li>
 *   <li>bad input (an unknown option, a value of the wrong type, an
 *       {@link IllegalArgumentException} from the body, a run above the size limit) prints one
 *       line {@code error: ...} on standard error and exits with code 2; other failures exit
 *       with 1; the stack trace only with {@code --debug};</li>
 *   <li>the output directory is created and checked writable before the body runs, and
 *       {@code --format h5} is checked to have its library;</li>
 *   <li>{@code --preset paper} sets the values the example declared with
 *       {@link #preset(String, Map)} on every option not given explicitly (explicit options
 *       always win; one line lists the values applied); {@code --preset quick}, the default,
 *       keeps the declared defaults (today's reduced sizes). An unknown preset, or
 *       {@code paper} for an example without one, is bad input;</li>
 *   <li>then the cost estimate declared with {@link #cost(java.util.function.Function)} is
 *       printed, and runs above {@code --max-site-steps} are refused unless {@code --force};
 *       with {@code --dry-run} the example stops here with exit code 0 (nothing is created or
 *       written); only then the body runs.</li>
 * </ul>
 *
 * <p>The body reads options by name without dashes: {@link #real(String)},
 * {@link #integer(String)}, {@link #reals(String)}, {@link #string(String)} (the text given, or
 * the default). Lists keep the old syntax: {@code --F 2,6,12} or {@code --F 0:15:0.5}. Tables
 * are written with {@link #write(String, List, double[]...)} or {@link #write(String, Table)}
 * in every {@code --format}, with provenance: seed, library version, the options and the
 * command line (in the JSON sidecar and HDF5 attributes, never in the CSV).
 *
 * <p>One instance per invocation; not thread-safe (the body may call {@link #write} from one
 * thread at a time).
 */
public final class Cli {

    /** The exit code of bad input. */
    public static final int BAD_INPUT = 2;

    /** The exit code of a failure that is not bad input. */
    public static final int FAILURE = 1;

    /** What an example runs once its options are parsed. */
    @FunctionalInterface
    public interface Body {
        /**
         * Runs the example.
         *
         * @param o the parsed command line
         * @throws Exception on failure ({@link IllegalArgumentException}: bad input)
         */
        void run(Cli o) throws Exception;
    }

    private final String name;
    private final Body body;
    private final CommandSpec spec;
    private final CommonOptions common = new CommonOptions();
    private OutputOptions output;
    private RunOptions.Seed seed;
    private RunOptions.Parallel parallel;
    private RunOptions.ProgressMode progress;
    private ErrorBudgetOption.Mixin errorBudget;
    private PrintStream out = System.out;
    private PrintStream err = System.err;
    private List<String> commandLine = List.of();
    private Instant start;
    private TableOutput tables;
    private Function<Cli, Cost> estimator;
    private boolean commonAdded;
    private final Map<String, Map<String, String>> presets = new LinkedHashMap<>();
    private ParseResult parsed;
    private Map<String, String> applied = Map.of();

    /**
     * A command line with the common options only.
     *
     * @param name the example's class name, e.g. {@code Fig2Cut} (the launcher's subcommand
     *     is its kebab-case form, {@code fig2-cut})
     * @param description one sentence for {@code --help}
     * @param body what runs after parsing
     */
    public Cli(String name, String description, Body body) {
        this.name = name;
        this.body = body;
        this.spec = CommandSpec.create().name(name);
        spec.version("ness4j " + Version.current());
        spec.mixinStandardHelpOptions(true);
        spec.usageMessage().description(description).sortOptions(false)
            .abbreviateSynopsis(true);
    }

    /** @return the example's class name */
    public String name() {
        return name;
    }

    /**
     * The launcher's name of the example: {@code Fig2Cut} gives {@code fig2-cut},
     * {@code HydroWallDensity} {@code hydro-wall-density}.
     *
     * @return the kebab-case name
     */
    public String subcommandName() {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ declarations

    private Cli option(String option, Class<?> type, String label, String defaultValue,
                       String description, CommandLine.ITypeConverter<?> converter,
                       String arity) {
        OptionSpec.Builder b = OptionSpec.builder("--" + option).type(type).paramLabel(label)
            .defaultValue(defaultValue)
            .description(description + " (default: ${DEFAULT-VALUE})");
        if (converter != null) {
            b.converters(converter);
        }
        if (arity != null) {
            b.arity(arity);
        }
        spec.addOption(b.build());
        return this;
    }

    /**
     * Declares a number option.
     *
     * @param option name without dashes
     * @param defaultValue default, as text
     * @param description help text with units
     * @return this
     */
    public Cli real(String option, String defaultValue, String description) {
        return option(option, double.class, "<x>", defaultValue, description, null, null);
    }

    /**
     * Declares an integer option.
     *
     * @param option name without dashes
     * @param defaultValue default, as text
     * @param description help text with units
     * @return this
     */
    public Cli integer(String option, String defaultValue, String description) {
        return option(option, long.class, "<n>", defaultValue, description, null, null);
    }

    /**
     * Declares a list of numbers: {@code a,b,c} or a range {@code start:stop:step}
     * ({@link Reals}).
     *
     * @param option name without dashes
     * @param defaultValue default, as text
     * @param description help text with units
     * @return this
     */
    public Cli reals(String option, String defaultValue, String description) {
        return option(option, Reals.class, "<list>", defaultValue, description,
            new Reals.Converter(), null);
    }

    /**
     * Declares a text option (names, lists of names, values with special words such as
     * {@code auto}); the body checks it.
     *
     * @param option name without dashes
     * @param defaultValue default
     * @param description help text
     * @return this
     */
    public Cli text(String option, String defaultValue, String description) {
        return option(option, String.class, "<text>", defaultValue, description, null, null);
    }

    /**
     * Declares a yes/no option taking a value, {@code --uniform true} (as the examples always
     * had it).
     *
     * @param option name without dashes
     * @param defaultValue {@code true} or {@code false}
     * @param description help text
     * @return this
     */
    public Cli flag(String option, String defaultValue, String description) {
        return option(option, boolean.class, "true|false", defaultValue, description,
            v -> {
                if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(v);
                }
                throw new CommandLine.TypeConversionException("must be true or false: " + v);
            }, "1");
    }

    /**
     * Adds {@code --out} (with this default) and {@code --format} ({@link OutputOptions}).
     *
     * @param defaultOut the default output directory
     * @return this
     */
    public Cli output(String defaultOut) {
        output = new OutputOptions(defaultOut);
        spec.addMixin("output", CommandSpec.forAnnotatedObject(output));
        return this;
    }

    /**
     * Adds {@code --seed} ({@link RunOptions.Seed}).
     *
     * @param defaultSeed the example's default master seed
     * @return this
     */
    public Cli seed(long defaultSeed) {
        seed = new RunOptions.Seed(defaultSeed);
        spec.addMixin("seed", CommandSpec.forAnnotatedObject(seed));
        return this;
    }

    /**
     * Adds {@code --threads} ({@link RunOptions.Parallel}).
     *
     * @return this
     */
    public Cli threads() {
        parallel = new RunOptions.Parallel();
        spec.addMixin("parallel", CommandSpec.forAnnotatedObject(parallel));
        return this;
    }

    /**
     * Adds {@code --progress} ({@link RunOptions.ProgressMode}); bars come from
     * {@link #progressBar(String)}.
     *
     * @return this
     */
    public Cli progress() {
        progress = new RunOptions.ProgressMode();
        spec.addMixin("progress", CommandSpec.forAnnotatedObject(progress));
        return this;
    }

    /**
     * Adds {@code --error-budget} ({@link ErrorBudgetOption}).
     *
     * @return this
     */
    public Cli errorBudget() {
        errorBudget = new ErrorBudgetOption.Mixin();
        spec.addMixin("errorBudget", CommandSpec.forAnnotatedObject(errorBudget));
        return this;
    }

    /**
     * Declares a preset: option values (text as on the command line, by name without dashes)
     * that {@code --preset name} sets on every option the user did not give explicitly. The
     * values are parsed as if given, so that typed options ({@link #real(String)},
     * {@link #integer(String)}, {@link #reals(String)}, {@link #bool(String)}), the cost
     * estimate and the provenance ({@link #optionValues()}) all see them. Options the paper
     * does not fix are left out (they keep their defaults).
     *
     * @param preset the preset's name, e.g. {@link CommonOptions#PAPER}; not
     *     {@link CommonOptions#QUICK} (the defaults)
     * @param values option name without dashes to value text; each option must be declared
     *     by the time the example runs
     * @return this
     * @throws IllegalArgumentException for the name {@code quick}, a blank name, a name
     *     declared twice or an empty map
     */
    public Cli preset(String preset, Map<String, String> values) {
        if (preset == null || preset.isBlank() || preset.equals(CommonOptions.QUICK)) {
            throw new IllegalArgumentException("preset must be a name other than "
                + CommonOptions.QUICK + " (the defaults): " + preset);
        }
        if (presets.containsKey(preset)) {
            throw new IllegalArgumentException("preset " + preset + " declared twice");
        }
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("preset " + preset + " needs values: " + values);
        }
        presets.put(preset, Map.copyOf(values));
        return this;
    }

    /**
     * The preset of {@code --preset} ({@code quick} unless given).
     *
     * @return the name
     */
    public String presetName() {
        return common.preset;
    }

    /**
     * The values the preset set (options not given explicitly), in declaration order; empty
     * for {@code quick}.
     *
     * @return option name without dashes to value text
     */
    public Map<String, String> presetValues() {
        return applied;
    }

    /**
     * The values of a declared preset, e.g. for documentation.
     *
     * @param preset the preset's name
     * @return option name without dashes to value text, or {@code null} if not declared
     */
    public Map<String, String> presetDeclared(String preset) {
        return presets.get(preset);
    }

    // ------------------------------------------------------------------ values

    private OptionSpec find(String option) {
        OptionSpec o = spec.findOption("--" + option);
        if (o == null) {
            throw new IllegalStateException(name + " declares no option --" + option);
        }
        return o;
    }

    /**
     * The text of an option: as given on the command line, or its default.
     *
     * @param option name without dashes
     * @return the text
     */
    public String string(String option) {
        OptionSpec o = find(option);
        List<String> given = o.originalStringValues();
        if (!given.isEmpty()) {
            return given.get(given.size() - 1);
        }
        if (o.defaultValue() != null) {
            return o.defaultValue();
        }
        Object v = o.getValue();
        return v instanceof List<?> l ? String.join(",", l.stream()
            .map(x -> x.toString().toLowerCase(Locale.ROOT)).toList()) : String.valueOf(v);
    }

    /**
     * A number option.
     *
     * @param option name without dashes
     * @return the value
     * @throws IllegalArgumentException if the option's text is not a number
     */
    public double real(String option) {
        Object v = find(option).getValue();
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(string(option).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " must be a number: "
                + string(option));
        }
    }

    /**
     * An integer option.
     *
     * @param option name without dashes
     * @return the value
     * @throws IllegalArgumentException if the option's text is not an integer
     */
    public long integer(String option) {
        Object v = find(option).getValue();
        if (v instanceof Long || v instanceof Integer) {
            return ((Number) v).longValue();
        }
        try {
            return Long.parseLong(string(option).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " must be an integer: "
                + string(option));
        }
    }

    /**
     * A list option ({@link Reals}); a single number is a list of one.
     *
     * @param option name without dashes
     * @return the values (a fresh array)
     * @throws IllegalArgumentException if the text is not a list or range
     */
    public double[] reals(String option) {
        Object v = find(option).getValue();
        if (v instanceof Reals r) {
            return r.values().clone();
        }
        try {
            return Reals.parse(string(option)).values();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + option + " " + e.getMessage());
        }
    }

    /**
     * A yes/no option.
     *
     * @param option name without dashes
     * @return the value
     */
    public boolean bool(String option) {
        Object v = find(option).getValue();
        return v instanceof Boolean b ? b : Boolean.parseBoolean(string(option));
    }

    /**
     * The output directory ({@code --out}), already created and checked writable.
     *
     * @return the directory
     * @throws IllegalStateException if the example has no {@code --out}
     */
    public Path out() {
        requireOutput();
        return output.out;
    }

    /**
     * The formats of {@code --format}.
     *
     * @return the formats, in the order given
     */
    public List<TableFormat> formats() {
        requireOutput();
        return output.formats;
    }

    /**
     * The master seed ({@code --seed}).
     *
     * @return the seed
     * @throws IllegalStateException if the example has no {@code --seed}
     */
    public long seedValue() {
        if (seed == null) {
            throw new IllegalStateException(name + " has no --seed");
        }
        return seed.seed;
    }

    /**
     * The number of worker threads ({@code --threads}; 1 without the option).
     *
     * @return at least 1
     */
    public int threadCount() {
        return parallel == null ? 1 : parallel.threads;
    }

    /**
     * The master of {@code --spark} ({@link RunOptions.Parallel}), or {@code null} without the
     * option (local threads); see {@link Execution#spark(Cli)}.
     *
     * @return the master URL as given, or {@code null}
     */
    public String sparkMaster() {
        return parallel == null ? null : parallel.spark;
    }

    /** @return {@code true} if the example has {@code --error-budget} */
    boolean hasErrorBudget() {
        return errorBudget != null;
    }

    /**
     * A console progress bar on standard error in the {@code --progress} mode (without that
     * option: {@code auto}). No system property is set.
     *
     * @param task label in front of the bar
     * @return the bar
     */
    public ConsoleProgress progressBar(String task) {
        String mode = progress == null ? "auto" : progress.progress.name();
        return ConsoleProgress.bar(task, err,
            ConsoleProgress.interactive(mode, ConsoleProgress::standardErrorIsTerminal),
            ConsoleProgress.LOG_INTERVAL);
    }

    /** @return the command line as given, starting with the example's name */
    public List<String> commandLine() {
        return commandLine;
    }

    /**
     * Whether {@code --force} was given.
     *
     * @return the flag
     */
    public boolean force() {
        return common.force;
    }

    /**
     * The values of all options, by name with dashes, for provenance: numbers and yes/no as
     * such, everything else as text.
     *
     * @return the options in declaration order
     */
    public Map<String, Object> optionValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            Object v = o.getValue();
            if (v instanceof Double d && !Double.isFinite(d)) {
                v = String.valueOf(d);
            } else if (!(v instanceof Number || v instanceof Boolean)) {
                v = v == null ? "" : v instanceof List<?> l ? String.join(",", l.stream()
                    .map(x -> x.toString().toLowerCase(Locale.ROOT)).toList()) : v.toString();
            }
            m.put(o.longestName(), v);
        }
        return m;
    }

    /** @return when the body started */
    Instant started() {
        return start;
    }

    /** @return {@code true} if the example has {@code --seed} */
    boolean hasSeed() {
        return seed != null;
    }

    // ------------------------------------------------------------------ cost

    /**
     * Declares the example's cost estimate, computed from the parsed options, printed and
     * checked against {@code --max-site-steps} after parsing and before the body runs.
     * Without it the example prints that it has no estimate and is never refused.
     *
     * @param estimator the estimate from the options
     * @return this
     */
    public Cli cost(Function<Cli, Cost> estimator) {
        this.estimator = estimator;
        return this;
    }

    /**
     * Prints the cost estimate and refuses a run above {@code --max-site-steps} unless
     * {@code --force}.
     *
     * @param cost the estimate
     * @param dryRun only say whether the run would be refused
     * @throws SizeLimitException if the run is too large and not forced (not in a dry run)
     */
    private void checkCost(Cost cost, boolean dryRun) {
        if (!(cost.siteSteps() >= 0) || Double.isInfinite(cost.siteSteps())) {
            out.println("cost: cannot be estimated from these options");
            return;
        }
        out.println("cost: " + cost.describe(threadCount()));
        if (cost.siteSteps() > common.maxSiteSteps) {
            if (dryRun) {
                out.printf(Locale.ROOT, "cost: above --max-site-steps %.3g: a run needs "
                    + "--force%s%n", common.maxSiteSteps, common.force ? " (given)" : "");
                return;
            }
            if (!common.force) {
                throw new SizeLimitException(String.format(Locale.ROOT,
                    "the estimated %.3g site-steps exceed --max-site-steps %.3g; give --force "
                        + "to run anyway, or raise --max-site-steps", cost.siteSteps(),
                    common.maxSiteSteps));
            }
            out.printf(Locale.ROOT, "cost: above --max-site-steps %.3g, running because of "
                + "--force%n", common.maxSiteSteps);
        }
    }

    /** A run above the size limit without {@code --force}: bad input (exit code 2). */
    public static final class SizeLimitException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        SizeLimitException(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------ tables

    /**
     * Writes a table of double columns in every {@code --format} ({@link TableOutput}).
     *
     * @param base file base name ({@code fig2_cut} gives {@code fig2_cut.csv},
     *     {@code fig2_cut.npy}, {@code fig2_cut.h5} and {@code fig2_cut.json})
     * @param header column names
     * @param columns {@code columns[c][r]} (finite)
     * @return the table written
     */
    public Table write(String base, List<String> header, double[]... columns) {
        return tables().write(base, header, columns);
    }

    /**
     * Writes a table in every {@code --format}, with this run's provenance added
     * ({@link TableOutput}).
     *
     * @param base file base name
     * @param table the table
     * @return the table written
     */
    public Table write(String base, Table table) {
        return tables().write(base, table);
    }

    private TableOutput tables() {
        requireOutput();
        if (tables == null) {
            tables = new TableOutput(this);
        }
        return tables;
    }

    private void requireOutput() {
        if (output == null) {
            throw new IllegalStateException(name + " declares no --out");
        }
    }

    // ------------------------------------------------------------------ running

    /**
     * Runs the example as a program: parses, runs, and exits the JVM with the exit code if it
     * is not 0 (a successful run returns normally, so that {@code mvn exec:java} ends as
     * usual).
     *
     * @param args the command-line arguments
     */
    public void main(String[] args) {
        int code = execute(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Parses and runs.
     *
     * @param args the arguments
     * @param stdout where help, version and the cost estimate go
     * @param stderr where errors and progress bars go
     * @return the exit code: 0 success (also after help or version), 2 bad input, 1 failure
     */
    public int execute(String[] args, PrintStream stdout, PrintStream stderr) {
        CommandLine cl = commandLine(stdout, stderr);
        try {
            parsed = cl.parseArgs(args);
        } catch (ParameterException e) {
            return badInput(e, stderr, List.of(args).contains("--debug"));
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            return 0;
        }
        return run(List.of(args), stdout, stderr);
    }

    /**
     * The picocli command line of this example (for the launcher).
     *
     * @param stdout where help goes
     * @param stderr where picocli's own errors would go
     * @return the command line
     */
    CommandLine commandLine(PrintStream stdout, PrintStream stderr) {
        if (!commonAdded) {
            // last, so that --help lists the example's own options first
            spec.addMixin("common", CommandSpec.forAnnotatedObject(common));
            commonAdded = true;
            List<String> footer = new ArrayList<>();
            presets.forEach((preset, values) -> {
                StringBuilder line = new StringBuilder("--preset " + preset + " sets:");
                for (OptionSpec o : spec.options()) {
                    String v = values.get(o.longestName().substring(2));
                    if (v != null) {
                        line.append(' ').append(o.longestName()).append(' ').append(v);
                    }
                }
                footer.add(line.toString());
            });
            if (!footer.isEmpty()) {
                spec.usageMessage().footer(footer.toArray(String[]::new));
            }
        }
        CommandLine cl = new CommandLine(spec);
        cl.setOut(new PrintWriter(stdout, true));
        cl.setErr(new PrintWriter(stderr, true));
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        return cl;
    }

    /**
     * Parses without running (for tests and tools): the options can then be read.
     *
     * @param args the arguments
     * @return this
     * @throws IllegalArgumentException for bad input, with the message {@link #execute} prints
     */
    Cli parse(String... args) {
        try {
            parsed = commandLine(System.out, System.err).parseArgs(args);
        } catch (ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        applyPreset(List.of(args));
        return this;
    }

    /**
     * Applies {@code --preset} after a parse: parses again with the preset's values of the
     * options not given in front of the arguments, so that every typed value, the estimate
     * and the provenance see them.
     *
     * @param args the arguments as given (of this example, without a launcher's subcommand)
     * @throws IllegalArgumentException for an unknown preset or one the example does not
     *     declare
     * @throws IllegalStateException if the example's preset names an undeclared option or
     *     does not parse (a bug of the example)
     */
    private void applyPreset(List<String> args) {
        String preset = common.preset;
        applied = Map.of();
        if (preset.equals(CommonOptions.QUICK)) {
            return;
        }
        Map<String, String> values = presets.get(preset);
        if (values == null) {
            if (preset.equals(CommonOptions.PAPER)) {
                throw new IllegalArgumentException(name + " has no paper preset (--preset "
                    + "paper); give the sizes as options, or --preset quick");
            }
            List<String> known = new ArrayList<>(List.of(CommonOptions.QUICK,
                CommonOptions.PAPER));
            presets.keySet().stream().filter(k -> !known.contains(k)).forEach(known::add);
            throw new IllegalArgumentException("--preset must be one of "
                + String.join(", ", known) + ": " + preset);
        }
        for (String option : values.keySet()) {
            if (spec.findOption("--" + option) == null) {
                throw new IllegalStateException(name + "'s preset " + preset
                    + " names an undeclared option --" + option);
            }
        }
        Map<String, String> set = new LinkedHashMap<>();
        List<String> kept = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            String option = o.longestName().substring(2);
            if (!values.containsKey(option)) {
                continue;
            }
            if (parsed != null && parsed.hasMatchedOption(o)) {
                kept.add("--" + option);
            } else {
                set.put(option, values.get(option));
            }
        }
        List<String> all = new ArrayList<>();
        set.forEach((k, v) -> all.add("--" + k + "=" + v));
        all.addAll(args);
        try {
            parsed = commandLine(out, err).parseArgs(all.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new IllegalStateException(name + "'s preset " + preset + " does not parse: "
                + e.getMessage(), e);
        }
        applied = java.util.Collections.unmodifiableMap(set);
        StringBuilder line = new StringBuilder("preset " + preset + ":");
        set.forEach((k, v) -> line.append(" --").append(k).append(' ').append(v));
        if (set.isEmpty()) {
            line.append(" no values applied");
        }
        if (!kept.isEmpty()) {
            line.append("; given explicitly, kept: ").append(String.join(" ", kept));
        }
        out.println(line);
    }

    /**
     * The cost estimate of the parsed options ({@link Cost#none()} without an estimator).
     *
     * @return the estimate
     */
    Cost estimate() {
        return estimator == null ? Cost.none() : estimator.apply(this);
    }

    /** Runs the body after parsing; see {@link #execute}. */
    int run(List<String> args, PrintStream stdout, PrintStream stderr) {
        this.out = stdout;
        this.err = stderr;
        List<String> line = new ArrayList<>();
        line.add(name);
        line.addAll(args);
        this.commandLine = List.copyOf(line);
        try {
            applyPreset(args);
            validate();
            Cost cost = estimator == null ? Cost.none() : estimator.apply(this);
            if (common.dryRun) {
                checkCost(cost, true);
                out.println("dry run: nothing run or written");
                return 0;
            }
            prepare();
            checkCost(cost, false);
            start = Instant.now();
            body.run(this);
            return 0;
        } catch (IllegalArgumentException e) {
            return badInput(e, stderr, common.debug);
        } catch (Exception | Error e) {
            stderr.println("error: " + oneLine(e instanceof UncheckedIOException u
                && u.getCause() != null ? u.getMessage() + ": " + u.getCause() : e.toString()));
            if (common.debug) {
                e.printStackTrace(stderr);
            }
            return FAILURE;
        }
    }

    /** Checks of the common options, before any work (also in a dry run). */
    private void validate() {
        if (common.maxSiteSteps <= 0 || Double.isNaN(common.maxSiteSteps)) {
            throw new IllegalArgumentException("--max-site-steps must be > 0: "
                + common.maxSiteSteps);
        }
        if (parallel != null && parallel.threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1: " + parallel.threads);
        }
    }

    /** Checks before any work: the output directory and the HDF5 library. */
    private void prepare() {
        if (output == null) {
            return;
        }
        if (output.formats.contains(TableFormat.H5) && !TableHdf5.isAvailable()) {
            throw new IllegalArgumentException("--format h5 needs io.jhdf:jhdf on the class path");
        }
        Path dir = output.out;
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".ness4j-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("--out " + dir + " is not a writable directory ("
                + e + ")", e);
        }
    }

    private static int badInput(Exception e, PrintStream stderr, boolean debug) {
        stderr.println("error: " + oneLine(e.getMessage()));
        if (debug) {
            e.printStackTrace(stderr);
        }
        return BAD_INPUT;
    }

    static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }

    // ------------------------------------------------------------------ launcher

    /**
     * Runs one of several examples by subcommand name (the {@code ness4j} launcher):
     * {@code ness4j fig2-cut --F 2,6}. Each example is reachable under its kebab-case name
     * ({@link #subcommandName()}) and its class name.
     *
     * @param launcher the launcher's name, for help
     * @param examples the examples, fresh (unparsed)
     * @param args the arguments, starting with the subcommand
     * @param stdout where help and output go
     * @param stderr where errors go
     * @return the exit code as {@link #execute}
     */
    public static int launch(String launcher, List<Cli> examples, String[] args,
                             PrintStream stdout, PrintStream stderr) {
        CommandSpec top = CommandSpec.create().name(launcher);
        top.version("ness4j " + Version.current());
        top.mixinStandardHelpOptions(true);
        top.usageMessage().description("Runs a ness4j example; '" + launcher
            + " <example> --help' lists its options.");
        CommandLine cl = new CommandLine(top);
        cl.setOut(new PrintWriter(stdout, true));
        cl.setErr(new PrintWriter(stderr, true));
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        Map<CommandSpec, Cli> bySpec = new LinkedHashMap<>();
        for (Cli e : examples) {
            cl.addSubcommand(e.subcommandName(), e.commandLine(stdout, stderr), e.name);
            bySpec.put(e.spec, e);
        }
        ParseResult parsed;
        try {
            parsed = cl.parseArgs(args);
        } catch (ParameterException e) {
            return badInput(e, stderr, List.of(args).contains("--debug"));
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            return 0;
        }
        if (!parsed.hasSubcommand()) {
            stderr.println("error: name an example, e.g. '" + launcher + " fig2-cut --help'; '"
                + launcher + " --help' lists them");
            return BAD_INPUT;
        }
        Cli e = bySpec.get(parsed.subcommand().commandSpec());
        e.parsed = parsed.subcommand();
        // the launcher has no options of its own but help and version: args[0] is the example
        return e.run(List.of(args).subList(1, args.length), stdout, stderr);
    }

    /**
     * Formats a duration for the cost line.
     *
     * @param seconds the duration
     * @return e.g. {@code 25 s}, {@code 3.2 min}, {@code 1.5 h}
     */
    static String duration(double seconds) {
        if (seconds < 1) {
            return "< 1 s";
        }
        if (seconds < 90) {
            return String.format(Locale.ROOT, "%.2g s", seconds);
        }
        if (seconds < 5400) {
            return String.format(Locale.ROOT, "%.2g min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.2g h", seconds / 3600);
    }
}
