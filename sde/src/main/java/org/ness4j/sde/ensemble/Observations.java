package org.ness4j.sde.ensemble;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ness4j.core.stat.Accumulator;
import org.ness4j.core.table.Column;
import org.ness4j.core.table.Table;
import org.ness4j.core.table.Tabular;

/**
 * Several accumulators filled by one ensemble run: the composite of several
 * {@link EnsembleObserver}s. The composite samples on the coarsest grid containing every
 * part's {@link SampleSchedule} and calls each part only at its own sample steps.
 *
 * <pre>{@code
 * EnsembleObserver<Observations> all = Observations.observer(
 *     SiteMoments.observer(schedule, sites), WignerHistogram.observer(schedule, 100, 8, 0, 50));
 * Observations r = ensemble.run(all).requireSuccess();
 * SiteMoments m = r.get(0, SiteMoments.class);
 * }</pre>
 *
 * <p>Not thread-safe; combine per-batch results.
 */
public final class Observations implements Accumulator<Observations> {

    /**
     * Reads one part in {@link #readFrom}.
     *
     * @param <A> accumulator type
     */
    @FunctionalInterface
    public interface Reader<A extends Accumulator<A>> {
        /**
         * @param in source
         * @return the part
         * @throws IOException if reading fails
         */
        A read(DataInput in) throws IOException;
    }

    private final List<Accumulator<?>> parts;

    private Observations(List<Accumulator<?>> parts) {
        this.parts = parts;
    }

    /**
     * The composite observer.
     *
     * @param observers the parts
     * @return an observer whose result holds one accumulator per part, in order
     * @throws IllegalArgumentException if no part is given
     */
    public static EnsembleObserver<Observations> observer(EnsembleObserver<?>... observers) {
        if (observers.length == 0) {
            throw new IllegalArgumentException("observers must not be empty");
        }
        return composite(List.of(observers));
    }

