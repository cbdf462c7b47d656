package dev.flowmatch.engine.chem;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * The small data set shipped in the plugin (364 molecules with C, N, O, F and 2–9 heavy atoms, written for
 * the project as scaffolds × substituents; see {@code mainjob/src/.../BuildDefaultSet.java}), so that a
 * first model can be trained without any download. SMILES only: 3D comes from {@link Conformers}.
 */
public final class DefaultMolecules {

    /** Class-path resource next to this package's data folder. */
    public static final String RESOURCE = "/dev/flowmatch/engine/data/default-molecules.smi";

    private DefaultMolecules() {
    }

    /** @return the molecules, titled with their names (e.g. "default-12") */
    public static List<IAtomContainer> load() throws IOException {
        var in = DefaultMolecules.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IOException("The default molecule set " + RESOURCE + " is not on the class path.");
        }
        String text;
        try (var r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            text = new java.io.BufferedReader(r).lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .collect(Collectors.joining("\n"));
        }
        try (var records = MoleculeReaders.smiles(new StringReader(text))) {
            var results = records.toList();
            for (var r : results) {
                if (!r.isOk()) {
                    throw new IOException("The default molecule set is damaged: " + r);
                }
            }
            return results.stream().map(ReadResult::molecule).toList();
        }
    }
}
