package dev.flowmatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.openscience.cdk.interfaces.IAtomContainer;

import ai.djl.Device;
import dev.flowmatch.engine.chem.AtomVocabulary;
import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.chem.Reconstruction;
import dev.flowmatch.engine.compute.TorchRuntime;
import dev.flowmatch.engine.encoder.DefaultEncoders;
import dev.flowmatch.engine.flow.solver.SolverKind;
import dev.flowmatch.engine.flow.solver.TimeGrid;
import dev.flowmatch.engine.metrics.DistributionMetrics;
import dev.flowmatch.engine.metrics.ReferenceSet;
import dev.flowmatch.engine.model.ModelConfig;
import dev.flowmatch.engine.train.FlowModel;
import dev.flowmatch.engine.train.RepaConfig;
import dev.flowmatch.engine.train.Representation;
import dev.flowmatch.engine.train.Trainer;
import dev.flowmatch.engine.train.TrainingConfig;
import dev.flowmatch.engine.train.TrainingData;
import dev.flowmatch.engine.train.TrainingListener;

/**
 * The REPA study on QM9 under one fixed budget per run (the same number of training steps of batch 64):
 * does aligning block 2 with a frozen encoder (λ = 0.5) help, inside which time window (all t or t > 0.5),
 * with or without positional encodings of the canonical atom order, and with a 2D (MPNN, graph) or a 3D
 * (SchNet, coordinates) encoder? Every run starts from the same seed and data; a second baseline seed shows
 * how much runs differ by chance. Per run: the validation flow-matching loss over training (REPA excluded,
 * so runs compare), the alignment cosine, and {@code --samples} molecules sampled with Heun (25 steps)
 * measured against 1,000 held-out QM9 molecules. Writes curves (PNG) and a CSV per run to
 * benchmarks/target/repa-study/.
 *
 * <p>The first study (2026-11-23, {@code benchmarks/run repa-study-2k}); the study at 20,000 steps with three
 * seeds per arm is {@link RepaStudyBenchmark}.
 *
 * <p>Args: {@code --steps 2000 --molecules 20000 --samples 500 --only NAME,NAME}.
 */
final class RepaStudy2kBenchmark implements Benchmarks.Benchmark {

    /** One configuration of the study. */
    record Run(String name, double lambda, double windowFrom, boolean positions, String encoder, long seed,
        boolean centred) {
        Run(final String name, final double lambda, final double windowFrom, final boolean positions,
            final String encoder, final long seed) {
            this(name, lambda, windowFrom, positions, encoder, seed, false);
        }

        RepaConfig repa() {
            return lambda > 0 ? RepaConfig.of(lambda, 2).withWindow(windowFrom, 1) : RepaConfig.off();
        }

        String describe() {
            return lambda > 0 ? String.format(Locale.ROOT, "REPA λ=%.1f vs %s%s, t %s, positions %s", lambda, encoder,
                centred ? " (centred)" : "", windowFrom > 0 ? "> " + windowFrom : "all", positions ? "on" : "off")
                : "no REPA, positions " + (positions ? "on" : "off") + (seed != 1 ? ", seed " + seed : "");
        }
    }

    static final List<Run> RUNS = List.of(
        new Run("baseline", 0, 0, false, "", 1),
        new Run("baseline-seed2", 0, 0, false, "", 2),
        new Run("positions", 0, 0, true, "", 1),
        new Run("mpnn-all", 0.5, 0, false, "mpnn", 1),
        new Run("mpnn-late", 0.5, 0.5, false, "mpnn", 1),
        new Run("schnet-all", 0.5, 0, false, "schnet", 1),
        new Run("schnet-late", 0.5, 0.5, false, "schnet", 1),
        new Run("mpnn-all-positions", 0.5, 0, true, "mpnn", 1),
        new Run("mpnn-all-centred", 0.5, 0, false, "mpnn", 1, true),
        new Run("mpnn-all-centred-positions", 0.5, 0, true, "mpnn", 1, true));

    /** What a run measured. */
    record Outcome(Run run, List<double[]> validation, double[] smoothedLoss, double seconds, double valCosine,
        double constantCosine, Map<String, Double> metrics) {
    }

