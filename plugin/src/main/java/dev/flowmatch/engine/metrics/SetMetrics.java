package dev.flowmatch.engine.metrics;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Metrics of one generated set on its own (EDM and MOSES definitions): validity and connectivity over all
 * molecules; uniqueness over valid ones; novelty over unique valid ones; atom stability over all atoms,
 * molecule stability over all molecules; internal diversity IntDiv_p = 1 − (mean over all ordered pairs,
 * self-pairs included as in MOSES, of T^p)^(1/p) with ECFP4 Tanimoto T.
 */
public record SetMetrics(int molecules, double validity, double connectivity, double uniqueness, double novelty,
    double atomStability, double moleculeStability, double intDiv1, double intDiv2) {

    /** @param trainingSmiles canonical SMILES of the training set (as {@link MoleculeProfile#smiles()}); null: no novelty */
    public static SetMetrics of(final List<MoleculeProfile> set, final Collection<String> trainingSmiles) {
        return of(set, trainingSmiles, null);
    }

    /** @param selfPairs Tanimoto statistics of the valid molecules' ECFP4 against themselves, if already known */
    static SetMetrics of(final List<MoleculeProfile> set, final Collection<String> trainingSmiles,
        final Tanimoto.PairStats selfPairs) {
        int n = set.size();
        if (n == 0) {
            throw new IllegalArgumentException("No molecules to evaluate.");
        }
        int valid = 0;
        int connected = 0;
        long atoms = 0;
        long stableAtoms = 0;
        int stableMols = 0;
        Set<String> unique = new HashSet<>();
        for (var p : set) {
            valid += p.valid() ? 1 : 0;
            connected += p.connected() ? 1 : 0;
            atoms += p.atoms();
            stableAtoms += p.stableAtoms();
            stableMols += p.moleculeStable() ? 1 : 0;
            if (p.valid()) {
                unique.add(p.smiles());
            }
        }
        double novelty = Double.NaN;
        if (trainingSmiles != null && !unique.isEmpty()) {
            var training = trainingSmiles instanceof Set<String> s ? s : new HashSet<>(trainingSmiles);
            novelty = unique.stream().filter(s -> !training.contains(s)).count() / (double)unique.size();
        }
        var fps = set.stream().filter(MoleculeProfile::valid).map(MoleculeProfile::ecfp).toList();
        double div1 = Double.NaN;
        double div2 = Double.NaN;
        if (!fps.isEmpty()) {
            var stats = selfPairs != null ? selfPairs : Tanimoto.pairs(fps, fps);
            double pairs = (double)fps.size() * fps.size();
            div1 = 1 - stats.sum() / pairs;
            div2 = 1 - Math.sqrt(stats.sumSquares() / pairs);
        }
        return new SetMetrics(n, valid / (double)n, connected / (double)n,
            valid == 0 ? Double.NaN : unique.size() / (double)valid, novelty,
            atoms == 0 ? Double.NaN : stableAtoms / (double)atoms, stableMols / (double)n, div1, div2);
    }
}
