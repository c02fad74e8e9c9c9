package org.ness4j.sde.ensemble;

import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.ness4j.core.stat.Accumulator;
import org.ness4j.core.stat.GroupedSums;

/** Test accumulator: sums of x_i and x_i^2 over sampled states, per trajectory group. */
final class StateMoments implements Accumulator<StateMoments> {

    final GroupedSums sums;

    StateMoments(int dimension) {
        this.sums = new GroupedSums(2 * dimension);
    }

    static EnsembleObserver<StateMoments> observer(int dimension, SampleSchedule schedule) {
        return observer(dimension, schedule, false);
    }

    /** @param savesState whether batches in flight can be checkpointed */
    static EnsembleObserver<StateMoments> observer(int dimension, SampleSchedule schedule,
                                                   boolean savesState) {
        return new EnsembleObserver<>() {
            public SampleSchedule schedule() {
                return schedule;
            }

            public BatchObserver<StateMoments> open(BatchInfo info) {
                double[] lane = new double[2 * dimension * info.size()];
                long[] samples = new long[1];
                return new BatchObserver<>() {
                    public void observe(long step, double t, double[] x) {
                        int n = info.size();
                        int lanes = info.lanes();
                        for (int i = 0; i < dimension; i++) {
                            for (int b = 0; b < n; b++) {
                                double v = x[i * lanes + b];
                                lane[(2 * i) * n + b] += v;
                                lane[(2 * i + 1) * n + b] += v * v;
                            }
                        }
                        samples[0]++;
                    }

                    @Override
                    public boolean canSaveState() {
                        return savesState;
                    }

                    @Override
                    public void saveState(DataOutput out) throws IOException {
                        BatchObserver.writeArray(out, lane);
                        out.writeLong(samples[0]);
                    }

                    @Override
                    public void restoreState(java.io.DataInput in) throws IOException {
                        BatchObserver.readArray(in, lane);
                        samples[0] = in.readLong();
                    }

                    public StateMoments finish(boolean[] diverged) {
                        StateMoments r = new StateMoments(dimension);
                        int n = info.size();
                        int g = info.groupSize();
                        double[] v = new double[2 * dimension];
                        for (int s = 0; s < n; s += g) {
                            int e = Math.min(n, s + g);
                            boolean bad = false;
                            for (int b = s; b < e; b++) {
                                bad |= diverged[b];
                            }
                            if (bad) {
                                continue;
                            }
                            Arrays.fill(v, 0);
                            for (int k = 0; k < v.length; k++) {
                                for (int b = s; b < e; b++) {
                                    v[k] += lane[k * n + b];
                                }
                            }
                            r.sums.add((info.firstTrajectory() + s) / g,
                                (double) samples[0] * (e - s), v);
                        }
                        return r;
                    }
                };
            }

            public StateMoments empty() {
                return new StateMoments(dimension);
            }

            @Override
            public StateMoments read(java.io.DataInput in) throws IOException {
                StateMoments m = new StateMoments(dimension);
                m.sums.combine(GroupedSums.readFrom(in));
                return m;
            }
        };
    }

    @Override
    public long valuesPerGroup() {
        return sums.valuesPerGroup();
    }

    @Override
    public StateMoments combine(StateMoments other) {
        sums.combine(other.sums);
        return this;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        sums.writeTo(out);
    }
}
