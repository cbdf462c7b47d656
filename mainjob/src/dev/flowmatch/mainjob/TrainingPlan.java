package dev.flowmatch.mainjob;

import java.util.Locale;

import ai.djl.Device;
import dev.flowmatch.engine.flow.solver.SolverKind;
import dev.flowmatch.engine.flow.solver.TimeGrid;
import dev.flowmatch.engine.model.ModelConfig;
import dev.flowmatch.engine.train.RepaConfig;
import dev.flowmatch.engine.train.Representation;
import dev.flowmatch.engine.train.FlowModel;
import dev.flowmatch.engine.train.Trainer;
import dev.flowmatch.engine.train.TrainingConfig;
import dev.flowmatch.engine.train.TrainingData;
import dev.flowmatch.engine.train.TrainingListener;

/**
 * How long to train within the budget. A probe times a few training steps of the real configuration and a
 * few network evaluations of a sampling batch; sampling's share of the budget is estimated from the latter,
 * and training gets the rest. The estimate sets the learning-rate schedule; the wall clock, checked before
 * every step, is what stops training when the machine turns out slower than probed.
 */
record TrainingPlan(int steps, double secondsPerStep, double samplingReserve, boolean budgeted) {

    static TrainingPlan of(final Representation rep, final ModelConfig arch, final int batch, final RepaConfig repa,
        final int repaDim, final TrainingData data, final Device device, final Options o, final Budget budget) {
        var probe = TrainingConfig.defaults(100).withBatch(batch, 5e-4, 10).withRepa(repa);
        double perStep;
        double perEvaluation; // one network evaluation of a sampling batch
        try (var t = new Trainer(rep, arch, probe, repaDim, device)) {
            // The first steps run cold (JIT, allocator), and for small molecules the Java side of a step matters:
            // timing steps 4-13 overestimated the step time by 1.5-2 times and left a quarter of the default
            // budget unused. Steps 31-60 are close to what training then does.
            // On a busy machine 60 probe steps took 48 s of a 3-minute budget: each half of the probe also stops
            // after 5% of the budget.
            double slice = budget.limited() ? 0.05 * budget.seconds() : Double.POSITIVE_INFINITY;
            long t0 = System.nanoTime();
            probeSteps(t, data, 30, slice);
            int from = t.step();
            long t1 = System.nanoTime();
            probeSteps(t, data, from + 30, slice);
            // Even so the probe ran 23% slower than the training that followed (0.097 vs 0.079 s per step, idle
            // 2-core machine): plan with 80% of it; the deadline check before every step catches a slower machine.
            // Under bursty load (another job alternating threads and parallel streams) either half can hit a
            // burst (3.8 s per step probed, 1.2 s trained): the faster half counts.
            double first = (t1 - t0) / 1e9 / Math.max(1, from);
            double second = (System.nanoTime() - t1) / 1e9 / Math.max(1, t.step() - from);
            perStep = 0.8 * Math.min(first, second);
            try (var m = FlowModel.of(t, "", device)) {
                var counts = m.sampleAtomCounts(Math.min(Sampling.BATCH, o.samples), new java.util.Random(o.seed));
                m.generate(counts, SolverKind.EULER.create(), TimeGrid.uniform(4), o.seed, Sampling.BATCH); // warm-up
                long s0 = System.nanoTime();
                m.generate(counts, SolverKind.EULER.create(), TimeGrid.uniform(8), o.seed, Sampling.BATCH);
                perEvaluation = (System.nanoTime() - s0) / 1e9 / 8;
            }
        }
        int nfe = 2 * TrainingRun.SOLVER.defaultSteps(); // Heun: two evaluations per step
        int batches = (o.samples + Sampling.BATCH - 1) / Sampling.BATCH;
        // the measured sampling time (it came out at 10 s where 1.2 times the estimate kept 25 s), then bond
        // perception, metrics and files
        double reserve = perEvaluation * nfe * batches + Sampling.finishSeconds(o.samples);
        if (!budget.limited()) {
            return new TrainingPlan(o.steps, perStep, reserve, false);
        }
        double forTraining = budget.remaining() - reserve;
        int fit = (int)Math.floor(forTraining / perStep);
        if (fit < 10) {
            throw new UserError(String.format(Locale.ROOT, "The %s budget leaves no time to train: %.0f s are gone"
                + " (reading, conformers, a probe), sampling %d molecules needs about %.0f s, and a step takes %.2f s."
                + " Raise --minutes or lower --samples.", budget.describe(), budget.elapsed(), o.samples, reserve,
                perStep));
        }
        return new TrainingPlan(o.steps > 0 ? o.steps : fit, perStep, reserve, true);
    }

    /** Trains the probe up to a step, or until the seconds are spent (at least one step). */
    private static void probeSteps(final Trainer t, final TrainingData data, final int until, final double seconds) {
        long start = System.nanoTime();
        int first = t.step();
        try {
            t.train(data, new TrainingListener() {
                @Override
                public boolean isCancelled() {
                    return t.step() > first && (System.nanoTime() - start) / 1e9 > seconds;
                }
            }, until);
        } catch (java.util.concurrent.CancellationException e) {
            // the slice is spent: time what was done
        }
    }

    /** @return true when the next step would eat into the time kept for sampling */
    boolean trainingTimeIsUp(final Budget budget) {
        return budgeted && budget.remaining() - samplingReserve < secondsPerStep;
    }

    String describe(final int batch) {
        return budgeted ? String.format(Locale.ROOT, "training %d steps of batch %d (%.3f s per step, probed; about %.1f"
            + " minutes, keeping %.0f s for sampling)", steps, batch, secondsPerStep, steps * secondsPerStep / 60,
            samplingReserve) : String.format(Locale.ROOT, "training %d steps of batch %d (%.2f s per step, probed)", steps,
                batch, secondsPerStep);
    }
}
