package dev.flowmatch.nodes.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.workflow.NativeNodeContainer;
import org.knime.core.node.workflow.NodeContainer;
import org.knime.core.node.workflow.NodeMessage;
import org.knime.core.node.workflow.WorkflowLoadHelper;
import org.knime.core.node.workflow.WorkflowManager;
import org.knime.core.node.workflow.WorkflowPersistor.LoadResultEntry.LoadResultEntryType;
import org.knime.core.node.workflow.contextv2.WorkflowContextV2;
import org.knime.core.util.FileUtil;

/**
 * The committed workflows of {@code test-workflows/}, loaded by KNIME 5.8.2's own WorkflowManager from the files
 * (settings keys as real persistence writes them), executed, and checked; and the check that the files are
 * what {@link TestWorkflows} builds from today's code. With {@code -Dflowmatch.writeWorkflows=DIR} the builder
 * writes them into DIR/test-workflows instead (then run the tests again).
 */
class WorkflowsTest {

    /** The repository root: tycho-surefire runs in plugin.tests/. */
    static Path root() {
        var here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("test-workflows")) ? here : here.getParent();
    }

    @Test
    void committedWorkflowsMatchWhatTheBuilderWritesNow() throws Exception {
        var target = System.getProperty("flowmatch.writeWorkflows", "");
        for (var name : TestWorkflows.NAMES) {
            var wfm = TestWorkflows.build(name);
            try {
                var dir = FileUtil.createTempDir("written-" + name).toPath();
                wfm.save(dir.toFile(), new ExecutionMonitor(), true);
                if (!target.isEmpty()) {
                    copyWorkflow(dir, Path.of(target).resolve("test-workflows").resolve(name));
                    continue;
                }
                var committed = root().resolve("test-workflows").resolve(name);
                for (var nc : wfm.getNodeContainers()) {
                    var folder = TestWorkflows.folder(nc);
                    var written = TestWorkflows.modelSettings(dir.resolve(folder).resolve("settings.xml"));
                    var file = committed.resolve(folder).resolve("settings.xml");
                    assertTrue(Files.exists(file), name + ": " + folder + " is missing; write the test workflows again");
                    assertEquals(written, TestWorkflows.modelSettings(file),
                        name + "/" + folder + ": settings differ from today's nodes; write the test workflows again");
                }
            } finally {
                WorkflowManager.ROOT.removeProject(wfm.getID());
            }
        }
    }

    /** Every node created through its factory in a real WorkflowManager, the full chain connected and executed. */
    @Test
    void theFullChainRunsInARealWorkflowManager() throws Exception {
        var wfm = TestWorkflows.build("01-full-chain");
        try {
            assertTrue(wfm.executeAllAndWaitUntilDone(), "executed: " + wfm.getNodeContainers().stream()
                .map(nc -> nc.getNameWithID() + " " + nc.getNodeContainerState() + " " + nc.getNodeMessage()).toList());
            for (var nc : wfm.getNodeContainers()) {
                if (nc.getName().equals("Distribution Metrics")) {
                    var metrics = (BufferedDataTable)nc.getOutPort(1).getPortObject();
                    assertEquals(1, metrics.size());
                    assertEquals(50, ((org.knime.core.data.IntValue)dev.flowmatch.nodes.NodeTables.cell(metrics, 0,
                        "Molecules")).getIntValue(), "metrics of the 50 sampled molecules");
                }
                if (nc.getName().equals("Flow Matching Learner")) {
                    var model = (dev.flowmatch.nodes.port.FlowModelPortObject)nc.getOutPort(1).getPortObject();
                    assertEquals("column \"MPNN embedding\", centred", model.getSpec().repaEncoder(),
                        "REPA on the centred embeddings");
                }
            }
        } finally {
            WorkflowManager.ROOT.removeProject(wfm.getID());
        }
    }

    @Test
    void committedWorkflowsLoadAndRunInARealWorkflowManager() throws Exception {
        if (!System.getProperty("flowmatch.writeWorkflows", "").isEmpty()) {
            return; // they are being rewritten
        }
        var full = run("01-full-chain");
        assertEquals(1, table(full, "Distribution Metrics").size(), "01: one metrics row");
        assertTrue(table(full, "ODE Sampler").size() == 50, "01: 50 generated molecules");
        var repa = run("02-repa-on-vs-off");
        var rows = repa.tables.get("Distribution Metrics");
        assertEquals(2, rows.size(), "02: metrics for REPA off and for on");
        for (var t : rows) {
            assertEquals(1, t.size(), "02: one metrics row each");
        }
        var encoders = repa.repaEncoders.stream().sorted().toList();
        assertEquals(2, encoders.size(), "02: two models");
        assertEquals("", encoders.get(0), "02: one without REPA");
        var recommended = dev.flowmatch.engine.train.RepaRecipe.RECOMMENDED;
        assertTrue(encoders.get(1).toLowerCase(java.util.Locale.ROOT).contains(recommended.encoder())
            && encoders.get(1).endsWith(", centred") == recommended.centred(),
            "02: the other with the learner's REPA defaults (" + recommended.describe() + "): " + encoders);
        var bad = run("03-bad-inputs");
        for (var node : new String[]{"Build Probability Path", "Frozen Encoder Embed", "Flow Matching Learner",
            "Distribution Metrics"}) {
            var w = bad.warnings.get(node);
            assertTrue(w != null && w.contains("Row16") && w.contains("Row17"), "03: " + node + " names the bad rows: "
                + w);
        }
        assertTrue(bad.warnings.get("Flow Matching Learner").contains("Row18"),
            "03: the learner names the molecule above its size limit: " + bad.warnings.get("Flow Matching Learner"));
        var conditional = run("04-conditional");
        var generated = table(conditional, "ODE Sampler");
        assertEquals(8, generated.size(), "04: one molecule per target row");
        int target = generated.getDataTableSpec().findColumnIndex("Polar atoms (target)");
        assertTrue(target >= 0, "04: the targets are repeated: " + generated.getDataTableSpec());
        assertEquals(1, table(conditional, "Distribution Metrics").size(), "04: one metrics row");
        var tuned = run("05-fine-tune");
        assertEquals(20, table(tuned, "ODE Sampler").size(), "05: 20 molecules from the fine-tuned model");
        assertEquals(1, tuned.descriptions.size(), "05: one model");
        assertTrue(tuned.descriptions.get(0).contains("fine-tuned from a model trained 100,000 steps"),
            "05: the learner started from the shipped qm9-h: " + tuned.descriptions.get(0));
    }

    /**
     * Outputs and warnings of one executed workflow, by node name (first output table of each node), and the
     * REPA description of every trained model ("" without REPA) and its description (the learner's models: the
     * Pretrained Flow Model node's output is not counted).
     */
    private record Run(Map<String, List<BufferedDataTable>> tables, Map<String, String> warnings,
        List<String> repaEncoders, List<String> descriptions) {
    }

    private static BufferedDataTable table(final Run run, final String node) {
        var t = run.tables.get(node);
        assertTrue(t != null && t.size() == 1, node + " produced no table, or there are several such nodes");
        return t.get(0);
    }

    private static Run run(final String name) throws Exception {
        var copy = FileUtil.createTempDir("run-" + name).toPath().resolve(name);
        copyWorkflow(root().resolve("test-workflows").resolve(name), copy);
        var result = WorkflowManager.loadProject(copy.toFile(), new ExecutionMonitor(),
            new WorkflowLoadHelper(WorkflowContextV2.forTemporaryWorkflow(copy, null)));
        var wfm = result.getWorkflowManager();
        try {
            assertTrue(result.getType() != LoadResultEntryType.Error, name + " loads: "
                + result.getFilteredError("", LoadResultEntryType.Warning));
            // every node's settings arrive as the file holds them: what the real loader read is what it saves
            for (NodeContainer nc : wfm.getNodeContainers()) {
                var file = copy.resolve(TestWorkflows.folder(nc)).resolve("settings.xml");
                assertEquals(TestWorkflows.modelSettings(file), nc.getNodeSettings().getNodeSettings("model"),
                    name + ": " + nc.getNameWithID() + " settings after loading");
            }
            wfm.executeAllAndWaitUntilDone();
            var tables = new HashMap<String, List<BufferedDataTable>>();
            var warnings = new HashMap<String, String>();
            var repaEncoders = new ArrayList<String>();
            var descriptions = new ArrayList<String>();
            for (NodeContainer nc : wfm.getNodeContainers()) {
                var state = nc.getNodeContainerState();
                assertTrue(state.isExecuted(), name + ": " + nc.getNameWithID() + " is " + state + ": "
                    + nc.getNodeMessage());
                if (nc instanceof NativeNodeContainer && nc.getNrOutPorts() > 1
                    && nc.getOutPort(1).getPortObject() instanceof BufferedDataTable t) {
                    tables.computeIfAbsent(nc.getName(), k -> new ArrayList<>()).add(t);
                }
                if (nc.getNrOutPorts() > 1
                    && nc.getOutPort(1).getPortObject() instanceof dev.flowmatch.nodes.port.FlowModelPortObject m) {
                    if (nc.getName().equals("Flow Matching Learner")) {
                        repaEncoders.add(m.getSpec().repaEncoder());
                        descriptions.add(m.getDescription());
                    }
                }
                if (nc.getNodeMessage().getMessageType() == NodeMessage.Type.WARNING) {
                    warnings.merge(nc.getName(), nc.getNodeMessage().getMessage(), (a, b) -> a + " | " + b);
                }
            }
            return new Run(tables, warnings, repaEncoders, descriptions);
        } finally {
            WorkflowManager.ROOT.removeProject(wfm.getID());
        }
    }

    /** Copies a workflow folder (files only, without KNIME's lock file). */
    static void copyWorkflow(final Path from, final Path to) throws Exception {
        if (Files.exists(to)) {
            try (var old = Files.walk(to)) {
                old.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        try (var files = Files.walk(from)) {
            for (var p : (Iterable<Path>)files::iterator) {
                var dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else if (!p.getFileName().toString().equals(".knimeLock")) {
                    Files.copy(p, dest);
                }
            }
        }
    }
}
