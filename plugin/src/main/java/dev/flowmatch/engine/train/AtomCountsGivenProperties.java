package dev.flowmatch.engine.train;

import java.util.Locale;
import java.util.Random;

/**
 * p(N | c): how many atoms a molecule with the asked property values has, so that a conditional sample is not given
 * a size its properties rule out (TPSA 140 Å² does not fit in 8 atoms). EDM draws (N, c) pairs from the training
 * data; a user's targets come without a size, so the size is drawn from the posterior of a Gaussian model of the
 * standardised properties given the size (as linear discriminant analysis): per atom count N the mean of its
 * training molecules' values, shrunk toward the overall mean by {@link #SHRINK} pseudo-molecules (sizes with few
 * molecules stay plausible without dominating), and per property one deviation pooled within sizes;
 * p(N | c) ∝ n_N · Π_k exp(−(c_k − μ_{N,k})² / 2 s_k²).
 *
 * @param counts training molecules with a complete condition per atom count (index N)
 * @param means [N][k] shrunk mean standardised value of property k at size N (the overall mean where n_N = 0)
 * @param spreads per property, the pooled within-size standard deviation in standardised units (at least
 *            {@link #MIN_SPREAD})
 */
public record AtomCountsGivenProperties(int[] counts, double[][] means, double[] spreads) {

    /** Pseudo-molecules at the overall mean added to every size's mean. */
    static final double SHRINK = 5;

    /** Smallest pooled deviation (standardised): a property fixed by the size must not divide by zero. */
    static final double MIN_SPREAD = 0.05;

    public AtomCountsGivenProperties {
        // bounded before use: these arrays come from model files
        if (counts == null || counts.length < 2 || counts.length > Representation.MAX_ATOMS + 1 || means == null
            || means.length != counts.length || spreads == null || spreads.length < 1
            || spreads.length > Conditions.MAX_CONDITIONS) {
            throw new IllegalArgumentException("Atom counts given properties: one count and one mean row per size"
                + " up to " + Representation.MAX_ATOMS + " atoms, one spread per property.");
        }
        long total = 0;
        for (int n = 0; n < counts.length; n++) {
            if (counts[n] < 0 || means[n] == null || means[n].length != spreads.length) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "Atom counts given properties: size %d"
                    + " has a negative count or %s means for %d properties.", n, means[n] == null ? "no"
                        : String.valueOf(means[n].length), spreads.length));
            }
            for (double m : means[n]) {
                if (!Double.isFinite(m)) {
                    throw new IllegalArgumentException("Atom counts given properties: size " + n + " has a mean of "
                        + m + ".");
                }
            }
            total += counts[n];
        }
        for (double s : spreads) {
            if (!(s >= MIN_SPREAD && Double.isFinite(s))) {
                throw new IllegalArgumentException("Atom counts given properties: a spread of " + s + ".");
            }
        }
        if (total < 1) {
            throw new IllegalArgumentException("Atom counts given properties: no molecules.");
        }
        counts = counts.clone();
        means = java.util.Arrays.stream(means).map(double[]::clone).toArray(double[][]::new);
        spreads = spreads.clone();
    }

    /**
     * @param sizes atom count of each training molecule
     * @param standardized its standardised property values (null rows, without a complete condition, are left out)
     */
    public static AtomCountsGivenProperties of(final int[] sizes, final float[][] standardized) {
        int k = -1;
        int max = 1;
        for (int i = 0; i < sizes.length; i++) {
            if (standardized[i] != null) {
                k = standardized[i].length;
                max = Math.max(max, sizes[i]);
            }
        }
        if (k < 1) {
            throw new IllegalArgumentException("Atom counts given properties: no molecule has a complete condition.");
        }
        var counts = new int[max + 1];
        var sums = new double[max + 1][k];
        var overall = new double[k];
        int total = 0;
        for (int i = 0; i < sizes.length; i++) {
            if (standardized[i] != null) {
                counts[sizes[i]]++;
                total++;
                for (int j = 0; j < k; j++) {
                    sums[sizes[i]][j] += standardized[i][j];
                    overall[j] += standardized[i][j];
                }
            }
        }
        var means = new double[max + 1][k];
        var raw = new double[max + 1][k];
        for (int n = 0; n <= max; n++) {
            for (int j = 0; j < k; j++) {
                raw[n][j] = counts[n] == 0 ? 0 : sums[n][j] / counts[n];
                means[n][j] = (sums[n][j] + SHRINK * overall[j] / total) / (counts[n] + SHRINK);
            }
        }
        var spreads = new double[k];
        for (int i = 0; i < sizes.length; i++) {
            if (standardized[i] != null) {
                for (int j = 0; j < k; j++) {
                    double d = standardized[i][j] - raw[sizes[i]][j];
                    spreads[j] += d * d;
                }
            }
        }
        int groups = (int)java.util.Arrays.stream(counts).filter(c -> c > 0).count();
        for (int j = 0; j < k; j++) {
            spreads[j] = Math.max(MIN_SPREAD, Math.sqrt(spreads[j] / Math.max(1, total - groups)));
        }
        return new AtomCountsGivenProperties(counts, means, spreads);
    }

    /** @return p(N | c) for every atom count N (index N), for standardised targets c */
    public double[] posterior(final float[] c) {
        if (c.length != spreads.length) {
            throw new IllegalArgumentException("Atom counts given properties: " + c.length + " values for "
                + spreads.length + " properties.");
        }
        var log = new double[counts.length];
        double best = Double.NEGATIVE_INFINITY;
        for (int n = 0; n < counts.length; n++) {
            if (counts[n] == 0) {
                log[n] = Double.NEGATIVE_INFINITY;
                continue;
            }
            double l = Math.log(counts[n]);
            for (int j = 0; j < c.length; j++) {
                double z = (c[j] - means[n][j]) / spreads[j];
                l -= 0.5 * z * z;
            }
            log[n] = l;
            best = Math.max(best, l);
        }
        var p = new double[counts.length];
        double sum = 0;
        for (int n = 0; n < counts.length; n++) {
            p[n] = Math.exp(log[n] - best); // log-sum-exp: far targets must not underflow every size to 0
            sum += p[n];
        }
        for (int n = 0; n < counts.length; n++) {
            p[n] /= sum;
        }
        return p;
    }

    /** @return an atom count drawn from p(N | c) */
    public int sample(final float[] c, final Random rng) {
        var p = posterior(c);
        double r = rng.nextDouble();
        for (int n = 0; n < p.length; n++) {
            r -= p[n];
            if (r < 0) {
                return n;
            }
        }
        int last = p.length - 1;
        while (counts[last] == 0) {
            last--;
        }
        return last;
    }
}
