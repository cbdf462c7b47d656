package dev.flowmatch.engine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reference data of {@code ../shared/data} for tests (system property {@code flowmatch.shared.data} overrides
 * where it is): a test that needs a file skips, saying which, when it is absent.
 */
public final class SharedTestData {

    private SharedTestData() {
    }

    /** @param file relative to the data folder, e.g. "qm9/qm9_3d.xyz.xz"; skips the calling test when absent */
    public static Path require(final String file) {
        var root = Path.of(System.getProperty("flowmatch.shared.data", "../../shared/data"));
        var p = root.resolve(file);
        assumeTrue(Files.isRegularFile(p), "skipped: reference data " + p.toAbsolutePath() + " is absent");
        return p;
    }
}
