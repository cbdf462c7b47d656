package dev.flowmatch.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Random;

import dev.flowmatch.engine.metrics.DistributionMetrics;
import dev.flowmatch.engine.train.FlowModel;
import dev.flowmatch.engine.train.PropertyTargets;

/**
 * The conditioning section of a property-conditioned QM9 model's card (ship-model): one molecule for each of
 * {@code samples} held-out test molecules' targets, its size drawn from the model's p(N | c) as the ODE Sampler
 * draws it for a targets table, at guidance w = 0 (the sampler's default) and w = 1; beside them the
 * no-information bound (each row given another test molecule's targets, scored against its own) and the
 * property's own spread. MAE over the valid molecules, as {@code conditional-qm9} measures it.
 */
final class ConditionalCard {

    /**
     * @param markdown the card's section
     * @param summary the phrase the index's summary line ends with ({@link ModelCard#CONDITIONED} ...)
     * @param keyValues the figures as key=value pairs
     */
    record Section(String markdown, String summary, String keyValues) {
    }

    private ConditionalCard() {
    }

    /** @return the section, or null for a model not conditioned on properties */
    static Section measure(final FlowModel model, final Qm9Full qm9, final Qm9Evaluation.Reference reference,
        final int samples) throws Exception {
        var conditions = model.conditions();
        if (conditions == null) {
            return null;
        }
        if (!conditions.names().equals(ConditionalQm9Benchmark.PROPERTIES)) {
            throw new IllegalArgumentException("ship-model measures conditioning on " + ConditionalQm9Benchmark
                .PROPERTIES + " (as conditional-qm9 computes them); this model is conditioned on "
                + conditions.names() + ".");
        }
        var testValues = ConditionalProperties.of(qm9.testMolecules(), RecipeRun.runsRoot()
            .resolve("qm9-test-properties.csv"));
        var held = HeldOutTargets.draw(qm9, testValues, samples, 1);
        var targets = held.targets();
        var arms = new LinkedHashMap<String, ConditionalArm>();
        var sizes = model.sampleAtomCounts(targets, new Random(7));
        for (double w : new double[] {0, 1}) {
            arms.put(String.format(Locale.ROOT, "targets of held-out molecules, w = %d", (int)w),
                ConditionalArm.sample(model, sizes, new PropertyTargets(targets, w), reference));
        }
        var bound = "another molecule's targets (no information; the bound)";
        arms.put(bound, ConditionalArm.sample(model, model.sampleAtomCounts(held.shuffled(), new Random(7)),
            new PropertyTargets(held.shuffled(), 0), reference));
        var boundMae = arms.get(bound).mae(targets, false);
        var spread = held.spread();
        var md = new StringBuilder(String.format(Locale.ROOT, "- **Conditioning** on %s, measured %s on %,d"
            + " held-out test molecules' targets (sizes drawn from the model's p(N | c), as the ODE Sampler draws"
            + " them for a targets table; Heun, 25 steps). MAE between each target and the property of the valid"
            + " generated molecule (largest fragment), computed as the Distribution Metrics node computes it:%n%n",
            conditions.describe(), java.time.LocalDate.now(), held.size()));
        md.append("| sampled with | MAE TPSA (Å²) | MAE logP | ratio to the bound (TPSA, logP) | valid | molecule"
            + " stability (EDM) |\n|---|---|---|---|---|---|\n");
        var kv = new StringBuilder();
        for (var e : arms.entrySet()) {
            var mae = e.getValue().mae(targets, false);
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.3f | %.2f, %.2f | %d | %.4f |%n", e.getKey(),
                mae[0], mae[1], mae[0] / boundMae[0], mae[1] / boundMae[1], e.getValue().validCount(false),
                e.getValue().metric(DistributionMetrics.MOLECULE_STABILITY_EDM)));
            var key = e.getKey().startsWith("another") ? "bound" : "w" + e.getKey().replaceAll(".*= ", "");
            kv.append(String.format(Locale.ROOT, "mae_tpsa_%s=%.3f mae_logp_%s=%.3f ", key, mae[0], key, mae[1]));
        }
        md.append(String.format(Locale.ROOT, "| the property's own spread (mean absolute deviation) | %.2f | %.3f |"
            + " | | |%n%n", spread[0], spread[1]));
        md.append("  The metrics below are of molecules sampled without targets (the model's unconditional field).\n\n");
        var w0 = arms.values().iterator().next().mae(targets, false);
        var summary = String.format(Locale.ROOT, ModelCard.CONDITIONED + " TPSA and logP: MAE %.1f Å² and %.2f at w = 0"
            + " (no-information bound %.1f and %.2f)", w0[0], w0[1], boundMae[0], boundMae[1]);
        return new Section(md.toString(), summary, kv.toString().trim());
    }
}
