package dev.flowmatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.openscience.cdk.interfaces.IAtomContainer;

import ai.djl.Device;

import dev.flowmatch.engine.chem.AtomVocabulary;
import dev.flowmatch.engine.chem.Reconstruction;
import dev.flowmatch.engine.metrics.DistributionMetrics;
import dev.flowmatch.engine.metrics.MoleculeProfile;
import dev.flowmatch.engine.train.Conditions;
import dev.flowmatch.engine.train.FlowModel;
import dev.flowmatch.engine.train.PropertyTargets;

/**
 * Property-conditioned generation on QM9, measured the way EDM and GeoLDM measure their conditional task, with
 * properties CDK computes for any generated molecule: TPSA and logP (CDK's ALOGP). One geo-both network is trained
 * with both properties as conditions (dropout 0.1) and one without, at equal steps and seed. Targets are the
 * properties of held-out test molecules, each generated molecule getting its test molecule's atom count (so
 * (size, targets) come from the data's joint distribution, as EDM samples them). Reported per property: the MAE
 * between target and the property of each valid generated molecule (its largest fragment closed-shell) for (a)
 * conditional sampling (guidance w = 0, 1 and 2; and at w = 1 with sizes drawn as a user's targets get them, from
 * p(N | c) and from the unconditional histogram), (b) the same model given another test molecule's targets and
 * size, scored against the row's own targets (no information about the row: the bound, EDM's "naive" row), (c)
 * the property's own mean absolute deviation in the test set; and EDM stability and validity beside the
 * unconditional model's.
 * With {@code --from MODEL} both networks start from a trained unconditional model (the condition map at zero, so
 * the conditional one starts as that model for every target) and train {@code --steps} more at peak learning rate
 * {@code --lr} (default 5e-4): the properties are learnt on top of molecules the model already makes.
 * {@code --train-only conditional} (or {@code unconditional}) trains that arm and stops, so that both can train at
 * once in two processes; the run without it then finds both models.
 * <pre>benchmarks/run conditional-qm9 [--steps 5000] [--samples 1000] [--seed 1] [--from MODEL [--lr 5e-4]]
 *     [--train-only conditional|unconditional]</pre>
 */
final class ConditionalQm9Benchmark implements Benchmarks.Benchmark {

    static final List<String> PROPERTIES = List.of("TPSA", "logP");

    static final List<String> UNITS = List.of("Å²", "");

    /** The no-information arm: each row given another test molecule's targets and size. */
    private static final String BOUND = "shuffled targets and sizes, w = 0";

