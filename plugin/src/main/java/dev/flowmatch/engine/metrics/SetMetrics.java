package dev.flowmatch.engine.metrics;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Metrics of one generated set on its own, as generative-chemistry papers report them (EDM, MiDi, MOSES):
 *
 * @param molecules set size
 * @param connectedValidity share that is valid and a single fragment (the headline number)
 * @param validity share whose largest fragment is a closed-shell molecule ({@link MoleculeProfile#valid})
 * @param validUnique share that is valid with a SMILES no earlier molecule had (EDM's validity × uniqueness)
 * @param uniqueness distinct SMILES among the valid molecules
 * @param novelty share of the distinct valid SMILES not in the training set (NaN without one)
 * @param connectivity share with a single fragment
 * @param fragmentsPerMolecule mean number of fragments
 * @param edmMoleculeStability share of the molecules EDM's rule judges that are stable by it ({@link EdmStability}:
 *            bond orders from distances; the number EDM, EquiFM and GeoLDM report)
 * @param edmAtomStability share of the atoms of those molecules that are stable by EDM's rule
 * @param edmNotJudged molecules EDM's rule cannot judge (an element or pair outside its tables, no 3D
 *            coordinates, implicit hydrogens), left out of both EDM rates
 * @param perceivedAtomStability share of all atoms whose perceived bonds give an allowed valence at their own
 *            charge (bond perception chooses the orders; lenient, not EDM's rule)
 * @param perceivedMoleculeStability share of molecules all of whose atoms are stable by perceived bonds
 * @param perceivedNeutralAtomStability perceived-bond atom stability with the neutral valence table
 * @param perceivedNeutralMoleculeStability perceived-bond molecule stability with the neutral valence table
 * @param intDiv1 IntDiv_1 = 1 − mean ECFP4 Tanimoto over all ordered pairs of valid molecules, self-pairs included
 *            as in MOSES
 * @param intDiv2 IntDiv_2 = 1 − sqrt(mean T²) over the same pairs
 */
public record SetMetrics(int molecules, double connectedValidity, double validity, double validUnique,
    double uniqueness, double novelty, double connectivity, double fragmentsPerMolecule, double edmMoleculeStability,
    double edmAtomStability, int edmNotJudged, double perceivedAtomStability, double perceivedMoleculeStability,
    double perceivedNeutralAtomStability, double perceivedNeutralMoleculeStability, double intDiv1,
    double intDiv2) {

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
        int connectedValid = 0;
        int connected = 0;
        long fragments = 0;
        long atoms = 0;
        long stableAtoms = 0;
        long neutralAtoms = 0;
        int stableMols = 0;
        int neutralMols = 0;
        int edmJudged = 0;
        int edmStableMols = 0;
        long edmAtoms = 0;
        long edmStableAtoms = 0;
        Set<String> unique = new HashSet<>();
        for (var p : set) {
            valid += p.valid() ? 1 : 0;
            connectedValid += p.connectedValid() ? 1 : 0;
            connected += p.connected() ? 1 : 0;
            fragments += p.fragmentCount();
            atoms += p.atoms();
            stableAtoms += p.stableAtoms();
            neutralAtoms += p.neutralStableAtoms();
            stableMols += p.perceivedMoleculeStable() ? 1 : 0;
            neutralMols += p.perceivedNeutralMoleculeStable() ? 1 : 0;
            if (p.edm().judged()) {
                edmJudged++;
                edmStableMols += p.edmMoleculeStable() ? 1 : 0;
                edmAtoms += p.edm().atoms();
                edmStableAtoms += p.edm().stableAtoms();
            }
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
        double perAtom = atoms == 0 ? Double.NaN : 1.0 / atoms;
        return new SetMetrics(n, connectedValid / (double)n, valid / (double)n, unique.size() / (double)n,
            valid == 0 ? Double.NaN : unique.size() / (double)valid, novelty, connected / (double)n,
            fragments / (double)n, edmJudged == 0 ? Double.NaN : edmStableMols / (double)edmJudged,
            edmAtoms == 0 ? Double.NaN : edmStableAtoms / (double)edmAtoms, n - edmJudged, stableAtoms * perAtom,
            stableMols / (double)n, neutralAtoms * perAtom, neutralMols / (double)n, div1, div2);
    }
}
