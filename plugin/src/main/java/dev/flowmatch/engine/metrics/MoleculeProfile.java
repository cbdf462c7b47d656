package dev.flowmatch.engine.metrics;

import java.util.List;

/**
 * Everything the set metrics need from one molecule, computed once: the checks of
 * {@link dev.flowmatch.engine.chem.MoleculeChecks}, and for valid molecules the canonical SMILES, ECFP4 bits,
 * scaffold, fragments and descriptors of the largest fragment (what validity judges, as in MiDi). Fields
 * other than the checks are null for invalid molecules.
 *
 * @param valid the largest fragment is a closed-shell molecule
 * @param fragmentCount connected pieces (1 = connected)
 * @param edm EDM's stability rule on the atoms' elements and coordinates alone ({@link EdmStability}): the
 *            stability the field reports
 * @param stableAtoms atoms whose perceived bonds give an allowed valence at their own formal charge (not EDM's
 *            rule: perception chooses orders that fit, whatever the bond lengths)
 * @param neutralStableAtoms the same with the neutral valence table
 * @param atoms atom count (hydrogens included when explicit)
 * @param problem why it is invalid, or null
 * @param smiles canonical SMILES of the largest fragment (aromatic symbols)
 * @param ecfp ECFP4 folded to {@link MoleculeProfiler#ECFP_BITS} bits, as 64-bit words
 * @param scaffold Bemis–Murcko scaffold SMILES ("" for acyclic molecules)
 * @param fragments ring/chain fragments
 * @param descriptors {@link Descriptors#NAMES} in order; null if CDK cannot compute them for this molecule
 */
public record MoleculeProfile(boolean valid, int fragmentCount, EdmStability.Result edm, int stableAtoms, int neutralStableAtoms, int atoms,
    String problem, String smiles, long[] ecfp, String scaffold, List<String> fragments, double[] descriptors) {

    /** Names of {@link #descriptors()}, in order (GuacaMol's physico-chemical descriptors, computed with CDK). */
    public static final List<String> DESCRIPTOR_NAMES = Descriptors.NAMES;

    public boolean connected() {
        return fragmentCount == 1;
    }

    /** @return valid and a single fragment */
    public boolean connectedValid() {
        return valid && fragmentCount == 1;
    }

    /** @return stable by EDM's rule (false when the rule cannot judge the molecule) */
    public boolean edmMoleculeStable() {
        return edm.moleculeStable();
    }

    /** @return every atom has an allowed valence by its perceived bonds and charge */
    public boolean perceivedMoleculeStable() {
        return stableAtoms == atoms && atoms > 0;
    }

    public boolean perceivedNeutralMoleculeStable() {
        return neutralStableAtoms == atoms && atoms > 0;
    }
}
