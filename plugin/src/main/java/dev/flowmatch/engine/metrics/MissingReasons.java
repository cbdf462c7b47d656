package dev.flowmatch.engine.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a metric has no value: one sentence for every NaN that {@link DistributionMetrics#compute} returns, so
 * that tables and summaries say "n/a: no training set to compare with" instead of NaN.
 */
final class MissingReasons {

    private static final List<String> GEOMETRY_CHECKS = List.of("Bond lengths OK", "Bond angles OK", "No clashes",
        "Flat aromatic rings", "Geometry OK");

    private MissingReasons() {
    }

    /**
     * @param training a training set was given (for novelty)
     * @param validFingerprints valid generated molecules
     */
    static Map<String, String> of(final Map<String, Double> values, final boolean training,
        final int validFingerprints) {
        var out = new LinkedHashMap<String, String>();
        boolean none = values.getOrDefault("Molecules", 0.0) == 0;
        values.forEach((name, v) -> {
            if (v == null || v.isNaN()) {
                out.put(name, none ? "no generated molecules" : reason(name, training, validFingerprints));
            }
        });
        return out;
    }

    private static String reason(final String name, final boolean training, final int valid) {
        if (name.equals("Novelty")) {
            return training ? "no valid molecule to compare with the training set" : "no training set to compare with";
        }
        if (name.equals("Uniqueness")) {
            return "no valid molecule";
        }
        if (name.contains("(EDM)")) {
            return "EDM's rule can judge none of the molecules (no 3D coordinates, or elements outside its tables)";
        }
        if (name.startsWith("IntDiv")) {
            return "fewer than 2 valid molecules";
        }
        if (DistributionMetrics.BOND_GEOMETRY_NAMES.contains(name)) {
            return "needs bonded 3D molecules in both the generated and the reference set";
        }
        if (GEOMETRY_CHECKS.contains(name)) {
            return "no generated molecule has 3D coordinates";
        }
        if (!DistributionMetrics.SET_NAMES.contains(name) && valid < 2) {
            return "fewer than 2 valid molecules to compare with the reference";
        }
        return "undefined for these molecules";
    }
}