    private static EnsembleObserver<Observations> composite(List<EnsembleObserver<?>> list) {
        long first = Long.MAX_VALUE;
        for (EnsembleObserver<?> o : list) {
            first = Math.min(first, o.schedule().first());
        }
        long every = 0;
        for (EnsembleObserver<?> o : list) {
            every = gcd(every, o.schedule().every());
            every = gcd(every, o.schedule().first() - first);
        }
        SampleSchedule schedule = new SampleSchedule(first, every);
        return new EnsembleObserver<>() {
            @Override
            public SampleSchedule schedule() {
                return schedule;
            }

            @Override
            public void validate(long steps) {
                for (EnsembleObserver<?> o : list) {
                    o.validate(steps);
                }
            }

            @Override
            public EnsembleObserver<Observations> forRun(long trajectories, int groupSize) {
                List<EnsembleObserver<?>> parts = new ArrayList<>();
                for (EnsembleObserver<?> o : list) {
                    parts.add(o.forRun(trajectories, groupSize));
                }
                return composite(List.copyOf(parts));
            }

            @Override
            public MemoryEstimate memory(BatchInfo batch, long trajectories) {
                MemoryEstimate sum = new MemoryEstimate("Observations", 0, 0, 0, 0);
                for (MemoryEstimate m : memoryParts(batch, trajectories)) {
                    sum = sum.plus("Observations", m);
                }
                return sum;
            }

            @Override
            public List<MemoryEstimate> memoryParts(BatchInfo batch, long trajectories) {
                List<MemoryEstimate> parts = new ArrayList<>();
                for (EnsembleObserver<?> o : list) {
                    parts.addAll(o.memoryParts(batch, trajectories));
                }
                return parts;
            }

            @Override
            public String describe() {
                StringBuilder b = new StringBuilder("Observations[");
                for (int i = 0; i < list.size(); i++) {
                    b.append(i == 0 ? "" : ", ").append(list.get(i).describe());
                }
                return b.append(']').toString();
            }

            @Override
            public BatchObserver<Observations> open(BatchInfo info) {
                List<BatchObserver<?>> batch = new ArrayList<>();
                for (EnsembleObserver<?> o : list) {
                    batch.add(o.open(info));
                }
                return new BatchObserver<>() {
                    @Override
                    public void observe(long step, double t, double[] x) {
                        for (int i = 0; i < batch.size(); i++) {
                            if (list.get(i).schedule().isSample(step)) {
                                batch.get(i).observe(step, t, x);
                            }
                        }
                    }

                    @Override
                    public boolean canSaveState() {
                        for (BatchObserver<?> b : batch) {
                            if (!b.canSaveState()) {
                                return false;
                            }
                        }
                        return true;
                    }

                    @Override
                    public void saveState(DataOutput out) throws IOException {
                        for (BatchObserver<?> b : batch) {
                            b.saveState(out);
                        }
                    }

                    @Override
                    public void restoreState(DataInput in) throws IOException {
                        for (BatchObserver<?> b : batch) {
                            b.restoreState(in);
                        }
                    }

                    @Override
                    public Observations finish(boolean[] diverged) {
                        List<Accumulator<?>> r = new ArrayList<>();
                        for (BatchObserver<?> b : batch) {
                            r.add(b.finish(diverged));
                        }
                        return new Observations(r);
                    }
                };
            }

            @Override
            public Observations empty() {
                List<Accumulator<?>> r = new ArrayList<>();
                for (EnsembleObserver<?> o : list) {
                    r.add(o.empty());
                }
                return new Observations(r);
            }

            @Override
            public Observations read(DataInput in) throws IOException {
                int n = in.readInt();
                if (n != list.size()) {
                    throw new IOException("expected " + list.size() + " parts, found " + n);
                }
                List<Accumulator<?>> r = new ArrayList<>();
                for (EnsembleObserver<?> o : list) {
                    r.add(o.read(in));
                }
                return new Observations(r);
            }
        };
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /**
     * One part.
     *
     * @param index part index (order of {@link #observer})
     * @param type its class
     * @param <A> accumulator type
     * @return the part
     */
    public <A extends Accumulator<A>> A get(int index, Class<A> type) {
        return type.cast(parts.get(index));
    }

    /** @return number of parts */
    public int size() {
        return parts.size();
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Observations combine(Observations other) {
        if (other.parts.size() != parts.size()) {
            throw new IllegalArgumentException("cannot combine " + other.parts.size()
                + " parts into " + parts.size());
        }
        for (int i = 0; i < parts.size(); i++) {
            ((Accumulator) parts.get(i)).combine(other.parts.get(i));
        }
        return this;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(parts.size());
        for (Accumulator<?> p : parts) {
            p.writeTo(out);
        }
    }

    /**
     * Reads a composite written by {@link #writeTo}.
     *
     * @param in source
     * @param readers one reader per part, in order
     * @return the composite
     * @throws IOException if reading fails or the number of parts differs
     */
    public static Observations readFrom(DataInput in, List<Reader<?>> readers)
        throws IOException {
        int n = in.readInt();
        if (n != readers.size()) {
            throw new IOException("expected " + readers.size() + " parts, found " + n);
        }
        List<Accumulator<?>> r = new ArrayList<>();
        for (Reader<?> reader : readers) {
            r.add(reader.read(in));
        }
        return new Observations(r);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Observations && parts.equals(((Observations) o).parts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(parts);
    }

    /**
     * The table of one part ({@link Tabular#toTable()}), under the part's own table name.
     *
     * @param index part index (order of {@link #observer})
     * @return the part's table, with minimal provenance ({@link EnsembleResult#table} attaches
     *     the run's: {@code result.table(o -> o.table(0))})
     * @throws IllegalArgumentException if the index is out of range or the part does not
     *     implement {@link Tabular}
     */
    public Table table(int index) {
        org.ness4j.core.Checks.index("index", index, parts.size());
        Accumulator<?> part = parts.get(index);
        if (!(part instanceof Tabular)) {
            throw new IllegalArgumentException("part " + index + " ("
                + part.getClass().getName() + ") does not implement Tabular");
        }
        return ((Tabular) part).toTable();
    }

    /**
     * One table per part, in part order: the documented choice for a composite, since the
     * parts have different keys (sites, times, cells, ...) and do not share rows. A part keeps
     * its own table name ({@code site_moments}, ...) unless two parts have the same name;
     * then each of them is named {@code <name>_<index>} (e.g. {@code site_moments_0} and
     * {@code site_moments_2}), so that the names can serve as file base names and HDF5 groups.
     *
     * @return the tables, with minimal provenance
     * @throws IllegalArgumentException if a part does not implement {@link Tabular}
     */
    public List<Table> tables() {
        List<Table> tables = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            Table t = table(i);
            tables.add(t);
            counts.merge(t.name(), 1, Integer::sum);
        }
        for (int i = 0; i < tables.size(); i++) {
            Table t = tables.get(i);
            if (counts.get(t.name()) > 1) {
                Table.Builder b = Table.builder(t.name() + "_" + i).provenance(t.provenance());
                for (Column c : t.columns()) {
                    b.column(c);
                }
                tables.set(i, b.build());
            }
        }
        return tables;
    }
}
