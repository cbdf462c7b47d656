package dev.flowmatch.nodes.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.workflow.BatchExecutor;
import org.knime.core.node.workflow.NodeContainer;
import org.knime.core.node.workflow.NodeMessage;
import org.knime.core.node.workflow.WorkflowLoadHelper;
import org.knime.core.node.workflow.WorkflowManager;
import org.knime.core.node.workflow.WorkflowPersistor.LoadResultEntry.LoadResultEntryType;
import org.knime.core.node.workflow.contextv2.WorkflowContextV2;
import org.knime.core.util.FileUtil;

import dev.flowmatch.nodes.port.FlowModelPortObject;

/**
 * The committed workflows run as a batch user runs them: through KNIME's own BatchExecutor (what
 * {@code knime -application org.knime.product.KNIME_BATCH_APPLICATION} calls), with its exit codes, a node
 * setting overridden by {@code -option}, and the executed workflow saved by it and loaded again.
 */
class BatchExecutionTest {

    private static Path copy(final String name) throws Exception {
        var copy = FileUtil.createTempDir("batch-" + name).toPath().resolve(name);
        WorkflowsTest.copyWorkflow(WorkflowsTest.root().resolve("test-workflows").resolve(name), copy);
        return copy;
    }

    @Test
    void theTestWorkflowsRunHeadlessWithKnimesExitCodes() throws Exception {
        for (var name : new String[]{"01-full-chain", "02-repa-on-vs-off"}) {
            int code = BatchExecutor.mainRun("-workflowDir=" + copy(name), "-reset", "-nosave");
            assertEquals(BatchExecutor.EXIT_SUCCESS, code, name + " in batch mode");
        }
        // 03 executes with warnings that name the bad rows, seen from inside KNIME's own batch run
        var observed = new ObservedBatch(new String[]{"-workflowDir=" + copy("03-bad-inputs"), "-reset", "-nosave"});
        assertEquals(BatchExecutor.EXIT_SUCCESS, observed.runAll(), "03 in batch mode");
        for (var node : new String[]{"Build Probability Path", "Frozen Encoder Embed", "Flow Matching Learner",
            "Distribution Metrics"}) {
            var w = observed.m_warnings.get(node);
            assertTrue(w != null && w.contains("Row16") && w.contains("Row17"), "03: " + node + " names the bad rows: "
                + w);
        }
        // a value the sampler refuses (its settings validation) stops the batch run before anything executes
        assertEquals(BatchExecutor.EXIT_ERR_LOAD, BatchExecutor.mainRun("-workflowDir=" + copy("01-full-chain"),
            "-reset", "-nosave", "-option=5,molecules,-5,int"), "molecules = -5 is refused while loading");
    }

    /**
     * {@code -option} sets the sampler's molecule count (node 5 of 01); {@code -destDir} saves the executed workflow,
     * which a fresh WorkflowManager loads with every node executed, the model port and the molecule table intact.
     */
    @Test
    void anOptionOverrideReachesTheSamplerAndTheSavedWorkflowLoadsExecuted() throws Exception {
        var dest = FileUtil.createTempDir("batch-dest").toPath().resolve("executed");
        int code = BatchExecutor.mainRun("-workflowDir=" + copy("01-full-chain"), "-reset",
            "-option=5,molecules,20,int", "-destDir=" + dest);
        assertEquals(BatchExecutor.EXIT_SUCCESS, code);
        var loaded = WorkflowManager.loadProject(dest.toFile(), new ExecutionMonitor(),
            new WorkflowLoadHelper(WorkflowContextV2.forTemporaryWorkflow(dest, null)));
        var wfm = loaded.getWorkflowManager();
        try {
            assertTrue(loaded.getType() != LoadResultEntryType.Error, "the saved workflow loads: "
                + loaded.getFilteredError("", LoadResultEntryType.Warning));
            for (NodeContainer nc : wfm.getNodeContainers()) {
                assertTrue(nc.getNodeContainerState().isExecuted(), nc.getNameWithID() + " is "
                    + nc.getNodeContainerState() + " after loading");
                if (nc.getName().equals("ODE Sampler")) {
                    var molecules = (BufferedDataTable)nc.getOutPort(1).getPortObject();
                    assertEquals(20, molecules.size(), "the -option override reached the sampler");
                    var first = molecules.iterator().next();
                    assertTrue(first.getCell(0) instanceof org.knime.chem.types.SdfValue,
                        "molecule cells read back as molecules: " + first.getCell(0).getType());
                }
                if (nc.getName().equals("Flow Matching Learner")) {
                    var model = (FlowModelPortObject)nc.getOutPort(1).getPortObject();
                    assertTrue(model.getSpec().repaEncoder().contains("MPNN"), "model port restored: "
                        + model.getSpec().repaEncoder());
                }
            }
        } finally {
            WorkflowManager.ROOT.removeProject(wfm.getID());
        }
    }

    /** KNIME's BatchExecutor, which also notes each node's warning after its own execution of the workflow. */
    private static final class ObservedBatch extends BatchExecutor {

        final Map<String, String> m_warnings = new HashMap<>();

        ObservedBatch(final String[] args) throws Exception {
            super(args);
        }

        @Override
        protected boolean executeWorkflow(final WorkflowManager wfm, final WorkflowConfiguration config)
            throws org.knime.core.node.CanceledExecutionException, BatchException {
            boolean ok = super.executeWorkflow(wfm, config);
            for (NodeContainer nc : wfm.getNodeContainers()) {
                if (nc.getNodeMessage().getMessageType() == NodeMessage.Type.WARNING) {
                    m_warnings.merge(nc.getName(), nc.getNodeMessage().getMessage(), (a, b) -> a + " | " + b);
                }
            }
            return ok;
        }
    }
}
