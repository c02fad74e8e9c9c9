package org.ness4j.sde.ensemble;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.ness4j.core.exec.ExecutionListener;
import org.ness4j.core.exec.PartFile;
import org.ness4j.core.exec.PlanExecutor;
import org.ness4j.core.exec.PlanSource;
import org.ness4j.core.exec.ShardedPlan;
import org.ness4j.core.exec.TrajectoryRange;
import org.ness4j.core.stat.Accumulator;

/**
 * An ensemble run as a {@link ShardedPlan}: what to compute (the {@link Ensemble}'s problem,
 * algorithm, trajectories, steps, seed, groups, replicas, and the observer) separated from
 * where it runs ({@link PlanExecutor}: {@link org.ness4j.core.exec.LocalExecutor local
 * threads}, or {@code SparkExecutor} of the {@code ness4j-spark} module). Ranges run with
 * {@link Ensemble#run(EnsembleObserver, TrajectoryRange)}; their {@link Part}s merge in any
 * order into exactly (bit for bit) the statistics of {@link Ensemble#run(EnsembleObserver)}:
 * any ness4j accumulator ({@code SiteMoments}, {@code WignerHistogram}, {@code PhaseOtoc} with
 * replicas, {@link Observations}, ...), since they keep their data by global trajectory group.
 *
 * <p>Typical use:
 * <pre>{@code
 * PlanSource<EnsemblePlan.Part<SiteMoments>> source =
 *     () -> EnsemblePlan.of(ensemble(f, l), SiteMoments.observer(schedule, sites));
 * EnsembleResult<SiteMoments> r = EnsemblePlan.execute(executor, source, null);
 * }</pre>
 *
 * <p>Within a range the ensemble's batches, threads, cancellation and (for the whole run only)
 * its checkpoint file and progress listener work as in {@link Ensemble#run}. An error budget
 * ({@link Ensemble.Builder#errorBudget}) is run only when the plan runs as one range (local
 * threads); for ranges it is left out (distributed results have no step errors).
 *
 * <p>Thread safety: immutable; {@link #run} may be called concurrently.
 *
 * @param <A> accumulator type
 */
