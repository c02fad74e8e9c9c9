package org.ness4j.examples.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Minimal {@code --name value} command-line parsing for the examples. Every option is declared
 * with a default and a description; unknown options are rejected at once (QuTiP's habit), and
 * {@code --help} prints the table.
 *
 * <p>Not thread-safe.
 */
public final class Options {

    private static final String PROGRESS = "progress";

    private final String program;
    private final Map<String, String[]> declared = new LinkedHashMap<>();
    private final Map<String, String> given = new LinkedHashMap<>();

    /**
     * @param program program name for the help text
     */
    public Options(String program) {
        this.program = program;
    }

    /**
     * Declares an option.
     *
     * @param name option name without dashes
     * @param defaultValue default value as text
     * @param description help text
     * @return this
     */
    public Options declare(String name, String defaultValue, String description) {
        declared.put(name, new String[] {defaultValue, description});
        return this;
    }

    /**
     * Declares the option {@code --progress auto|terminal|log}, the way the console progress
     * bar is written (see {@link ConsoleProgress}): {@code auto} (default) redraws in place
     * when standard error is a terminal, {@code terminal} always, {@code log} never (throttled
     * whole lines). When given, {@link #parse} checks it and sets the system property
     * {@value ConsoleProgress#MODE_PROPERTY}, which {@link ConsoleProgress#bar(String)} reads.
     *
     * @return this
     */
    public Options declareProgress() {
        return declare(PROGRESS, "auto",
            "progress bar: auto (redraw in place if stderr is a terminal), terminal or log");
    }

    /**
     * Parses the arguments.
     *
     * @param args command-line arguments
     * @return {@code false} if help was requested (and printed), {@code true} otherwise
     * @throws IllegalArgumentException for an unknown option or a missing value, or a
     *     {@code --progress} other than auto, terminal or log
     */
    public boolean parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println(help());
                return false;
            }
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("expected --option, found " + a);
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!declared.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "\n" + help());
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option --" + name + " needs a value");
                }
                value = args[++i];
            }
            given.put(name, value);
        }
        if (declared.containsKey(PROGRESS) && given.containsKey(PROGRESS)) {
            String mode = given.get(PROGRESS);
            try {
                ConsoleProgress.interactive(mode, () -> false);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--" + PROGRESS
                    + " must be auto, terminal or log: " + mode, e);
            }
            System.setProperty(ConsoleProgress.MODE_PROPERTY, mode);
        }
        return true;
    }

    /** @return the help table */
    public String help() {
        StringBuilder sb = new StringBuilder("usage: " + program + " [options]\n");
        declared.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  --%-16s %s (default %s)%n",
            k, v[1], v[0])));
        return sb.toString();
    }

    /**
     * @param name option name
     * @return the value given, or the default
     */
    public String string(String name) {
        String[] d = declared.get(name);
        if (d == null) {
            throw new IllegalArgumentException("option --" + name + " was not declared");
        }
        return given.getOrDefault(name, d[0]);
    }

    /**
     * @param name option name
     * @return the value as a double
     */
    public double real(String name) {
        try {
            return Double.parseDouble(string(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number: " + string(name));
        }
    }

    /**
     * @param name option name
     * @return the value as a long
     */
    public long integer(String name) {
        try {
            return Long.parseLong(string(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer: "
                + string(name));
        }
    }

    /**
     * A list of numbers, either comma-separated ({@code 1,2.5,7}) or a range
     * {@code start:stop:step} (inclusive of {@code stop} up to rounding).
     *
     * @param name option name
     * @return the values
     */
    public double[] reals(String name) {
        String s = string(name).trim();
        try {
            if (s.contains(":")) {
                String[] p = s.split(":");
                if (p.length != 3) {
                    throw new IllegalArgumentException("--" + name
                        + " range must be start:stop:step: " + s);
                }
                double a = Double.parseDouble(p[0]);
                double b = Double.parseDouble(p[1]);
                double h = Double.parseDouble(p[2]);
                if (!(h > 0) || !(b >= a)) {
                    throw new IllegalArgumentException("--" + name
                        + " range needs stop >= start and step > 0: " + s);
                }
                int n = (int) Math.floor((b - a) / h + 1e-9) + 1;
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = a + i * h;
                }
                return v;
            }
            List<Double> v = new ArrayList<>();
            for (String t : s.split(",")) {
                v.add(Double.parseDouble(t.trim()));
            }
            return v.stream().mapToDouble(Double::doubleValue).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be numbers: " + s);
        }
    }
}
