package dev.flowmatch.engine.metrics;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Cosine similarity of two multisets (e.g. scaffold or fragment SMILES with their counts), as MOSES'
 * Scaf and Frag metrics: 1 when both sets use the same scaffolds in the same proportions.
 */
final class CountSimilarity {

    private CountSimilarity() {
    }

    static Map<String, Integer> counts(final Collection<String> items) {
        var m = new HashMap<String, Integer>();
        for (var s : items) {
            m.merge(s, 1, Integer::sum);
        }
        return m;
    }

    /** @return cosine of the count vectors; NaN if either is empty */
    static double cosine(final Map<String, Integer> a, final Map<String, Integer> b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (var e : a.entrySet()) {
            na += (double)e.getValue() * e.getValue();
            dot += (double)e.getValue() * b.getOrDefault(e.getKey(), 0);
        }
        for (int v : b.values()) {
            nb += (double)v * v;
        }
        return na == 0 || nb == 0 ? Double.NaN : dot / Math.sqrt(na * nb);
    }
}
