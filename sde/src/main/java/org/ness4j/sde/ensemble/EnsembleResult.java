package org.ness4j.sde.ensemble;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.ness4j.core.stat.Accumulator;
import org.ness4j.core.stat.Estimate;
import org.ness4j.core.table.Column;
import org.ness4j.core.table.ColumnType;
import org.ness4j.core.table.Provenance;
import org.ness4j.core.table.Table;
import org.ness4j.core.table.Tabular;

/**
 * The outcome of {@link Ensemble#run}.
 *
 * @param statistics the combined accumulator of all completed, non-diverged groups
 * @param returnCode how the run ended
 * @param divergences trajectories that diverged, in trajectory order
 * @param completedTrajectories trajectories that ran to the end (diverged ones included)
 * @param masterSeed the master seed of the run
 * @param elapsed wall time (error budget included)
 * @param stepErrors the error budget's re-runs ({@link Ensemble.Builder#errorBudget}), or
 *     {@code null} if none was requested or the run did not succeed
 * @param provenance where the statistics came from, attached to every {@link #table}: from
 *     {@link Ensemble#run}, the library and Java versions, master seed, dt, steps, algorithm,
 *     the problem's parameters ({@link org.ness4j.sde.SdeProblem#provenanceParameters()}) and
 *     the group size, completed trajectories, groups, and the wall-clock start and end of the
 *     run ({@link Ensemble#provenance()} describes the fields). The interval is that of the
 *     call to {@link Ensemble#run} (for a run resumed from a checkpoint, of the resumed part),
 *     so two results of the same computation differ in it, and {@code equals} (which compares
 *     every component) tells them apart; compare {@link #statistics()} instead
 * @param <A> accumulator type
 */
