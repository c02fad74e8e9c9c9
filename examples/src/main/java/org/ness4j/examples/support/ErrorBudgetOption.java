package org.ness4j.examples.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ness4j.core.stat.Estimate;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.ErrorBudget;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The examples' {@code --error-budget} option ({@link Ensemble.Builder#errorBudget}): off by
 * default; {@code auto} or a trajectory count re-runs that many trajectories at dt and dt/2 on
 * common noise, and the example adds, for each estimate column {@code X} of its CSV files, the
 * columns {@code X_step} (the estimated step error: the estimate at dt minus its dt -> 0 limit)
 * and {@code X_step_err} (its standard error), and prints how many estimates have a step error
 * above their statistical error (and how many the budget could not resolve). Without the option
 * the files are unchanged.
 *
 * <p>Not thread-safe (static helpers without state are).
 */
public final class ErrorBudgetOption {

    /** The option's name. */
    public static final String NAME = "error-budget";

    /** The picocli mixin holding the option ({@link #declare(Cli)}). Not thread-safe. */
    public static final class Mixin {
        @Option(names = "--" + NAME, paramLabel = "<n|auto>", converter = BudgetConverter.class,
            description = "step-size error of every estimate: re-run this many trajectories "
                + "at dt and dt/2 on common noise ('auto': max(64, 1/8 of them); 0: off; costs "
                + "3x the re-run trajectories) and add X_step, X_step_err columns (default: "
                + "${DEFAULT-VALUE})")
        String budget = "0";
    }

    /** Checks the value when parsing, so that a bad one is refused before any work. */
    static final class BudgetConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("must be 0, auto or at least 2: " + value);
            }
            return value.trim();
        }
    }

    private ErrorBudgetOption() {
    }

    /**
     * Declares {@code --error-budget}.
     *
     * @param o the command line
     * @return {@code o}
     */
    public static Cli declare(Cli o) {
        return o.errorBudget();
    }

    /**
     * The budget the option asks for.
     *
     * @param o parsed command line
     * @return the budget, or {@code null} for {@code 0}
     * @throws IllegalArgumentException for a value that is neither {@code auto} nor a count
     */
    public static ErrorBudget budget(Cli o) {
        return parse(o.string(NAME));
    }

    private static ErrorBudget parse(String value) {
        String v = value.trim();
        if (v.equals("auto")) {
            return ErrorBudget.automatic();
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n == 0) {
            return null;
        }
        if (n < 2) {
            throw new IllegalArgumentException("--" + NAME + " must be 0, auto or at least 2: "
                + v);
        }
        return ErrorBudget.trajectories(n);
    }

    /**
     * Sets the option's budget on an ensemble (nothing for {@code 0}).
     *
     * @param o parsed command line
     * @param b the ensemble builder
     * @return {@code b}
     */
    public static Ensemble.Builder apply(Cli o, Ensemble.Builder b) {
        ErrorBudget budget = budget(o);
        return budget == null ? b : b.errorBudget(budget);
    }

    /**
     * The CSV header with step-error columns appended when a budget runs.
     *
     * @param header the columns without step errors
     * @param enabled whether the budget runs
     * @param estimates names of the estimate columns that get {@code _step} and
     *     {@code _step_err} columns, in the order the rows append them
     * @return the header
     */
    public static List<String> header(List<String> header, boolean enabled,
                                      String... estimates) {
        List<String> h = new ArrayList<>(header);
        if (enabled) {
            for (String e : estimates) {
                h.add(e + "_step");
                h.add(e + "_step_err");
            }
        }
        return h;
    }

    /**
     * A row with the step errors of some estimates appended (value, standard error per
     * estimate) when they carry one.
     *
     * @param row the row without step errors (not modified)
     * @param estimates the estimates, from a run with or without an error budget
     * @return the row, extended if any estimate carries a step error (the others then append
     *     NaN, which the table writers refuse, naming the column: an estimator that is not
     *     finite on the budget's accumulators is not written silently)
     */
    public static double[] row(double[] row, Estimate... estimates) {
        if (!anyStepError(estimates)) {
            return row;
        }
        double[] r = java.util.Arrays.copyOf(row, row.length + 2 * estimates.length);
        for (int i = 0; i < estimates.length; i++) {
            r[row.length + 2 * i] = estimates[i].stepError().value();
            r[row.length + 2 * i + 1] = estimates[i].stepError().standardError();
        }
        return r;
    }

    /**
     * Prints how many of the estimates have a resolved step error larger than their
     * statistical error ({@link Estimate#stepErrorDominates()}), and how many the budget could
     * not resolve ({@link Estimate#stepErrorUnresolved()}); the library also logs WARN lines
     * when they are evaluated.
     *
     * @param what what the estimates are, for the message
     * @param estimates the estimates
     */
    public static void report(String what, Estimate... estimates) {
        if (!anyStepError(estimates)) {
            return;
        }
        int dominated = 0;
        int unresolved = 0;
        double worst = 0;
        for (Estimate e : estimates) {
            unresolved += e.stepErrorUnresolved() ? 1 : 0;
            if (e.stepErrorDominates()) {
                dominated++;
                worst = Math.max(worst, Math.abs(e.stepError().value()) / e.standardError());
            }
        }
        if (dominated > 0) {
            System.out.printf(Locale.ROOT, "  WARNING: %s: the step error exceeds the "
                + "statistical error for %d of %d estimates (up to %.3g standard errors); "
                + "reduce --dt%n", what, dominated, estimates.length, worst);
        }
        if (unresolved > 0) {
            System.out.printf(Locale.ROOT, "  WARNING: %s: the error budget cannot resolve the "
                + "step error of %d of %d estimates (its error exceeds the statistical one); "
                + "raise --%s%n", what, unresolved, estimates.length, NAME);
        }
    }

    private static boolean anyStepError(Estimate... estimates) {
        for (Estimate e : estimates) {
            if (e.hasStepError()) {
                return true;
            }
        }
        return false;
    }
}
