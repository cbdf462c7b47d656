package dev.flowmatch.mainjob;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import dev.flowmatch.engine.chem.Conformers;
import dev.flowmatch.engine.chem.MoleculeOutput;
import dev.flowmatch.engine.chem.MoleculeReaders;

/**
 * Assembles the embedded default data set: small organic molecules (C, N, O, F; at most 9 heavy atoms, as in
 * QM9) written for this project as scaffolds × substituents, kept when CDK reads them and our conformer
 * generator embeds them, deduplicated by canonical SMILES. Writes one "SMILES name" line per molecule.
 *
 * <p>Args: output file (default plugin/src/main/resources/dev/flowmatch/engine/data/default-molecules.smi).
 */
public final class BuildDefaultSet {

    /** Scaffolds with one attachment point "*" (the substituent replaces it; "" removes it). */
    static final List<String> SCAFFOLDS = List.of("C*", "CC*", "CCC*", "CC(C)*", "C=C*", "C#C*", "C1CC1*", "C1CCC1*",
        "C1CCCC1*", "C1CCOC1*", "c1ccccc1*", "c1ccncc1*", "c1ccoc1*", "c1cc[nH]c1*", "c1cnc[nH]1*", "O=C*",
        "CC(=O)*", "OCC*", "NCC*", "N#CC*", "COC*", "CN(C)*", "C1COCCN1*", "O=C1CCC1*", "C1=CCC=C1*");

    static final List<String> SUBSTITUENTS = List.of("", "C", "O", "N", "F", "C#N", "C=O", "C(=O)O", "C(=O)N",
        "OC", "NC", "CO", "CN", "C(F)(F)F", "C=C", "C#C", "CC");

    private BuildDefaultSet() {
    }

    public static void main(final String[] args) throws Exception {
        var out = Path.of(args.length > 0 ? args[0]
            : "plugin/src/main/resources/dev/flowmatch/engine/data/default-molecules.smi");
        var kept = new TreeMap<String, String>();
        int tried = 0;
        for (var scaffold : SCAFFOLDS) {
            for (var sub : SUBSTITUENTS) {
                var smiles = scaffold.replace("*", sub.isEmpty() ? "" : "(" + sub + ")");
                if (smiles.endsWith("()")) {
                    continue;
                }
                tried++;
                var r = MoleculeReaders.smiles(new StringReader(smiles)).findFirst().orElseThrow();
                if (!r.isOk()) {
                    continue;
                }
                var mol = r.molecule();
                long heavy = 0;
                boolean elements = true;
                for (var a : mol.atoms()) {
                    heavy += a.getAtomicNumber() > 1 ? 1 : 0;
                    elements &= List.of(1, 6, 7, 8, 9).contains(a.getAtomicNumber());
                }
                if (heavy < 2 || heavy > 9 || !elements) {
                    continue;
                }
                try {
                    Conformers.embed(mol, 1);
                    kept.putIfAbsent(MoleculeOutput.canonicalSmiles(mol), smiles);
                } catch (Exception e) {
                    System.err.println("no conformer for " + smiles + ": " + e.getMessage());
                }
            }
        }
        var lines = new ArrayList<String>();
        lines.add("# Default molecules of Flow Matching for KNIME: written for the project as scaffolds x substituents"
            + " (dev.flowmatch.mainjob.BuildDefaultSet), C/N/O/F, 2-9 heavy atoms, canonical SMILES (CDK).");
        int i = 0;
        for (var smiles : kept.keySet()) {
            lines.add(smiles + " default-" + ++i);
        }
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
        System.out.println("default set: " + kept.size() + " molecules of " + tried + " candidates -> " + out);
    }
}
