package dev.flowmatch.engine.train;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.model.StateLayout;

/**
 * How molecules become the model's states, fixed at training time and stored with the model: the atom
 * vocabulary, the largest molecule, whether hydrogens are atoms, the coordinate and type scales, and the
 * atom-count histogram of the training data (the sampler's default size distribution).
 *
 * @param vocabulary atom-type tokens (index = type)
 * @param maxAtoms largest atom count the model accepts
 * @param explicitHydrogens hydrogens are points of the cloud
 * @param coordScale Å per state unit
 * @param typeScale value of a one-hot's hot entry
 * @param atomCounts histogram: atomCounts[n] molecules with n atoms
 */
public record Representation(List<String> vocabulary, int maxAtoms, boolean explicitHydrogens, double coordScale,
    double typeScale, int[] atomCounts) {

    /** Most atoms a molecule may have (explicit hydrogens included): {@link PointCloud#MAX_ATOMS}. */
    public static final int MAX_ATOMS = dev.flowmatch.engine.chem.PointCloud.MAX_ATOMS;

    public Representation {
        if (vocabulary == null || vocabulary.isEmpty()) {
            throw new IllegalArgumentException("Representation: the atom vocabulary is empty.");
        }
        if (maxAtoms > MAX_ATOMS) { // before the histogram is read: a model file must not ask for gigabytes
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Representation: max atoms %d is beyond"
                + " the %d atoms a molecule may have here.", maxAtoms, MAX_ATOMS));
        }
        if (vocabulary != null && vocabulary.size() > dev.flowmatch.engine.model.ModelConfig.MAX_ATOM_TYPES) {
            throw new IllegalArgumentException("Representation: the atom vocabulary has " + vocabulary.size()
                + " types, more than " + dev.flowmatch.engine.model.ModelConfig.MAX_ATOM_TYPES + ".");
        }
        if (maxAtoms < 1 || atomCounts == null || atomCounts.length != maxAtoms + 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "Representation: max atoms %d must be ≥ 1 with a histogram of %d entries.", maxAtoms, maxAtoms + 1));
        }
        long molecules = 0;
        for (int c : atomCounts) {
            if (c < 0) {
                throw new IllegalArgumentException("Representation: the atom-count histogram has a negative entry.");
            }
            molecules += c;
        }
        if (molecules == 0) {
            throw new IllegalArgumentException("Representation: the atom-count histogram is all zero; samplers draw"
                + " molecule sizes from it.");
        }
        vocabulary = List.copyOf(vocabulary);
        new StateLayout(vocabulary.size(), coordScale, typeScale); // validates the scales
    }

    /**
     * @param clouds training molecules
     * @param coordScale Å per state unit; NaN to use the RMS distance of atoms from their centroid
     */
    public static Representation of(final List<String> vocabulary, final boolean explicitHydrogens,
        final List<PointCloud> clouds, final double coordScale, final double typeScale) {
        if (clouds.isEmpty()) {
            throw new IllegalArgumentException("Representation: no training molecules.");
        }
        int max = clouds.stream().mapToInt(PointCloud::size).max().orElseThrow();
        var counts = new int[max + 1];
        for (var c : clouds) {
            counts[c.size()]++;
        }
        double scale = Double.isNaN(coordScale) ? coordinateRms(clouds) : coordScale;
        return new Representation(vocabulary, max, explicitHydrogens, scale, typeScale, counts);
    }

    /**
     * @return this representation sized for molecules of up to {@code atoms} atoms (itself when it already is);
     *         the atom-count histogram, which samplers draw sizes from, stays that of the training molecules
     */
    public Representation withMaxAtoms(final int atoms) {
        return atoms <= maxAtoms ? this : new Representation(vocabulary, atoms, explicitHydrogens, coordScale, typeScale,
            java.util.Arrays.copyOf(atomCounts, atoms + 1));
    }

    /**
     * @return this representation sized also for the given molecules (validation molecules may be larger than
     *         every training molecule, and the model must take them)
     */
    public Representation covering(final List<PointCloud> clouds) {
        return withMaxAtoms(clouds.stream().mapToInt(PointCloud::size).max().orElse(0));
    }

    /** @return the RMS coordinate in Å (at least 10⁻³): the data's spread, the default coordinate scale */
    public static double coordinateRms(final List<PointCloud> clouds) {
        double sumSq = 0;
        long n = 0;
        for (var c : clouds) {
            for (float v : c.coords()) {
                sumSq += v * (double)v;
            }
            n += c.coords().length;
        }
        return Math.max(1e-3, Math.sqrt(sumSq / Math.max(1, n)));
    }

    public StateLayout layout() {
        return new StateLayout(vocabulary.size(), coordScale, typeScale);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof Representation r && r.vocabulary.equals(vocabulary) && r.maxAtoms == maxAtoms
            && r.explicitHydrogens == explicitHydrogens && r.coordScale == coordScale && r.typeScale == typeScale
            && Arrays.equals(r.atomCounts, atomCounts);
    }

    @Override
    public int hashCode() {
        return vocabulary.hashCode() * 31 + Arrays.hashCode(atomCounts);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Representation[%d types %s, ≤%d atoms, H %s, %.3f Å/unit, type scale %g]",
            vocabulary.size(), vocabulary, maxAtoms, explicitHydrogens ? "explicit" : "implicit", coordScale,
            typeScale);
    }

    /** @return n atom counts drawn from the training data's histogram */
    public int[] sampleAtomCounts(final int n, final Random rng) {
        var hist = atomCounts;
        long total = 0;
        for (int h : hist) {
            total += h;
        }
        var out = new int[n];
        for (int i = 0; i < n; i++) {
            long r = (long)(rng.nextDouble() * total);
            int k = 0;
            while (r >= hist[k]) {
                r -= hist[k];
                k++;
            }
            out[i] = k;
        }
        return out;
    }
}
