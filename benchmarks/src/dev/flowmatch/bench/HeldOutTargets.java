package dev.flowmatch.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Random;

/**
 * Property targets for a conditional model, drawn from held-out QM9 test molecules the way EDM draws them: each
 * row is one test molecule's (atom count, property values), so sizes and targets come from the data's joint
 * distribution. Beside them, the same rows permuted: each row gets another molecule's targets and size, which is
 * EDM's "naive" no-information bound when its samples are scored against the row's own targets.
 *
 * @param molecules the test molecules' indices, one per row
 * @param counts each row's atom count (its molecule's)
 * @param targets each row's property values
 * @param shuffledCounts the atom count of the molecule whose targets the row has in {@code shuffled}
 * @param shuffled another row's targets for each row (a random permutation)
 */
record HeldOutTargets(int[] molecules, int[] counts, double[][] targets, int[] shuffledCounts, double[][] shuffled) {

    /**
     * @param qm9 the data (its test molecules' sizes)
     * @param testValues per test molecule its property values, null where they cannot be computed
     * @param samples rows wanted (fewer when fewer test molecules have values)
     * @param seed the draw's seed (the same seed draws the same rows)
     */
    static HeldOutTargets draw(final Qm9Full qm9, final double[][] testValues, final int samples, final long seed) {
        var usable = new ArrayList<Integer>();
        for (int i = 0; i < testValues.length; i++) {
            if (testValues[i] != null) {
                usable.add(i);
            }
        }
        Collections.shuffle(usable, new Random(seed + 100));
        int n = Math.min(samples, usable.size());
        var molecules = new int[n];
        var counts = new int[n];
        var targets = new double[n][];
        for (int i = 0; i < n; i++) {
            molecules[i] = usable.get(i);
            counts[i] = qm9.test().get(molecules[i]).size();
            targets[i] = testValues[molecules[i]];
        }
        var order = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed + 200));
        var shuffled = new double[n][];
        var shuffledCounts = new int[n];
        for (int i = 0; i < n; i++) {
            shuffled[i] = targets[order.get(i)];
            shuffledCounts[i] = counts[order.get(i)];
        }
        return new HeldOutTargets(molecules, counts, targets, shuffledCounts, shuffled);
    }

    int size() {
        return targets.length;
    }

    /** @return per property the mean absolute deviation of the targets around their mean */
    double[] spread() {
        int n = size();
        var out = new double[targets[0].length];
        for (int k = 0; k < out.length; k++) {
            double mean = 0;
            for (var t : targets) {
                mean += t[k] / n;
            }
            for (var t : targets) {
                out[k] += Math.abs(t[k] - mean) / n;
            }
        }
        return out;
    }
}
