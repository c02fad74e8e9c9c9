package org.ness4j.observables;

import java.io.DataInput;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.EnsembleObserver;
import org.ness4j.sde.ensemble.Observations;
import org.ness4j.sde.ensemble.SampleSchedule;

/** Runs {@link AccumulatorContract} for every accumulator of the module. */
class AccumulatorContractTest {

    private static final SampleSchedule SCHEDULE = new SampleSchedule(50, 5);

    @Nested
    class SiteMomentsContract extends AccumulatorContract<SiteMoments> {
        EnsembleObserver<SiteMoments> observer() {
            return SiteMoments.observer(SCHEDULE, 0, 2, 4, 1, 3);
        }

        SiteMoments read(DataInput in) throws IOException {
            return SiteMoments.readFrom(in);
        }

        @Override
        boolean accept(SiteMoments acc, long group, double[] field) {
            // observer sites 0, 2, 4, 1, 3: reorder the chain field accordingly
            int[] s = {0, 2, 4, 1, 3};
            double[] f = new double[10];
            for (int i = 0; i < 5; i++) {
                f[2 * i] = field[2 * s[i]];
                f[2 * i + 1] = field[2 * s[i] + 1];
            }
            acc.accept(group, f);
            return true;
        }
    }

    @Nested
    class WignerHistogramContract extends AccumulatorContract<WignerHistogram> {
        EnsembleObserver<WignerHistogram> observer() {
            return WignerHistogram.observer(SCHEDULE, 8, 3.0, 0, 1, 2, 3, 4);
        }

        WignerHistogram read(DataInput in) throws IOException {
            return WignerHistogram.readFrom(in);
        }

        @Override
        boolean accept(WignerHistogram acc, long group, double[] field) {
            acc.accept(group, field);
            return true;
        }
    }

    @Nested
    class FockPopulationsContract extends AccumulatorContract<FockPopulations> {
        EnsembleObserver<FockPopulations> observer() {
            return FockPopulations.observer(SCHEDULE, 12, 0, 1, 2, 3, 4);
        }

        FockPopulations read(DataInput in) throws IOException {
            return FockPopulations.readFrom(in);
        }

        @Override
        boolean accept(FockPopulations acc, long group, double[] field) {
            acc.accept(group, field);
            return true;
        }
    }

    @Nested
    class CorrelationsContract extends AccumulatorContract<Correlations> {
        EnsembleObserver<Correlations> observer() {
            return Correlations.observer(SCHEDULE, Correlations.reference(2, 0, 1, 2, 3, 4));
        }

        Correlations read(DataInput in) throws IOException {
            return Correlations.readFrom(in);
        }

        @Override
        boolean accept(Correlations acc, long group, double[] field) {
            acc.accept(group, field);
            return true;
        }
    }

    @Nested
    class ObservationsContract extends AccumulatorContract<Observations> {
        EnsembleObserver<Observations> observer() {
            return Observations.observer(SiteMoments.observer(SCHEDULE, 0, 4),
                Correlations.observer(SCHEDULE, Correlations.reference(0, 4)));
        }

        Observations read(DataInput in) throws IOException {
            Observations.Reader<SiteMoments> a = SiteMoments::readFrom;
            Observations.Reader<Correlations> b = Correlations::readFrom;
            return Observations.readFrom(in, List.of(a, b));
        }
    }

    @Nested
    class SiteSeriesContract extends AccumulatorContract<SiteSeries> {
        EnsembleObserver<SiteSeries> observer() {
            return SiteSeries.observer(SCHEDULE, 20, 0.01, 1, 3);
        }

        SiteSeries read(DataInput in) throws IOException {
            return SiteSeries.readFrom(in);
        }
    }

    /**
     * Jackknife blocks: 12 groups in at most 5 blocks (3 groups each); the contract's batch
     * sizes of 2 and 6 trajectories split blocks between batches.
     */
    @Nested
    class BlockedSiteSeriesContract extends AccumulatorContract<SiteSeries> {
        EnsembleObserver<SiteSeries> observer() {
            return SiteSeries.observer(SCHEDULE, 20, 0.01, new int[] {1, 3}, 5);
        }

        SiteSeries read(DataInput in) throws IOException {
            return SiteSeries.readFrom(in);
        }
    }

