package dev.flowmatch.engine.metrics;

import java.util.List;

/**
 * Everything the set metrics need from one molecule, computed once: checks, canonical SMILES, ECFP4
 * bits, scaffold, fragments and descriptors. Fields other than the checks are null for invalid molecules.
 *
 * @param valid CDK can type and sanitize it
 * @param connected one fragment
 * @param stableAtoms atoms with an allowed valence (EDM)
 * @param atoms atom count (hydrogens included when explicit)
 * @param problem why it is invalid, or null
 * @param smiles canonical SMILES (aromatic symbols)
 * @param ecfp ECFP4 folded to {@link MoleculeProfiler#ECFP_BITS} bits, as 64-bit words
 * @param scaffold Bemis–Murcko scaffold SMILES ("" for acyclic molecules)
 * @param fragments ring/chain fragments
 * @param descriptors {@link Descriptors#NAMES} in order; null if CDK cannot compute them for this molecule
 */
public record MoleculeProfile(boolean valid, boolean connected, int stableAtoms, int atoms, String problem,
    String smiles, long[] ecfp, String scaffold, List<String> fragments, double[] descriptors) {

    public boolean moleculeStable() {
        return stableAtoms == atoms && atoms > 0;
    }
}