public record EnsembleResult<A extends Accumulator<A>>(
    A statistics, ReturnCode returnCode, List<Divergence> divergences,
    long completedTrajectories, long masterSeed, Duration elapsed, StepErrors<A> stepErrors,
    Provenance provenance) {

    /**
     * The canonical constructor.
     *
     * @param statistics the combined accumulator of all completed, non-diverged groups
     * @param returnCode how the run ended
     * @param divergences trajectories that diverged, in trajectory order
     * @param completedTrajectories trajectories that ran to the end (diverged ones included)
     * @param masterSeed the master seed of the run
     * @param elapsed wall time (error budget included)
     * @param stepErrors the error budget's re-runs, or {@code null}
     * @param provenance where the statistics came from
     * @throws NullPointerException if {@code provenance} is null
     */
    public EnsembleResult {
        Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * A result with provenance made from its own fields: master seed, completed trajectories
     * and, if {@code elapsed} is given, the interval ending now and lasting {@code elapsed}
     * (the constructor was called at the end of the run). {@link Ensemble#run} adds the
     * ensemble's settings.
     *
     * @param statistics the combined accumulator of all completed, non-diverged groups
     * @param returnCode how the run ended
     * @param divergences trajectories that diverged, in trajectory order
     * @param completedTrajectories trajectories that ran to the end (diverged ones included)
     * @param masterSeed the master seed of the run
     * @param elapsed wall time (error budget included)
     * @param stepErrors the error budget's re-runs ({@link Ensemble.Builder#errorBudget}), or
     *     {@code null} if none was requested or the run did not succeed
     */
    public EnsembleResult(A statistics, ReturnCode returnCode, List<Divergence> divergences,
                          long completedTrajectories, long masterSeed, Duration elapsed,
                          StepErrors<A> stepErrors) {
        this(statistics, returnCode, divergences, completedTrajectories, masterSeed, elapsed,
            stepErrors, ownProvenance(completedTrajectories, masterSeed, elapsed));
    }

    /**
     * A result without an error budget.
     *
     * @param statistics the combined accumulator of all completed, non-diverged groups
     * @param returnCode how the run ended
     * @param divergences trajectories that diverged, in trajectory order
     * @param completedTrajectories trajectories that ran to the end (diverged ones included)
     * @param masterSeed the master seed of the run
     * @param elapsed wall time
     */
    public EnsembleResult(A statistics, ReturnCode returnCode, List<Divergence> divergences,
                          long completedTrajectories, long masterSeed, Duration elapsed) {
        this(statistics, returnCode, divergences, completedTrajectories, masterSeed, elapsed,
            null);
    }

    /** @return whether an error budget was run ({@link #stepErrors()} is not null) */
    public boolean hasStepErrors() {
        return stepErrors != null;
    }

    /**
     * Estimates from the statistics of a successful run, each with its step-size error attached
     * ({@link Estimate#stepError()}) if an error budget was run; a WARN log line reports the
     * estimates whose step error exceeds their statistical error. Evaluate all estimates of
     * interest in one call: each call evaluates the estimator on {@code 2 (blocks + 1)}
     * combinations of the error budget's accumulators.
     *
     * @param estimator computes the estimates from an accumulator (e.g. a profile over sites)
     * @return the estimates, with step errors if available
     * @throws IllegalStateException as {@link #requireSuccess()}
     */
    public Estimate[] estimates(Function<A, Estimate[]> estimator) {
        A s = requireSuccess();
        return stepErrors == null ? estimator.apply(s) : stepErrors.attach(s, estimator);
    }

    /**
     * One estimate with its step error ({@link #estimates}).
     *
     * @param estimator computes the estimate from an accumulator
     * @return the estimate, with a step error if available
     * @throws IllegalStateException as {@link #requireSuccess()}
     */
    public Estimate estimate(Function<A, Estimate> estimator) {
        return estimates(a -> new Estimate[] {estimator.apply(a)})[0];
    }

    /**
     * The statistics, provided that the run succeeded.
     *
     * @return {@link #statistics()}
     * @throws IllegalStateException naming the first diverged trajectory (time, component) if
     *     any diverged, or if the run was cancelled
     */
    public A requireSuccess() {
        if (returnCode == ReturnCode.DIVERGED) {
            throw new IllegalStateException(divergences.size() + " trajectories diverged; first: "
                + divergences.get(0) + ". Reduce dt or check the parameters.");
        }
        if (returnCode == ReturnCode.CANCELLED) {
            throw new IllegalStateException("run was cancelled after "
                + completedTrajectories + " trajectories");
        }
        return statistics;
    }

    private static Provenance ownProvenance(long completed, long seed, Duration elapsed) {
        Provenance.Builder b = Provenance.builder().masterSeed(seed)
            .trajectories(Math.max(0, completed));
        if (elapsed != null && !elapsed.isNegative()) {
            Instant end = Instant.now();
            b.interval(end.minus(elapsed), end);
        }
        return b.build();
    }

    /**
     * This result with other provenance (e.g. with a command line added:
     * {@code r.withProvenance(r.provenance().toBuilder().commandLine(args).build())}).
     *
     * @param newProvenance the provenance
     * @return a new result sharing everything else
     */
    public EnsembleResult<A> withProvenance(Provenance newProvenance) {
        return new EnsembleResult<>(statistics, returnCode, divergences, completedTrajectories,
            masterSeed, elapsed, stepErrors, newProvenance);
    }

    /**
     * The statistics of a successful run as a table in long form with this run's
     * {@link #provenance()}: {@code tabulate} makes the table from an accumulator (e.g.
     * {@code SiteMoments::toTable}, or {@code o -> o.table(0)} for an {@code Observations}).
     *
     * <p>With an error budget ({@link #hasStepErrors()}), every estimate column {@code x} of
     * the table (a double column followed somewhere by a double column {@code x_err}, and no
     * {@code x_step} yet) gets two more columns right after {@code x_err}:
     * {@code x_step}, the signed step-size error of each row's value
     * ({@link Estimate.StepError#value()}: the value's expectation at this dt minus its limit
     * {@code dt -> 0}, same units; subtract it to correct), and {@code x_step_err}, its
     * standard error; both allow missing values (NaN: not computable). They are computed as
     * {@link #estimates} does, by evaluating {@code tabulate} on the error budget's
     * accumulators (which must give tables with the same columns and rows), with the same WARN
     * log lines.
     *
     * @param tabulate makes the table from an accumulator
     * @return the table with this result's provenance
     * @throws IllegalStateException as {@link #requireSuccess()}
     * @throws IllegalArgumentException if the tables of the error budget's accumulators have
     *     other shapes
     */
    public Table table(Function<A, Table> tabulate) {
        Objects.requireNonNull(tabulate, "tabulate");
        A s = requireSuccess();
        Table t = tabulate.apply(s);
        if (stepErrors != null) {
            t = withStepErrors(t, s, tabulate);
        }
        return t.withProvenance(provenance);
    }

    /**
     * The statistics as a table ({@link Tabular#toTable()}, e.g. {@code SiteMoments}) with
     * this run's provenance and, if an error budget was run, step-error columns (see
     * {@link #table(Function)}).
     *
     * @return the table
     * @throws IllegalStateException as {@link #requireSuccess()}
     * @throws IllegalArgumentException if the statistics do not implement {@link Tabular}
     *     (use {@link #table(Function)})
     */
    public Table table() {
        if (!(statistics instanceof Tabular)) {
            throw new IllegalArgumentException("statistics of type "
                + (statistics == null ? "null" : statistics.getClass().getName())
                + " do not implement Tabular; use table(Function)");
        }
        return table(a -> ((Tabular) a).toTable());
    }

    /** The names of the estimate columns of a table (see {@link #table(Function)}). */
    private static List<String> estimateColumns(Table t) {
        List<String> names = new ArrayList<>();
        for (Column c : t.columns()) {
            String err = c.name() + Table.ERROR_SUFFIX;
            if (c.type() == ColumnType.DOUBLE && t.hasColumn(err)
                && t.column(err).type() == ColumnType.DOUBLE
                && !t.hasColumn(c.name() + Table.STEP_SUFFIX)) {
                names.add(c.name());
            }
        }
        return names;
    }

    private Table withStepErrors(Table t, A s, Function<A, Table> tabulate) {
        List<String> names = estimateColumns(t);
        if (names.isEmpty()) {
            return t;
        }
        int rows = t.rowCount();
        Function<A, Estimate[]> estimator = a -> {
            Table u = tabulate.apply(a);
            Estimate[] e = new Estimate[names.size() * rows];
            int k = 0;
            for (String name : names) {
                if (!u.hasColumn(name) || u.rowCount() != rows) {
                    throw new IllegalArgumentException("the table of an error-budget "
                        + "accumulator has no column '" + name + "' or not " + rows + " rows: "
                        + u);
                }
                Column v = u.column(name);
                Column err = u.column(name + Table.ERROR_SUFFIX);
                for (int r = 0; r < rows; r++) {
                    e[k++] = new Estimate(v.doubleAt(r), err.doubleAt(r));
                }
            }
            return e;
        };
        Estimate[] withErrors = stepErrors.attach(s, estimator);
        Table.Builder b = Table.builder(t.name());
        for (Column c : t.columns()) {
            b.column(c);
            String name = c.name();
            if (name.endsWith(Table.ERROR_SUFFIX)) {
                String valueName = name.substring(0, name.length() - Table.ERROR_SUFFIX.length());
                int index = names.indexOf(valueName);
                if (index >= 0) {
                    double[] step = new double[rows];
                    double[] stepSe = new double[rows];
                    for (int r = 0; r < rows; r++) {
                        Estimate.StepError e = withErrors[index * rows + r].stepError();
                        step[r] = e.value();
                        stepSe[r] = e.standardError();
                    }
                    b.doublesWithMissing(valueName + Table.STEP_SUFFIX, step);
                    b.doublesWithMissing(valueName + Table.STEP_ERROR_SUFFIX, stepSe);
                }
            }
        }
        return b.provenance(t.provenance()).build();
    }
}