    @Nested
    class AutocorrelationContract extends AccumulatorContract<Autocorrelation> {
        EnsembleObserver<Autocorrelation> observer() {
            return Autocorrelation.observer(SCHEDULE, 6, 0.01, 0, 4);
        }

        Autocorrelation read(DataInput in) throws IOException {
            return Autocorrelation.readFrom(in);
        }
    }

    @Nested
    class LocalDensityMatrixContract extends AccumulatorContract<LocalDensityMatrix> {
        EnsembleObserver<LocalDensityMatrix> observer() {
            return LocalDensityMatrix.observer(SCHEDULE, 1, 5);
        }

        LocalDensityMatrix read(DataInput in) throws IOException {
            return LocalDensityMatrix.readFrom(in);
        }

        @Override
        boolean accept(LocalDensityMatrix acc, long group, double[] field) {
            acc.accept(group, field[2], field[3]);
            return true;
        }
    }

    @Nested
    class PhaseOtocContract extends AccumulatorContract<PhaseOtoc> {
        EnsembleObserver<PhaseOtoc> observer() {
            return PhaseOtoc.observer(100, 10, 11, 0.01, 0, 4);
        }

        @Override
        Ensemble.Builder ensemble() {
            return super.ensemble().replicas(2, 100, PhaseOtoc.kick(0, 1e-3));
        }

        @Override
        int replicas() {
            return 2;
        }

        PhaseOtoc read(DataInput in) throws IOException {
            return PhaseOtoc.readFrom(in);
        }
    }

    /** Jackknife blocks: 12 groups in at most 5 blocks, split between batches of 2 and 6. */
    @Nested
    class BlockedPhaseOtocContract extends AccumulatorContract<PhaseOtoc> {
        EnsembleObserver<PhaseOtoc> observer() {
            return PhaseOtoc.observer(100, 10, 11, 0.01, new int[] {0, 4}, 5);
        }

        @Override
        Ensemble.Builder ensemble() {
            return super.ensemble().replicas(2, 100, PhaseOtoc.kick(0, 1e-3));
        }

        @Override
        int replicas() {
            return 2;
        }

        PhaseOtoc read(DataInput in) throws IOException {
            return PhaseOtoc.readFrom(in);
        }
    }

    /** Jackknife blocks: 12 groups in at most 5 blocks, split between batches of 2 and 6. */
    @Nested
    class BlockedAutocorrelationContract extends AccumulatorContract<Autocorrelation> {
        EnsembleObserver<Autocorrelation> observer() {
            return Autocorrelation.observer(SCHEDULE, 6, 0.01, new int[] {0, 4}, 5);
        }

        Autocorrelation read(DataInput in) throws IOException {
            return Autocorrelation.readFrom(in);
        }
    }

    /**
     * The map accumulators with jackknife blocks: 12 groups in at most 5 blocks (3 groups
     * each), split between the contract's batches of 2 and 6 trajectories and checkpointed in
     * flight; the sample-level tests of the unblocked contract run again (one row per group).
     */
    @Nested
    class BlockedWignerHistogramContract extends WignerHistogramContract {
        @Override
        EnsembleObserver<WignerHistogram> observer() {
            return WignerHistogram.observer(SCHEDULE, 8, 3.0, new int[] {0, 1, 2, 3, 4}, 5);
        }
    }

    /** As {@link BlockedWignerHistogramContract}. */
    @Nested
    class BlockedFockPopulationsContract extends FockPopulationsContract {
        @Override
        EnsembleObserver<FockPopulations> observer() {
            return FockPopulations.observer(SCHEDULE, 12, new int[] {0, 1, 2, 3, 4}, 5);
        }
    }

    /** As {@link BlockedWignerHistogramContract}. */
    @Nested
    class BlockedCorrelationsContract extends CorrelationsContract {
        @Override
        EnsembleObserver<Correlations> observer() {
            return Correlations.observer(SCHEDULE, Correlations.reference(2, 0, 1, 2, 3, 4), 5);
        }
    }

    /** As {@link BlockedWignerHistogramContract}. */
    @Nested
    class BlockedLocalDensityMatrixContract extends LocalDensityMatrixContract {
        @Override
        EnsembleObserver<LocalDensityMatrix> observer() {
            return LocalDensityMatrix.observer(SCHEDULE, 1, 5, 5);
        }
    }
}
