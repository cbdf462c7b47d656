package dev.flowmatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.openscience.cdk.interfaces.IAtomContainer;

import dev.flowmatch.engine.chem.AtomVocabulary;
import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.chem.Reconstruction;
import dev.flowmatch.engine.metrics.DistributionMetrics;
import dev.flowmatch.engine.metrics.MoleculeProfile;
import dev.flowmatch.engine.train.FlowModel;
import dev.flowmatch.engine.train.PropertyTargets;

/**
 * One sampling arm of a conditional measurement: its generated molecules' profiles (bonds rebuilt, properties of
 * the largest fragment, as the Distribution Metrics node computes them) and the distribution metrics.
 */
record ConditionalArm(List<MoleculeProfile> profiles, Map<String, Double> metrics) {

    /** Samples one molecule per row (Heun, 25 steps; seed 11) and measures them. */
    static ConditionalArm sample(final FlowModel model, final int[] counts, final PropertyTargets targets,
        final Qm9Evaluation.Reference reference) throws Exception {
        var vocabulary = AtomVocabulary.parse(model.representation().vocabulary());
        var sampler = Qm9Evaluation.Sampler.parse("heun25");
        var generated = model.generate(counts, sampler.kind().create(), sampler.grid(), 11, 100, false, 1, null,
            targets);
        return measure(generated.clouds(), vocabulary, reference);
    }

    static ConditionalArm measure(final List<PointCloud> clouds, final AtomVocabulary vocabulary,
        final Qm9Evaluation.Reference reference) {
        var mols = new ArrayList<IAtomContainer>(clouds.parallelStream()
            .map(c -> Reconstruction.rebuild(c, vocabulary, true).molecule()).toList());
        var result = DistributionMetrics.compute(mols, reference.test(), reference.trainingSmiles(), null, null,
            null, DistributionMetrics.Options.defaults());
        return new ConditionalArm(result.profiles(), result.values());
    }

    double metric(final String name) {
        return metrics.getOrDefault(name, Double.NaN);
    }

    int validCount(final boolean connected) {
        return (int)profiles.stream().filter(p -> measured(p, connected)).count();
    }

    /** The molecules an MAE is over: valid (largest fragment), or valid and of one fragment. */
    static boolean measured(final MoleculeProfile p, final boolean connected) {
        return p.valid() && p.descriptors() != null && (!connected || p.connected());
    }

    /**
     * @param targets per row the values it is scored against (its own targets, also for the no-information arm)
     * @return per property, mean |property − target| over the valid molecules (the "each valid generated
     *         molecule": the largest fragment closed-shell; its properties, as the metrics compute them)
     */
    double[] mae(final double[][] targets, final boolean connected) {
        var out = new double[ConditionalQm9Benchmark.PROPERTIES.size()];
        int n = 0;
        for (int i = 0; i < profiles.size(); i++) {
            var p = profiles.get(i);
            if (!measured(p, connected)) {
                continue;
            }
            var got = ConditionalProperties.pick(p.descriptors());
            for (int k = 0; k < out.length; k++) {
                out[k] += Math.abs(got[k] - targets[i][k]);
            }
            n++;
        }
        for (int k = 0; k < out.length; k++) {
            out[k] /= Math.max(1, n);
        }
        return out;
    }
}
