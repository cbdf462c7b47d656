package dev.flowmatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.chem.AtomVocabulary;
import dev.flowmatch.engine.chem.Reconstruction;
import dev.flowmatch.engine.compute.TorchRuntime;
import dev.flowmatch.engine.flow.solver.Dopri5Solver;
import dev.flowmatch.engine.flow.solver.SolverKind;
import dev.flowmatch.engine.flow.solver.TimeGrid;
import dev.flowmatch.engine.model.ModelConfig;
import dev.flowmatch.engine.model.NeuralVelocityField;
import dev.flowmatch.engine.train.FlowModel;
import dev.flowmatch.engine.train.Representation;
import dev.flowmatch.engine.train.Trainer;
import dev.flowmatch.engine.train.TrainingConfig;
import dev.flowmatch.engine.train.TrainingListener;

/**
 * Samples 1,000 molecules from a QM9 model per solver and step count and reports wall time, NFE, validity,
 * connectivity and molecule stability, the time of integration and of bond perception with the checks,
 * and the share of time spent outside the network: perception and checks, plus whatever integration takes
 * beyond NFE × the measured time of one network evaluation on the same batch shapes (noise, solver
 * arithmetic, decoding; this estimate is noisy by a few per cent). The model is trained here for {@code --minutes} on QM9 (every
 * few records, as train-qm9) and cached in benchmarks/target/sampling-qm9-model.zip; {@code --model FILE}
 * uses another.
 *
 * <p>Args: {@code --molecules 1000 --minutes 10 --model FILE --chunk 100}.
 */
final class SamplingBenchmark implements Benchmarks.Benchmark {

