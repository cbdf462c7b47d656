package dev.flowmatch.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The names known before computing (for table specs) are exactly the keys compute gives, in its order. */
class MetricNamesTest {

    @Test
    void namesMatchComputedKeysInEveryCombination() throws Exception {
        var gen = List.of(SetAndReferenceMetricsTest.mol("CCO"), SetAndReferenceMetricsTest.mol("CCN"),
            SetAndReferenceMetricsTest.mol("c1ccccc1"));
        var ref = List.of(SetAndReferenceMetricsTest.mol("CCC"), SetAndReferenceMetricsTest.mol("OCCO"),
            SetAndReferenceMetricsTest.mol("c1ccncc1"));
        double[][] ge = {{1, 0}, {0, 1}, {1, 1}};
        double[][] re = {{0, 0}, {1, 2}, {2, 1}};
        for (boolean reference : new boolean[]{false, true}) {
            for (boolean geometry : new boolean[]{false, true}) {
                for (boolean embeddings : new boolean[]{false, true}) {
                    var r = DistributionMetrics.compute(gen, reference ? ref : null, null, embeddings ? "E" : null,
                        embeddings ? ge : null, embeddings ? re : null,
                        new DistributionMetrics.Options(geometry, 0, 1));
                    var expected = DistributionMetrics.names(reference, embeddings ? "E" : null, geometry);
                    assertEquals(expected, new ArrayList<>(r.values().keySet()),
                        "reference " + reference + ", geometry " + geometry + ", embeddings " + embeddings);
                    var undefined = r.values().entrySet().stream().filter(e -> e.getValue().isNaN()).map(
                        java.util.Map.Entry::getKey).toList();
                    assertEquals(undefined, new ArrayList<>(r.missing().keySet()), "every NaN has its reason");
                    assertEquals("no training set to compare with", r.missing().get("Novelty"));
                }
            }
        }
        var none = DistributionMetrics.compute(List.of(SetAndReferenceMetricsTest.mol("C(C)(C)(C)(C)C")), null,
            List.of(SetAndReferenceMetricsTest.mol("CCO")), null, null, null, DistributionMetrics.Options.defaults());
        assertEquals("no valid molecule to compare with the training set", none.missing().get("Novelty"));
    }
}
