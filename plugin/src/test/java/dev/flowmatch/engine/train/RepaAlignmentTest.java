package dev.flowmatch.engine.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.djl.Device;
import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.model.ModelConfig;
import dev.flowmatch.engine.model.TinyClouds;

/**
 * REPA learns an alignment the state makes visible: targets are each molecule's atom-type fractions minus
 * their training mean ({@link TrainingData#withCentredTargets}), so a constant projector scores cosine 0 and only reading the molecule helps (a mean
 * over atoms of a per-atom map can express fractions exactly). With
 * λ &gt; 0 the held-out cosine must pass 0.8 while the flow-matching loss keeps falling.
 */
class RepaAlignmentTest {

    private static float[][] fractions(final List<PointCloud> clouds) {
        var out = new float[clouds.size()][3];
        for (int i = 0; i < out.length; i++) {
            for (int t : clouds.get(i).types()) {
                out[i][t] += 1f / clouds.get(i).size();
            }
        }
        return out;
    }

    @Test
    void validationCosineExceedsPointEightWhileTheFlowLossFalls() {
        var clouds = TinyClouds.of(96, 21);
        var train = clouds.subList(0, 64);
        var val = clouds.subList(64, 96);
        var data = new TrainingData(train, val, () -> fractions(train), () -> fractions(val)).withCentredTargets();
        var rep = Representation.of(List.of("C", "N", "O"), true, clouds, Double.NaN, 1.0);
        var arch = new ModelConfig(3, 32, 2, 4, 2, 16, ModelConfig.Conditioning.ADALN, false);
        var cfg = TrainingConfig.defaults(240).withBatch(16, 2e-3, 10).withValidation(40)
            .withRepa(RepaConfig.of(1, 1).withWindow(0.7, 1));
        try (var t = new Trainer(rep, arch, cfg, 3, Device.cpu())) {
            t.train(data, TrainingListener.none());
            var v = t.validationMetrics();
            var first = v.get(0);
            var last = v.get(v.size() - 1);
            assertTrue(last.cosine() > 0.8, "validation alignment cosine " + last.cosine() + " over " + v);
            assertTrue(last.loss() < first.loss(), "flow-matching loss did not fall: " + v);
        }
    }
}
