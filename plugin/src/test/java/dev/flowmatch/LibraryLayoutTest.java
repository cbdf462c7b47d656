package dev.flowmatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The embedded libraries, the manifest's Bundle-ClassPath and the feature must agree. */
class LibraryLayoutTest {

    private static Manifest manifest(final Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return new Manifest(in);
        }
    }

    @Test
    void bundleClassPathListsExactlyTheEmbeddedJars() throws IOException {
        var cp = manifest(Path.of("META-INF/MANIFEST.MF")).getMainAttributes().getValue("Bundle-ClassPath");
        var listed = Arrays.stream(cp.split(",")).map(String::trim).filter(e -> e.startsWith("lib/"))
            .collect(Collectors.toCollection(TreeSet::new));
        try (var files = Files.list(Path.of("lib"))) {
            var present = files.map(f -> "lib/" + f.getFileName()).filter(n -> n.endsWith(".jar"))
                .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(present, listed, "update META-INF/MANIFEST.MF after changing the plugin's dependencies");
        }
        assertTrue(listed.contains("lib/api.jar") && listed.contains("lib/cdk-core.jar"), listed.toString());
        assertFalse(listed.stream().anyMatch(n -> n.contains("pytorch-native")), "natives belong in the fragment");
        try (var files = Files.list(Path.of("lib"))) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().contains("standin")),
                "the KNIME API stand-in must never be embedded");
        }
    }

    @Test
    void featureShipsPluginAndNativesButNeverTheStandIn() throws IOException {
        var feature = Files.readString(Path.of("../feature/feature.xml"));
        assertTrue(feature.contains("id=\"dev.flowmatch.knime\""));
        assertTrue(feature.contains("id=\"dev.flowmatch.knime.pytorch.linux.x86_64\""));
        assertFalse(feature.contains("standin"), "the KNIME API stand-in must never be shipped");
    }
}