    @Override
    public String run(final String[] args) throws Exception {
        int molecules = 1000;
        double minutes = 10;
        int chunk = 100;
        Path modelFile = Path.of("benchmarks/target/sampling-qm9-model.zip");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--molecules" -> molecules = Integer.parseInt(args[++i]);
                case "--minutes" -> minutes = Double.parseDouble(args[++i]);
                case "--model" -> modelFile = Path.of(args[++i]);
                case "--chunk" -> chunk = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                    + " (known: --molecules N --minutes M --model FILE --chunk N)");
            }
        }
        System.out.println(TorchRuntime.describe());
        if (!Files.exists(modelFile)) {
            train(modelFile, minutes);
        }
        try (var model = FlowModel.load(modelFile, Device.cpu())) {
            var rep = model.representation();
            var vocabulary = AtomVocabulary.parse(rep.vocabulary());
            System.out.printf(Locale.ROOT, "model %s: %s; %d molecules per configuration, chunks of %d%n", modelFile,
                rep, molecules, chunk);
            var counts = model.sampleAtomCounts(molecules, new Random(7));
            double forward = forwardSeconds(model, counts, chunk);
            System.out.printf(Locale.ROOT, "one network evaluation of all %d molecules (in chunks): %.3f s%n",
                molecules, forward);
            String bucketing = compareBucketing(model, counts, chunk);
            System.out.println("| solver | steps | NFE | seconds | ms/molecule | integration s | perception s |"
                + " outside network | connected valid | connected | mol. stable |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
            String last = "";
            var configs = List.of(new Object[]{SolverKind.EULER, 20}, new Object[]{SolverKind.EULER, 50},
                new Object[]{SolverKind.EULER, 100}, new Object[]{SolverKind.HEUN, 25},
                new Object[]{SolverKind.HEUN, 50}, new Object[]{SolverKind.RK4, 25}, new Object[]{SolverKind.DOPRI5, 0});
            for (var c : configs) {
                var kind = (SolverKind)c[0];
                int steps = (Integer)c[1];
                var grid = kind == SolverKind.DOPRI5 ? TimeGrid.endpoints(0, 1) : TimeGrid.uniform(steps);
                long t0 = System.nanoTime();
                int nfe = 0;
                int valid = 0;
                int connected = 0;
                int stable = 0;
                long perceive = 0;
                // one call: the model integrates the molecules in chunks of similar size
                var solver = kind == SolverKind.DOPRI5 ? new Dopri5Solver(1e-4, 1e-4, 10_000) : kind.create();
                var g = model.generate(counts, solver, grid, 0, chunk);
                nfe = g.nfe();
                long p0 = System.nanoTime();
                for (var cloud : g.clouds()) {
                    var r = Reconstruction.rebuild(cloud, vocabulary, rep.explicitHydrogens()).report();
                    valid += r.connectedValid() ? 1 : 0;
                    connected += r.connected() ? 1 : 0;
                    stable += r.perceivedMoleculeStable() ? 1 : 0;
                }
                perceive += System.nanoTime() - p0;
                double seconds = (System.nanoTime() - t0) / 1e9;
                double perceptionSeconds = perceive / 1e9;
                double integration = seconds - perceptionSeconds;
                // outside = perception and checks + what integration spends beyond NFE network evaluations
                double outside = (perceptionSeconds + Math.max(0, integration - nfe * forward)) / seconds;
                System.out.printf(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %.1f | %.1f | %.0f%% | %.3f | %.3f |"
                    + " %.3f |%n", kind, kind == SolverKind.DOPRI5 ? "adaptive, tol 1e-4" : steps, nfe, seconds,
                    1000 * seconds / molecules, integration, perceptionSeconds, 100 * outside,
                    valid / (double)molecules, connected / (double)molecules, stable / (double)molecules);
                if (kind == SolverKind.HEUN && steps == 50) {
                    last = String.format(Locale.ROOT, "heun50_s=%.1f heun50_nfe=%d outside_share=%.3f connected_valid=%.3f"
                        + " stable=%.3f", seconds, nfe, outside, valid / (double)molecules, stable / (double)molecules);
                }
            }
            return last + " " + bucketing;
        }
    }

    /**
     * Heun with 25 steps over all molecules, chunks in request order (one generate call per chunk: what
     * sampling did before size bucketing) against one call that sorts the molecules by size into chunks;
     * alternated over rounds, the order flipped each round.
     *
     * @return the summary's bucketing keys
     */
    private static String compareBucketing(final FlowModel model, final int[] counts, final int chunk) {
        var grid = TimeGrid.uniform(25);
        double[] plain = new double[4];
        double[] sorted = new double[4];
        for (int round = 0; round < plain.length; round++) {
            for (int k = 0; k < 2; k++) {
                boolean bucketed = (round + k) % 2 == 1;
                long t0 = System.nanoTime();
                if (bucketed) {
                    model.generate(counts, SolverKind.HEUN.create(), grid, round, chunk);
                } else {
                    for (int start = 0; start < counts.length; start += chunk) {
                        int end = Math.min(counts.length, start + chunk);
                        model.generate(java.util.Arrays.copyOfRange(counts, start, end), SolverKind.HEUN.create(), grid,
                            round + start, chunk);
                    }
                }
                (bucketed ? sorted : plain)[round] = (System.nanoTime() - t0) / 1e9;
            }
        }
        java.util.Arrays.sort(plain);
        java.util.Arrays.sort(sorted);
        double plainS = (plain[1] + plain[2]) / 2;
        double sortedS = (sorted[1] + sorted[2]) / 2;
        var ascending = counts.clone();
        java.util.Arrays.sort(ascending);
        double wastePlain = paddingWaste(counts, chunk);
        double wasteSorted = paddingWaste(ascending, chunk);
        System.out.printf(Locale.ROOT, "size bucketing, Heun 25 steps, %d molecules in chunks of %d (median of %d rounds,"
            + " alternating): padding waste %.1f%% → %.1f%%, %.1f → %.1f molecules/s (×%.2f)%n", counts.length, chunk,
            plain.length, 100 * wastePlain, 100 * wasteSorted, counts.length / plainS, counts.length / sortedS,
            plainS / sortedS);
        return String.format(Locale.ROOT, "padding_waste=%.4f unbucketed_padding_waste=%.4f mols_per_s=%.1f"
            + " unbucketed_mols_per_s=%.1f speedup=%.3f", wasteSorted, wastePlain, counts.length / sortedS,
            counts.length / plainS, plainS / sortedS);
    }

    /** @return 1 − atoms / slots when the counts are cut into consecutive chunks, each padded to its largest */
    private static double paddingWaste(final int[] counts, final int chunk) {
        long atoms = 0;
        long slots = 0;
        for (int start = 0; start < counts.length; start += chunk) {
            int end = Math.min(counts.length, start + chunk);
            int max = 0;
            for (int i = start; i < end; i++) {
                atoms += counts[i];
                max = Math.max(max, counts[i]);
            }
            slots += (long)max * (end - start);
        }
        return 1 - atoms / (double)slots;
    }

    /** @return seconds of one field evaluation over all molecules, chunked as in sampling (median of 5) */
    private static double forwardSeconds(final FlowModel model, final int[] requested, final int chunk) {
        var counts = requested.clone();
        java.util.Arrays.sort(counts); // chunks as generate forms them
        var layout = model.representation().layout();
        var times = new double[5];
        for (int rep = 0; rep < times.length; rep++) {
            long t0 = System.nanoTime();
            for (int start = 0; start < counts.length; start += chunk) {
                int end = Math.min(counts.length, start + chunk);
                int n = 0;
                for (int i = start; i < end; i++) {
                    n = Math.max(n, counts[i]);
                }
                try (var scope = TorchRuntime.newManager(Device.cpu())) {
                    var maskValues = new float[(end - start) * n];
                    for (int i = start; i < end; i++) {
                        java.util.Arrays.fill(maskValues, (i - start) * n, (i - start) * n + counts[i], 1f);
                    }
                    var mask = scope.create(maskValues, new Shape(end - start, n));
                    var x = layout.noise(mask, new Random(rep));
                    var field = new NeuralVelocityField(model.network(), model.training().path().path(),
                        model.training().path().parametrization(), model.training().typeLoss(), layout.typeScale(),
                        mask);
                    field.velocity(x, 0.5).close();
                }
            }
            times[rep] = (System.nanoTime() - t0) / 1e9;
        }
        java.util.Arrays.sort(times);
        return times[2];
    }

    /** Trains the default transformer on QM9 for the time budget (as train-qm9) and saves it. */
    private static void train(final Path file, final double minutes) throws Exception {
        var qm9 = Qm9Split.spread(20000);
        var train = qm9.train();
        var rep = Representation.of(qm9.all().vocabulary().tokens(), true, train, Double.NaN, 1.0);
        var arch = ModelConfig.defaults(rep.vocabulary().size());
        long budget = (long)(minutes * 60e9);
        int steps = (int)(minutes * 60 / 0.25); // ~250 ms per step of 64 on 2 threads
        var cfg = TrainingConfig.defaults(steps).withValidation(Math.max(1, steps / 5));
        var data = qm9.data();
        long start = System.nanoTime();
        try (var trainer = new Trainer(rep, arch, cfg, 0, Device.cpu())) {
            while (trainer.step() < steps && System.nanoTime() - start < budget) {
                trainer.train(data, TrainingListener.none(), Math.min(steps, trainer.step() + 50));
            }
            var v = trainer.validate(data);
            System.out.printf(Locale.ROOT, "trained %d steps on %d QM9 molecules in %.0f s; validation loss %.4f%n",
                trainer.step(), train.size(), (System.nanoTime() - start) / 1e9, v.loss());
            Files.createDirectories(file.getParent());
            try (var model = FlowModel.of(trainer, "", Device.cpu())) {
                model.save(file);
            }
        }
    }
}
