package dev.flowmatch.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The properties a model is conditioned on (EDM's and GeoLDM's conditional generation; classifier-free guidance,
 * Ho and Salimans 2022): their names and units as the user gave them, the standardisation learnt from the training
 * molecules (mean and standard deviation), the training range (targets outside it are extrapolation), and the
 * probability with which training drops the condition so that the same network also learns the unconditional field
 * that guidance contrasts with. Stored in the model file; null there means an unconditional model.
 *
 * @param names one per property, e.g. "TPSA"
 * @param units as given ("" when none)
 * @param means per property, over the training molecules that have it
 * @param stds per property (positive: a constant property cannot condition anything)
 * @param mins smallest training value per property
 * @param maxs largest training value per property
 * @param dropout probability that a training molecule is shown without its condition, in [0, 1)
 * @param atomCounts p(N | c), the atom count of a molecule with given values, for sampling sizes that fit the targets;
 *            null where not learnt (older model files): sizes then come from the training histogram
 */
public record Conditions(List<String> names, List<String> units, double[] means, double[] stds, double[] mins,
    double[] maxs, double dropout, AtomCountsGivenProperties atomCounts) {

    /** Most properties a model may be conditioned on. */
    public static final int MAX_CONDITIONS = 64;

    public Conditions {
        int c = names == null ? 0 : names.size();
        if (c < 1 || c > MAX_CONDITIONS) {
            throw new IllegalArgumentException("Conditions: 1.." + MAX_CONDITIONS + " properties, got " + c + ".");
        }
        if (units == null || units.size() != c || means == null || means.length != c || stds == null
            || stds.length != c || mins == null || mins.length != c || maxs == null || maxs.length != c) {
            throw new IllegalArgumentException("Conditions: names, units, means, deviations and ranges must all have "
                + c + " entries.");
        }
        for (int i = 0; i < c; i++) {
            if (!(Double.isFinite(means[i]) && stds[i] > 0 && Double.isFinite(stds[i]) && mins[i] <= maxs[i])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "Conditions: property \"%s\" has mean %s,"
                    + " deviation %s and range %s..%s; it needs a finite mean, a positive deviation (it must vary"
                    + " across the training molecules) and a range.", names.get(i), means[i], stds[i], mins[i],
                    maxs[i]));
            }
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("Conditions: the dropout probability must be in [0, 1), got " + dropout
                + ".");
        }
        if (atomCounts != null && atomCounts.spreads().length != c) {
            throw new IllegalArgumentException("Conditions: the atom-count model has " + atomCounts.spreads().length
                + " properties, the conditions " + c + ".");
        }
        names = List.copyOf(names);
        units = List.copyOf(units);
        means = means.clone();
        stds = stds.clone();
        mins = mins.clone();
        maxs = maxs.clone();
    }

    /**
     * @param values per training molecule, one value per property; a row with any NaN (a missing cell) has no
     *            condition and is left out of the statistics
     * @throws IllegalArgumentException naming a property that no molecule has, or that does not vary
     */
    public static Conditions of(final List<String> names, final List<String> units, final double[][] values,
        final double dropout) {
        int c = names.size();
        var means = new double[c];
        var stds = new double[c];
        var mins = new double[c];
        var maxs = new double[c];
        for (int k = 0; k < c; k++) {
            var stats = new org.apache.commons.math3.stat.descriptive.SummaryStatistics();
            for (var row : values) {
                if (row != null && complete(row)) {
                    stats.addValue(row[k]);
                }
            }
            if (stats.getN() < 2) {
                throw new IllegalArgumentException("Conditions: property \"" + names.get(k) + "\" has fewer than two"
                    + " molecules with a value.");
            }
            means[k] = stats.getMean();
            stds[k] = stats.getStandardDeviation();
            mins[k] = stats.getMin();
            maxs[k] = stats.getMax();
        }
        return new Conditions(names, units, means, stds, mins, maxs, dropout, null);
    }

    /**
     * @param sizes atom count of each training molecule
     * @param values its property values (as given to {@link #of})
     * @return these conditions with p(N | c) learnt from the training molecules
     */
    public Conditions withAtomCounts(final int[] sizes, final double[][] values) {
        return new Conditions(names, units, means, stds, mins, maxs, dropout,
            AtomCountsGivenProperties.of(sizes, standardizeAll(values)));
    }

    /** @return the number of properties */
    public int size() {
        return names.size();
    }

    /** @return the standardised vector, or null when any value is missing (NaN) or the row is null */
    public float[] standardize(final double[] raw) {
        if (raw == null || raw.length != size() || !complete(raw)) {
            return null;
        }
        var out = new float[raw.length];
        for (int k = 0; k < raw.length; k++) {
            out[k] = (float)((raw[k] - means[k]) / stds[k]);
        }
        return out;
    }

    /** @return every standardised row (null rows where a value is missing) */
    public float[][] standardizeAll(final double[][] raw) {
        var out = new float[raw.length][];
        for (int i = 0; i < raw.length; i++) {
            out[i] = standardize(raw[i]);
        }
        return out;
    }

    /** @return for each property outside the training range, "name = value (trained on min..max)"; empty if none */
    public List<String> outsideRange(final double[] raw) {
        var out = new ArrayList<String>();
        for (int k = 0; k < size(); k++) {
            if (raw[k] < mins[k] || raw[k] > maxs[k]) {
                out.add(String.format(Locale.ROOT, "%s = %s (trained on %s..%s)", names.get(k), raw[k], mins[k],
                    maxs[k]));
            }
        }
        return out;
    }

    /** @return e.g. "TPSA [Å²] 10.2..140.0, logP -1.3..4.6" */
    public String describe() {
        var parts = new ArrayList<String>();
        for (int k = 0; k < size(); k++) {
            parts.add(names.get(k) + (units.get(k).isEmpty() ? "" : " [" + units.get(k) + "]")
                + " " + round(mins[k]) + ".." + round(maxs[k]));
        }
        return String.join(", ", parts);
    }

    /** @return four significant digits without trailing zeros, e.g. 0, 10, 0.1235 */
    private static String round(final double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static boolean complete(final double[] row) {
        for (double v : row) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
