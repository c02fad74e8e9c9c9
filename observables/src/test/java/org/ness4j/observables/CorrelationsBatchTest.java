package org.ness4j.observables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.sde.ensemble.BatchInfo;
import org.ness4j.sde.ensemble.BatchObserver;
import org.ness4j.sde.ensemble.SampleSchedule;

/**
 * The batch observer of {@link Correlations} (which adds the products of each pair straight into
 * the group sums) gives bit for bit the accumulator of the sample-level
 * {@link Correlations#accept}, called for every sample and every trajectory in lane order, for
 * random batch and group sizes (groups of one, partial last groups), replicas, pairs (diagonal ones included)
 * and field values over eight decades, so that any change in the order of additions shows.
 */
class CorrelationsBatchTest {

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void batchSumsEqualSampleLevelSums(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + 900);
        int size = 1 + rng.nextInt(200);
        int g = seed % 4 == 0 ? 1 : 1 + rng.nextInt(Math.min(size, 40)); // every fourth: groups of one
        int replicas = 1 + rng.nextInt(2);
        int sites = 1 + rng.nextInt(8);
        int pairs = 1 + rng.nextInt(6);
        int samples = 1 + rng.nextInt(4);
        int[] k = new int[pairs];
        int[] l = new int[pairs];
        for (int p = 0; p < pairs; p++) {
            k[p] = rng.nextInt(sites);
            l[p] = rng.nextInt(sites);
        }
        String shape = "size " + size + ", group " + g + ", replicas " + replicas + ", sites "
            + sites + ", pairs " + pairs + ", samples " + samples + ", seed " + seed;
        BatchInfo info = new BatchInfo(0, size, replicas, g, 2 * sites, 0.01);
        Correlations template = Correlations.of(k, l);
        BatchObserver<Correlations> batch = Correlations.observer(new SampleSchedule(0, 1),
            template).open(info);
        Correlations reference = Correlations.of(k, l);
        int lanes = info.lanes();
        double[] x = new double[2 * sites * lanes];
        double[] field = new double[2 * sites];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (rng.nextDouble() - 0.5) * Math.pow(10, 4 * rng.nextDouble());
            }
            batch.observe(s, 0.01 * s, x);
            for (int b = 0; b < size; b++) {
                for (int c = 0; c < 2 * sites; c++) {
                    field[c] = x[c * lanes + b];
                }
                reference.accept(b / g, field);
            }
        }
        Correlations result = batch.finish(new boolean[size]);
        for (int p = 0; p < pairs; p++) {
            String where = "pair (" + k[p] + ", " + l[p] + "); " + shape;
            assertEquals(Double.doubleToLongBits(reference.correlationRe(k[p], l[p]).value()),
                Double.doubleToLongBits(result.correlationRe(k[p], l[p]).value()), "Re, " + where);
            assertEquals(Double.doubleToLongBits(reference.correlationIm(k[p], l[p]).value()),
                Double.doubleToLongBits(result.correlationIm(k[p], l[p]).value()), "Im, " + where);
            assertEquals(Double.doubleToLongBits(reference.g1Abs(k[p], l[p]).value()),
                Double.doubleToLongBits(result.g1Abs(k[p], l[p]).value()), "g1, " + where);
        }
        assertEquals(reference, result, shape);
    }
}
