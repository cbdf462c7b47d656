package dev.flowmatch.engine.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Generated set against a reference set (MOSES and GuacaMol definitions, over valid molecules): Fréchet
 * distance of embeddings, unbiased MMD² (Tanimoto on ECFP4; RBF on embeddings), SNN (mean over generated
 * molecules of the Tanimoto similarity to the nearest reference molecule), Frag and Scaf (cosine
 * similarity of fragment and Bemis–Murcko scaffold counts), and the KL divergence of each descriptor with
 * GuacaMol's score mean(exp(−KL)).
 *
 * @param embedding name of the vectors the Fréchet distance and RBF MMD² use
 * @param klPerDescriptor in the order of {@link #DESCRIPTORS}
 */
public record ReferenceMetrics(String embedding, double frechetDistance, double mmdTanimoto, double mmdRbf,
    double snn, double fragments, double scaffolds, double[] klPerDescriptor, double klScore) {

    public static final List<String> DESCRIPTORS = Descriptors.NAMES;

    /**
     * @param genEmbeddings one vector per generated molecule (or null: ECFP4 bits of the valid ones)
     * @param refEmbeddings one vector per reference molecule (null together with genEmbeddings)
     */
    public static ReferenceMetrics of(final List<MoleculeProfile> generated, final List<MoleculeProfile> reference,
        final String embeddingName, final double[][] genEmbeddings, final double[][] refEmbeddings) {
        return of(generated, ReferenceSet.ofProfiles(reference), embeddingName, genEmbeddings, refEmbeddings, null);
    }

    /**
     * @param genPairs statistics of the valid generated ECFP4 against themselves, if already computed (shared
     *            with {@link SetMetrics}) with the reference's RBF bandwidth
     */
    static ReferenceMetrics of(final List<MoleculeProfile> generated, final ReferenceSet reference,
        final String embeddingName, final double[][] genEmbeddings, final double[][] refEmbeddings,
        final Tanimoto.PairStats genPairs) {
        var gen = generated.stream().filter(MoleculeProfile::valid).toList();
        var ref = reference.valid();
        if (gen.size() < 2 || ref.size() < 2) {
            throw new IllegalArgumentException("Reference metrics need at least 2 valid molecules per set; got "
                + gen.size() + " generated and " + ref.size() + " reference.");
        }
        var genFp = gen.stream().map(MoleculeProfile::ecfp).toList();
        var refFp = reference.fingerprints();
        // one pass per pair of sets gives Tanimoto MMD², SNN and the RBF MMD² on ECFP4 bits; the reference's own
        // pass is prepared with it, and its bandwidth is the kernel's
        double h = reference.bandwidth();
        boolean reuse = genPairs != null && (genEmbeddings != null || genPairs.rbfBandwidth() == h);
        var gg = reuse ? genPairs : Tanimoto.pairs(genFp, genFp, h);
        var rr = reference.self();
        var gr = Tanimoto.pairs(genFp, refFp, h);
        double mmdT = Mmd.tanimotoFromPairs(gg, rr, gr);
        double snn = java.util.Arrays.stream(gr.rowMax()).average().orElse(Double.NaN);
        double fd;
        double mmdR;
        String name;
        if (genEmbeddings == null) {
            fd = FrechetDistance.between(asVectors(genFp), asVectors(refFp));
            name = "ECFP4-" + FD_BITS;
            mmdR = Mmd.rbfFromPairs(gg, rr, gr);
        } else {
            name = embeddingName;
            fd = FrechetDistance.between(genEmbeddings, refEmbeddings);
            mmdR = Mmd.rbf(genEmbeddings, refEmbeddings);
        }
        double frag = CountSimilarity.cosine(counts(gen, true), counts(ref, true));
        double scaf = CountSimilarity.cosine(counts(gen, false), counts(ref, false));
        var kl = new double[DESCRIPTORS.size()];
        double score = 0;
        for (int d = 0; d < kl.length; d++) {
            var r = column(ref, d);
            var g = column(gen, d);
            kl[d] = d < Descriptors.CONTINUOUS ? DescriptorKl.continuous(r, g) : DescriptorKl.discrete(r, g);
            score += Math.exp(-kl[d]) / kl.length;
        }
        return new ReferenceMetrics(name, fd, mmdT, mmdR, snn, frag, scaf, kl, score);
    }

    private static java.util.Map<String, Integer> counts(final List<MoleculeProfile> set, final boolean fragments) {
        var items = new ArrayList<String>();
        for (var p : set) {
            if (fragments) {
                items.addAll(p.fragments());
            } else if (!p.scaffold().isEmpty()) { // MOSES drops acyclic molecules' empty scaffold
                items.add(p.scaffold());
            }
        }
        return CountSimilarity.counts(items);
    }

    private static double[] column(final List<MoleculeProfile> set, final int d) {
        return set.stream().filter(p -> p.descriptors() != null).mapToDouble(p -> p.descriptors()[d]).toArray();
    }

    /**
     * ECFP4 folded (bitwise or) to {@link #FD_BITS} bits as 0/1 vectors: the Fréchet distance needs two
     * d×d eigendecompositions, which at d = 1,024 cost seconds, at 256 a fraction of one.
     */
    private static double[][] asVectors(final List<long[]> fps) {
        var out = new double[fps.size()][FD_BITS];
        for (int i = 0; i < fps.size(); i++) {
            var w = fps.get(i);
            for (int k = 0; k < MoleculeProfiler.ECFP_BITS; k++) {
                if ((w[k >>> 6] >>> (k & 63) & 1L) != 0) {
                    out[i][k % FD_BITS] = 1;
                }
            }
        }
        return out;
    }

    /** Length of the folded fingerprint the default Fréchet distance uses. */
    public static final int FD_BITS = 256;
}
