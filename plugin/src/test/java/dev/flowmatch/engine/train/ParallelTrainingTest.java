package dev.flowmatch.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import ai.djl.Device;

/**
 * KNIME executes independent branches of a workflow at the same time: two learners must be able to train in
 * parallel in one JVM (DJL's PyTorch engine records gradients for one collector at a time), and each must
 * compute what it computes alone.
 */
class ParallelTrainingTest {

    @Test
    void twoTrainersInParallelThreadsTrainAsEachDoesAlone() throws Exception {
        var alone = new ArrayList<Double>();
        for (long seed : new long[]{1, 2}) {
            alone.add(train(seed));
        }
        var pool = Executors.newFixedThreadPool(2);
        try {
            var tasks = new ArrayList<Callable<Double>>();
            for (long seed : new long[]{1, 2}) {
                tasks.add(() -> train(seed));
            }
            var results = pool.invokeAll(tasks, 10, TimeUnit.MINUTES);
            for (int i = 0; i < 2; i++) {
                assertEquals(alone.get(i), results.get(i).get(), 0.0, "trainer " + (i + 1) + " in parallel");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** @return the final training loss of a short run */
    private static double train(final long seed) {
        var cfg = TrainerTest.config(12).withSeed(seed);
        try (var t = new Trainer(TrainerTest.representation(), TrainerTest.architecture(), cfg, 0, Device.cpu())) {
            t.train(TrainerTest.data(new AtomicInteger()), TrainingListener.none());
            var steps = t.stepMetrics();
            return steps.get(steps.size() - 1).loss();
        }
    }
}