    @Override
    public String run(final String[] args) throws Exception {
        int steps = 5000;
        int samples = 1000;
        long seed = 1;
        Path from = null;
        double lr = 5e-4;
        String trainOnly = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--from" -> from = Path.of(args[++i]);
                case "--lr" -> lr = Double.parseDouble(args[++i]);
                case "--train-only" -> trainOnly = args[++i];
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                    + " (known: --steps, --samples, --seed, --from, --lr, --train-only conditional|unconditional)");
            }
        }
        var qm9 = Qm9Full.read();
        var fineTune = from == null ? null : new RecipeRun.FineTune(from, lr);
        // a fine-tune's folder names its base (the file and its parent folder, which names a run) and rate
        var dir = RecipeRun.runsRoot().resolve(String.format(Locale.ROOT, "conditional-tpsa-logp-seed%d-%d%s", seed,
            steps, from == null ? "" : String.format(Locale.ROOT, "-from-%s-%s-lr%s", from.toAbsolutePath().getParent()
                .getFileName(), from.getFileName().toString().replaceAll("\\.zip$", ""), lr)));
        Files.createDirectories(dir);
        var trainValues = ConditionalProperties.of(qm9.trainMolecules(), dir.resolve("train-properties.csv"));
        var validationValues = ConditionalProperties.of(qm9.validationMolecules(),
            dir.resolve("validation-properties.csv"));
        var testValues = ConditionalProperties.of(qm9.testMolecules(), dir.resolve("test-properties.csv"));
        var recipe = Qm9Recipes.get("geo-both");
        // the conditions carry p(N | c), as the learner's do (a model trained before it gets it when saved)
        var conditions = Conditions.of(PROPERTIES, UNITS, trainValues, 0.1).withAtomCounts(qm9.train().stream()
            .mapToInt(dev.flowmatch.engine.chem.PointCloud::size).toArray(), trainValues);
        // --train-only: one arm, so that the two can train side by side in two processes (then run without it)
        if ("unconditional".equals(trainOnly)) {
            return "trained=" + RecipeRun.train(recipe, qm9, steps, seed, dir.resolve("unconditional"), null, fineTune);
        }
        var conditional = RecipeRun.train(recipe, qm9, steps, seed, dir, new RecipeRun.Conditioned(conditions,
            trainValues, validationValues), fineTune);
        if ("conditional".equals(trainOnly)) {
            return "trained=" + conditional;
        }
        var unconditional = RecipeRun.train(recipe, qm9, steps, seed, dir.resolve("unconditional"), null, fineTune);

        // targets and sizes of held-out molecules; the no-information bound's rows get another molecule's
        var held = HeldOutTargets.draw(qm9, testValues, samples, seed);
        int n = held.size();
        var counts = held.counts();
        var targets = held.targets();

        // sizes as a user's targets get them, without a molecule behind them: drawn from p(N | c) learnt on the
        // training molecules (the sampler's way), and from the unconditional histogram (before p(N | c))
        var sizeRng = new Random(seed + 300);
        var drawn = new int[n];
        double sizeError = 0;
        for (int i = 0; i < n; i++) {
            drawn[i] = conditions.atomCounts().sample(conditions.standardize(targets[i]), sizeRng);
            sizeError += Math.abs(drawn[i] - counts[i]) / (double)n;
        }
        var reference = Qm9Evaluation.Reference.of(qm9);
        var rows = new LinkedHashMap<String, ConditionalArm>();
        try (var model = FlowModel.load(conditional, Device.cpu())) {
            for (double w : new double[] {0, 1, 2}) {
                rows.put("conditional, w = " + (int)w, ConditionalArm.sample(model, counts,
                    new PropertyTargets(targets, w), reference));
            }
            rows.put("conditional, w = 1, sizes from p(N | c)", ConditionalArm.sample(model, drawn,
                new PropertyTargets(targets, 1), reference));
            rows.put("conditional, w = 1, sizes from p(N)", ConditionalArm.sample(model,
                model.sampleAtomCounts(n, new Random(seed + 400)), new PropertyTargets(targets, 1), reference));
            rows.put(BOUND, ConditionalArm.sample(model, held.shuffledCounts(),
                new PropertyTargets(held.shuffled(), 0), reference));
            rows.put("same network, no condition", ConditionalArm.sample(model, counts, null, reference));
        }
        try (var model = FlowModel.load(unconditional, Device.cpu())) {
            rows.put("unconditional network", ConditionalArm.sample(model, counts, null, reference));
            // a perfect generator's score: the target molecules themselves, through the samples' path (point cloud,
            // bonds rebuilt, properties of the largest fragment) — the floor of every MAE above
            var vocabulary = AtomVocabulary.parse(model.representation().vocabulary());
            rows.put("target molecules themselves (rebuilt)", ConditionalArm.measure(java.util.Arrays.stream(
                held.molecules()).mapToObj(i -> qm9.test().get(i)).toList(), vocabulary, reference));
        }
        var spread = held.spread();
        if (from != null) {
            System.out.printf(Locale.ROOT, "%nBoth networks fine-tuned from %s for %d steps (peak learning rate %s).%n",
                from, steps, lr);
        }
        System.out.printf(Locale.ROOT, "Sizes drawn from p(N | c) differ from the target molecule's by %.2f atoms on"
            + " average.%n", sizeError);
        return report(rows, targets, spread, steps, n) + String.format(Locale.ROOT, " size_error=%.3f",
            sizeError);
    }

    private static String report(final Map<String, ConditionalArm> rows, final double[][] targets,
        final double[] spread, final int steps, final int n) {
        System.out.printf(Locale.ROOT, "%nConditional QM9 (%d steps of 64, geo-both, %d samples, Heun 25 steps;"
            + " MAE over valid molecules (largest fragment), and over connected valid ones (nothing removed)):%n",
            steps, n);
        System.out.println("| arm | MAE TPSA (Å²) | MAE logP | valid (MAE over) | MAE TPSA, connected | MAE logP,"
            + " connected | connected valid | molecule stability (EDM) | atom stability (EDM) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        var summary = new StringBuilder();
        for (var e : rows.entrySet()) {
            var a = e.getValue();
            // every arm against the row's own targets; brackets: the arm was not given them
            var mae = a.mae(targets, false);
            var connected = a.mae(targets, true);
            boolean notGiven = e.getKey().contains("no condition") || e.getKey().startsWith("unconditional")
                || e.getKey().equals(BOUND);
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %d | %s | %s | %d | %.4f | %.4f |%n", e.getKey(),
                bracket(mae[0], notGiven), bracket(mae[1], notGiven), a.validCount(false),
                bracket(connected[0], notGiven), bracket(connected[1], notGiven), a.validCount(true),
                a.metric(DistributionMetrics.MOLECULE_STABILITY_EDM), a.metric(DistributionMetrics.ATOM_STABILITY_EDM));
            var key = e.getKey().replaceAll("[^a-z0-9]+", "_").replaceAll("_+$", "");
            summary.append(String.format(Locale.ROOT, "mae_tpsa_%s=%.3f mae_logp_%s=%.3f mae_tpsa_connected_%s=%.3f"
                + " mae_logp_connected_%s=%.3f mol_stable_edm_%s=%.4f ", key, mae[0], key, mae[1], key, connected[0],
                key, connected[1], key, a.metric(DistributionMetrics.MOLECULE_STABILITY_EDM)));
        }
        // the target: each conditional arm's MAE at most half the no-information bound's, per property
        var bound = rows.get(BOUND).mae(targets, false);
        for (var e : rows.entrySet()) {
            if (e.getKey().startsWith("conditional")) {
                var mae = e.getValue().mae(targets, false);
                System.out.printf(Locale.ROOT, "MAE / no-information MAE, %s: TPSA %.3f, logP %.3f%n", e.getKey(),
                    mae[0] / bound[0], mae[1] / bound[1]);
            }
        }
        System.out.printf(Locale.ROOT, "| property's own spread (mean absolute deviation of the targets) | %s | %s |"
            + " | | | | | |%n", fmt(spread[0]), fmt(spread[1]));
        System.out.println("(in brackets: against the targets the samples were not given)");
        return summary.append(String.format(Locale.ROOT, "spread_tpsa=%.3f spread_logp=%.3f samples=%d steps=%d",
            spread[0], spread[1], n, steps)).toString();
    }

    private static String bracket(final double v, final boolean notGiven) {
        return notGiven ? "(" + fmt(v) + ")" : fmt(v);
    }

    private static String fmt(final double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
