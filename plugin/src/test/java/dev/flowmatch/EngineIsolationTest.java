package dev.flowmatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The engine layer must stay usable without KNIME or Eclipse. Checked on the compiled classes, whose
 * constant pools name every referenced class (imports, fully qualified names, annotations alike).
 */
class EngineIsolationTest {

    private static final Path ENGINE_CLASSES = Path.of("target/classes/dev/flowmatch/engine");

    static List<String> forbiddenReferences(final Path classFile) throws IOException {
        var text = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
        return Stream.of("org/knime/", "org/eclipse/").filter(text::contains).toList();
    }

    static List<Path> classFiles(final Path root) throws IOException {
        try (var files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
    }

    @Test
    void noEngineClassReferencesKnimeOrEclipse() throws IOException {
        var classes = classFiles(ENGINE_CLASSES);
        assertFalse(classes.isEmpty(), "no engine classes found under " + ENGINE_CLASSES.toAbsolutePath());
        for (var c : classes) {
            assertEquals(List.of(), forbiddenReferences(c), c + " references KNIME or Eclipse");
        }
    }

    @Test
    void checkSeesAKnimeReferenceWhereThereIsOne() throws IOException {
        var nodeClass = Path.of("target/classes/dev/flowmatch/nodes/learner/LearnerNodeModel.class");
        assertTrue(forbiddenReferences(nodeClass).contains("org/knime/"), "the check must be able to fail");
    }
}
