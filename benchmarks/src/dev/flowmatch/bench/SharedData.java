package dev.flowmatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
