package dev.flowmatch.nodes.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.StandInNodeDriver;

import dev.flowmatch.nodes.PluginXml;

/**
 * Every settings.xml of our nodes in test-workflows/ loads into the node model and is exactly what the model
 * saves back (no key missing, none left over, no value changed), and every file is what {@link TestWorkflows}
 * writes from the current code: workflows and code cannot drift apart.
 */
class WorkflowSettingsTest {

    static Path root() {
        return PluginXml.file().toAbsolutePath().getParent().getParent().resolve("test-workflows");
    }

    @Test
    void everyNodeSettingsFileLoadsIntoItsNodeModel() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root())) {
            files = s.filter(p -> p.getFileName().toString().equals("settings.xml")).sorted().toList();
        }
        int ours = 0;
        for (var f : files) {
            NodeSettingsRO settings;
            try (var in = Files.newInputStream(f)) {
                settings = NodeSettings.loadFromXML(in);
            }
            var factory = settings.getString("factory");
            if (!factory.startsWith("dev.flowmatch.")) {
                continue;
            }
            @SuppressWarnings("unchecked")
            var d = StandInNodeDriver.of(
                (NodeFactory<? extends NodeModel>)Class.forName(factory).getDeclaredConstructor().newInstance());
            var model = settings.getNodeSettings("model");
            d.loadSettings(model);
            assertEquals(xml(model), xml(d.saveSettings()), f + ": what the node saves back differs");
            ours++;
        }
        assertTrue(ours >= 15, "our nodes in the test workflows: " + ours);
    }

    @Test
    void committedWorkflowsAreWhatTheGeneratorWritesNow() throws Exception {
        var fresh = Files.createTempDirectory("workflows");
        try {
            for (var w : TestWorkflows.all()) {
                TestWorkflows.write(fresh.resolve("test-workflows"), w);
            }
            var differences = new ArrayList<String>();
            try (Stream<Path> s = Files.walk(fresh.resolve("test-workflows"))) {
                for (var p : s.filter(Files::isRegularFile).toList()) {
                    var rel = fresh.resolve("test-workflows").relativize(p);
                    var committed = root().resolve(rel);
                    if (!Files.exists(committed) || !Files.readString(committed).equals(Files.readString(p))) {
                        differences.add(rel.toString());
                    }
                }
            }
            assertTrue(differences.isEmpty(), "test-workflows/ is out of date (run TestWorkflows.main): "
                + differences);
        } finally {
            try (Stream<Path> s = Files.walk(fresh)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theWorkflowsRunThroughTheStandIn() throws Exception {
        var workflows = StandInWorkflowRunner.workflows(root());
        assertEquals(3, workflows.size());
        var full = StandInWorkflowRunner.run(workflows.get(0));
        var metrics = (org.knime.core.node.BufferedDataTable)full.outputs().get(6)[0];
        assertEquals(1, metrics.size(), "01: one metrics row");
        var repa = StandInWorkflowRunner.run(workflows.get(1));
        for (int id : new int[]{6, 7}) {
            assertEquals(1, ((org.knime.core.node.BufferedDataTable)repa.outputs().get(id)[0]).size());
        }
        var bad = StandInWorkflowRunner.run(workflows.get(2));
        for (int id = 2; id <= 5; id++) {
            var w = bad.warnings().get(id);
            assertTrue(w != null && w.contains("Row16") && w.contains("Row17"),
                "03: " + bad.names().get(id) + " warns about the missing and the unparsable row: " + w);
        }
        assertTrue(bad.warnings().get(4).contains("Row18") && bad.warnings().get(4).contains("maximum of 29"),
            "03: the learner names the molecule above the maximum: " + bad.warnings().get(4));
    }

    private static String xml(final NodeSettingsRO s) throws Exception {
        var out = new ByteArrayOutputStream();
        var copy = new NodeSettings("model");
        ((NodeSettings)s).copyTo(copy);
        copy.saveToXML(out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