    @Override
    public String run(final String[] args) throws Exception {
        int steps = 2000;
        int molecules = 20000;
        int samples = 500;
        List<String> only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--molecules" -> molecules = Integer.parseInt(args[++i]);
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--only" -> only = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                    + " (known: --steps N --molecules N --samples N --only NAME,NAME; runs: "
                    + RUNS.stream().map(Run::name).toList() + ")");
            }
        }
        long t0 = System.nanoTime();
        var qm9 = Qm9Split.spread(molecules);
        var train = qm9.train();
        var val = qm9.validation();
        var trainMols = qm9.trainMolecules();
        var valMols = qm9.validationMolecules();
        var reference = ReferenceSet.of(valMols);
        var trainingSmiles = DistributionMetrics.canonical(trainMols);
        System.out.printf(Locale.ROOT, "QM9: %d training, %d held-out molecules (every %d-th record), prepared in %.0f s;"
            + " %s; %d steps of batch 64 per run, %d samples (Heun, 25 steps)%n", train.size(), val.size(), qm9.stride(),
            (System.nanoTime() - t0) / 1e9, TorchRuntime.describe(), steps, samples);
        var rep = Representation.of(qm9.all().vocabulary().tokens(), true, train, Double.NaN, 1.0);
        var targets = new HashMap<String, float[][][]>();
        var outcomes = new ArrayList<Outcome>();
        var outDir = Path.of("benchmarks/target/repa-study");
        Files.createDirectories(outDir);
        for (var run : RUNS) {
            if (only != null && !only.contains(run.name())) {
                continue;
            }
            TrainingData data = TrainingData.of(train, val);
            double constant = Double.NaN;
            if (run.lambda() > 0) {
                var t = targets.computeIfAbsent(run.encoder(), e -> embed(e, trainMols, valMols));
                data = new TrainingData(train, val, () -> t[0], () -> t[1]);
                if (run.centred()) {
                    data = data.withCentredTargets();
                }
                constant = TrainQm9Benchmark.meanCosine(data.trainTargets(), data.validationTargets());
            }
            var outcome = train(run, rep, data, steps, qm9.all().vocabulary(), reference, trainingSmiles, samples, constant);
            outcomes.add(outcome);
            StudyReport.csv(outcome, outDir.resolve(run.name() + ".csv"));
        }
        StudyReport.charts(outcomes, outDir);
        StudyReport.table(outcomes);
        var base = outcomes.stream().filter(o -> o.run().name().equals("baseline")).findFirst();
        var best = outcomes.stream().min((a, b) -> Double.compare(last(a), last(b))).orElseThrow();
        return String.format(Locale.ROOT, "runs=%d baseline_val_loss=%.4f best=%s best_val_loss=%.4f%s", outcomes.size(),
            base.map(RepaStudy2kBenchmark::last).orElse(Double.NaN), best.run().name(), last(best),
            base.map(o -> String.format(Locale.ROOT, " baseline_mol_stable_edm=%.3f",
                o.metrics().get(DistributionMetrics.MOLECULE_STABILITY_EDM)))
                .orElse(""));
    }

    static double last(final Outcome o) {
        return o.validation().get(o.validation().size() - 1)[1];
    }

    private static float[][][] embed(final String name, final List<IAtomContainer> train,
        final List<IAtomContainer> val) {
        long t0 = System.nanoTime();
        try (var encoder = DefaultEncoders.named(name, Device.cpu())) {
            var out = new float[][][]{encoder.embed(train), encoder.embed(val)};
            System.out.printf(Locale.ROOT, "%s targets for %d + %d molecules in %.0f s%n", name, train.size(), val.size(),
                (System.nanoTime() - t0) / 1e9);
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("Encoder " + name + ": " + e.getMessage(), e);
        }
    }

    private static Outcome train(final Run run, final Representation rep, final TrainingData data, final int steps,
        final AtomVocabulary vocabulary, final ReferenceSet reference, final java.util.Set<String> trainingSmiles,
        final int samples, final double constantCosine) throws Exception {
        var arch = ModelConfig.defaults(rep.vocabulary().size()).withPositionalEncoding(run.positions());
        var cfg = TrainingConfig.defaults(steps).withBatch(64, 5e-4, 200).withSeed(run.seed())
            .withValidation(Math.max(1, steps / 10)).withRepa(run.repa());
        int repaDim = run.lambda() > 0 ? data.trainTargets()[0].length : 0;
        long t0 = System.nanoTime();
        try (var trainer = new Trainer(rep, arch, cfg, repaDim, Device.cpu())) {
            trainer.train(data, TrainingListener.none());
            double seconds = (System.nanoTime() - t0) / 1e9;
            var validation = trainer.validationMetrics().stream()
                .map(v -> new double[]{v.step(), v.loss(), v.cosine()}).toList();
            var smoothed = StudyReport.smooth(trainer.stepMetrics().stream().mapToDouble(m -> m.coordLoss()
                + 0.5 * m.typeLoss()).toArray());
            double cosine = validation.get(validation.size() - 1)[2];
            try (var model = FlowModel.of(trainer, run.encoder(), Device.cpu())) {
                var counts = model.sampleAtomCounts(samples, new Random(7));
                var generated = model.generate(counts, SolverKind.HEUN.create(), TimeGrid.uniform(25), 7, 100);
                var mols = new ArrayList<IAtomContainer>();
                for (PointCloud c : generated.clouds()) {
                    mols.add(Reconstruction.rebuild(c, vocabulary, true).molecule());
                }
                var metrics = new LinkedHashMap<>(DistributionMetrics.compute(mols, reference, trainingSmiles, null, null,
                    null, DistributionMetrics.Options.defaults()).values());
                System.out.printf(Locale.ROOT, "%-20s %s: %.0f s, validation loss %.4f, cosine %.3f (constant %.3f);"
                    + " valid %.3f, connected %.3f, atom stability (EDM) %.3f, molecule stability (EDM) %.3f%n",
                    run.name(), run.describe(),
                    seconds, validation.get(validation.size() - 1)[1], cosine, constantCosine, metrics.get("Validity"),
                    metrics.get("Connectivity"), metrics.get(DistributionMetrics.ATOM_STABILITY_EDM),
                    metrics.get(DistributionMetrics.MOLECULE_STABILITY_EDM));
                return new Outcome(run, validation, smoothed, seconds, cosine, constantCosine, metrics);
            }
        }
    }
}
