package dev.flowmatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.openscience.cdk.interfaces.IAtomContainer;

import dev.flowmatch.engine.chem.MoleculeReaders;
import dev.flowmatch.engine.chem.ReadResult;

/** Locates ../shared/data (system property flowmatch.shared.data) and stops with a clear message if absent. */
final class SharedData {

    private SharedData() {
    }

    static Path require(final String... files) {
        var root = Path.of(System.getProperty("flowmatch.shared.data", "../shared/data"));
        for (var f : files) {
            if (!Files.isRegularFile(root.resolve(f))) {
                System.err.println("SKIPPED: reference data " + root.resolve(f) + " is absent (see ../shared/data).");
                System.exit(3);
            }
        }
        return root;
    }

    /** @return the first n records of a molecule file that read without error */
    static List<IAtomContainer> molecules(final Path file, final int n) throws Exception {
        try (var s = MoleculeReaders.open(file)) {
            return s.limit(n).filter(ReadResult::isOk).map(ReadResult::molecule).toList();
        }
    }
}