public final class EnsemblePlan<A extends Accumulator<A>>
    implements ShardedPlan<EnsemblePlan.Part<A>> {

    private final Ensemble ensemble;
    private final EnsembleObserver<A> observer;
    private final EnsembleObserver<A> configured;
    private final String fingerprint;

    private EnsemblePlan(Ensemble ensemble, EnsembleObserver<A> observer) {
        this.ensemble = Objects.requireNonNull(ensemble, "ensemble");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.configured = observer.forRun(ensemble.trajectories(), ensemble.groupSize());
        this.fingerprint = ensemble.planFingerprint(configured);
    }

    /**
     * The plan of an ensemble and an observer.
     *
     * @param ensemble the ensemble
     * @param observer what to measure (must support {@link EnsembleObserver#read}, as all
     *     ness4j observers do, for partial results to travel as bytes)
     * @param <A> accumulator type
     * @return the plan
     */
    public static <A extends Accumulator<A>> EnsemblePlan<A> of(Ensemble ensemble,
                                                               EnsembleObserver<A> observer) {
        return new EnsemblePlan<>(ensemble, observer);
    }

    /**
     * Runs a plan on an executor and returns the result of the whole run.
     *
     * @param executor where to run
     * @param source the plan
     * @param progress progress per finished range (trajectories), or {@code null}
     * @param <A> accumulator type
     * @return the result, with the statistics of {@link Ensemble#run(EnsembleObserver)}
     */
    public static <A extends Accumulator<A>> EnsembleResult<A> execute(
        PlanExecutor executor, PlanSource<Part<A>> source, ProgressListener progress) {
        return executor.execute(source, listener(progress)).result();
    }

    /**
     * Runs plans (the points of a {@link Scan}) on an executor: a distributed executor cuts
     * every point into ranges and runs all (point, range) tasks together.
     *
     * @param executor where to run
     * @param sources the plans, one per point
     * @param progress combined progress (trajectories of all points), or {@code null}
     * @param <A> accumulator type
     * @return the results in point order
     */
    public static <A extends Accumulator<A>> List<EnsembleResult<A>> executeAll(
        PlanExecutor executor, List<? extends PlanSource<Part<A>>> sources,
        ProgressListener progress) {
        List<EnsembleResult<A>> out = new ArrayList<>();
        for (Part<A> p : executor.executeAll(sources, listener(progress))) {
            out.add(p.result());
        }
        return out;
    }

    /**
     * An {@link ExecutionListener} reporting to a {@link ProgressListener} in trajectories
     * (steps of a report count trajectories: {@code completedSteps = completedTrajectories}).
     *
     * @param progress the listener, or {@code null}
     * @return the adapter, or {@code null} for {@code null}
     */
    public static ExecutionListener listener(ProgressListener progress) {
        if (progress == null) {
            return null;
        }
        return (plan, range, done, total, elapsed) ->
            progress.onProgress(new Progress(done, total, done, total, elapsed));
    }

    /** @return the ensemble */
    public Ensemble ensemble() {
        return ensemble;
    }

    /** @return the observer (as given, not yet configured for the run) */
    public EnsembleObserver<A> observer() {
        return observer;
    }

    @Override
    public long trajectories() {
        return ensemble.trajectories();
    }

    @Override
    public int alignment() {
        return ensemble.groupSize();
    }

    /**
     * The problem (its {@code toString}), algorithm, trajectories, dt, steps, seed, group size,
     * replicas and perturbation step, divergence threshold and check period, the observer's
     * schedule and settings, and the library version; not the batch size or threads (they do
     * not change the result).
     */
    @Override
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * Runs one range ({@link Ensemble#run(EnsembleObserver, TrajectoryRange)}) on
     * {@code threads} threads. For the whole run the ensemble's progress listener, checkpoint
     * file and error budget are used; for a part they are left out.
     */
    @Override
    public Part<A> run(TrajectoryRange range, int threads) {
        boolean all = range.isAll(trajectories());
        Ensemble e = ensemble.forTask(threads, all);
        return new Part<>(range, e.run(observer, range));
    }

    @Override
    public TrajectoryRange range(Part<A> part) {
        return part.range();
    }

    /**
     * Combines parts of disjoint ranges: statistics by {@link Accumulator#combine} (exact, in
     * any order), divergences in trajectory order, completed trajectories and elapsed times
     * summed (the elapsed time of a merged part is the compute time of its parts), return
     * code CANCELLED if any part was cancelled, else DIVERGED if any trajectory diverged.
     */
    @Override
    public Part<A> merge(List<Part<A>> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no partial results to merge");
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<Part<A>> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparing(Part::range));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).range().from() < sorted.get(i - 1).range().to()) {
                throw new IllegalArgumentException("overlap: ranges " + sorted.get(i - 1).range()
                    + " and " + sorted.get(i).range() + " share trajectories");
            }
        }
        A statistics = configured.empty();
        List<Divergence> divergences = new ArrayList<>();
        long completed = 0;
        long nanos = 0;
        boolean cancelled = false;
        for (Part<A> p : sorted) {
            EnsembleResult<A> r = p.result();
            statistics.combine(r.statistics());
            divergences.addAll(r.divergences());
            completed += r.completedTrajectories();
            nanos += r.elapsed().toNanos();
            cancelled |= r.returnCode() == ReturnCode.CANCELLED;
        }
        divergences.sort(Comparator.comparingLong(Divergence::trajectory));
        ReturnCode code = cancelled ? ReturnCode.CANCELLED
            : divergences.isEmpty() ? ReturnCode.SUCCESS : ReturnCode.DIVERGED;
        TrajectoryRange union = new TrajectoryRange(sorted.get(0).range().from(),
            sorted.get(sorted.size() - 1).range().to());
        return new Part<>(union, ensemble.withRunProvenance(new EnsembleResult<>(statistics,
            code, List.copyOf(divergences), completed, ensemble.seed(),
            Duration.ofNanos(nanos))));
    }

    /**
     * Writes a part: the {@link PartFile} envelope around return code, completed trajectories,
     * elapsed time, divergences and the accumulator ({@link Accumulator#writeTo}). Step errors
     * are not written.
     */
    @Override
    public byte[] write(Part<A> part) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            EnsembleResult<A> r = part.result();
            out.writeUTF(r.returnCode().name());
            out.writeLong(r.completedTrajectories());
            out.writeLong(r.elapsed().toNanos());
            out.writeInt(r.divergences().size());
            for (Divergence d : r.divergences()) {
                Checkpoint.writeDivergence(out, d);
            }
            r.statistics().writeTo(out);
            out.flush();
            return new PartFile(fingerprint, trajectories(), part.range(), bytes.toByteArray())
                .encode();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
    }

    @Override
    public Part<A> read(byte[] bytes) {
        PartFile f = PartFile.decode(bytes).requirePlan(this);
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(f.payload()));
            ReturnCode code = ReturnCode.valueOf(in.readUTF());
            long completed = in.readLong();
            Duration elapsed = Duration.ofNanos(in.readLong());
            int n = in.readInt();
            List<Divergence> divergences = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                divergences.add(Checkpoint.readDivergence(in));
            }
            A statistics = configured.read(in);
            if (in.available() != 0) {
                throw new IOException(in.available() + " unread bytes");
            }
            return new Part<>(f.range(), ensemble.withRunProvenance(new EnsembleResult<>(
                statistics, code, List.copyOf(divergences), completed, ensemble.seed(),
                elapsed)));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("corrupt ensemble partial result of "
                + f.range() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The result of one range of an ensemble run.
     *
     * @param range the trajectories it covers
     * @param result their statistics, divergences, completed trajectories, return code
     * @param <A> accumulator type
     */
    public record Part<A extends Accumulator<A>>(TrajectoryRange range, EnsembleResult<A> result) {

        /**
         * @param range the trajectories it covers
         * @param result their result
         */
        public Part {
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(result, "result");
        }
    }
}
