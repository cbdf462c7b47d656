package dev.flowmatch.nodes.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.core.data.IntValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.config.ConfigEditTreeModel;
import org.knime.core.node.workflow.FlowVariable;
import org.knime.core.node.workflow.NodeID;
import org.knime.core.node.workflow.WorkflowManager;

import dev.flowmatch.nodes.NodeTables;
import dev.flowmatch.nodes.embed.EmbedNodeFactory;
import dev.flowmatch.nodes.port.FlowModelPortObject;

/**
 * Settings driven by workflow variables, as loops and workflow variables drive them: each node's main settings
 * bound to a variable through KNIME's own variable mask (what the dialog's "flow variable" button writes), the
 * workflow executed in a real WorkflowManager, the variables' values visible in the outputs; a bad value arriving
 * by variable gets the message the dialog's check gives.
 */
class FlowVariablesTest {

    /** Binds the setting at {@code keyPath} of the node's model settings to a workflow variable. */
    static void control(final WorkflowManager wfm, final NodeID id, final String variable, final String... keyPath)
        throws Exception {
        var settings = new NodeSettings("settings");
        wfm.saveNodeSettings(id, settings);
        var model = settings.getNodeSettings("model");
        var mask = settings.containsKey("variables")
            ? ConfigEditTreeModel.create(model, settings.getNodeSettings("variables"))
            : ConfigEditTreeModel.create(model);
        var entry = mask.findChildForKeyPath(keyPath);
        assertTrue(entry != null, "no setting " + String.join("/", keyPath));
        entry.setUseVariableName(variable);
        var variables = (NodeSettings)settings.addNodeSettings("variables");
        mask.writeVariablesTo(variables);
        wfm.loadNodeSettings(id, settings);
    }

    private static NodeID node(final WorkflowManager wfm, final String name) {
        return wfm.getNodeContainers().stream().filter(nc -> nc.getName().equals(name)).findFirst().orElseThrow()
            .getID();
    }

    @Test
    void mainSettingsOfEveryNodeFollowWorkflowVariables() throws Exception {
        var wfm = TestWorkflows.build("01-full-chain");
        try {
            wfm.addWorkflowVariables(true, new FlowVariable("samples", 3), new FlowVariable("epochs", 2),
                new FlowVariable("batch", 8), new FlowVariable("rate", 0.001), new FlowVariable("lambda", 0.25),
                new FlowVariable("molecules", 12), new FlowVariable("solver", "EULER"), new FlowVariable("steps", 7),
                new FlowVariable("seed", 5), new FlowVariable("encoder", "ECFP"), new FlowVariable("bootstrap", 20));
            control(wfm, node(wfm, "Build Probability Path"), "samples", "samplesPerMolecule");
            var learner = node(wfm, "Flow Matching Learner");
            control(wfm, learner, "epochs", "optimizer", "epochs");
            control(wfm, learner, "batch", "optimizer", "batchSize");
            control(wfm, learner, "rate", "optimizer", "learningRate");
            control(wfm, learner, "lambda", "repa", "lambda");
            var sampler = node(wfm, "ODE Sampler");
            control(wfm, sampler, "molecules", "molecules");
            control(wfm, sampler, "solver", "solver");
            control(wfm, sampler, "steps", "steps");
            control(wfm, sampler, "seed", "seed");
            control(wfm, node(wfm, "Distribution Metrics"), "bootstrap", "bootstrap");
            // a second embedder whose encoder is chosen by a variable (the first feeds the learner's REPA column)
            var table = node(wfm, "Table Creator");
            var embed = TestWorkflows.add(wfm, new EmbedNodeFactory(), 250, 300, "moleculeColumn", "SMILES");
            wfm.addConnection(table, 1, embed, 1);
            control(wfm, embed, "encoder", "encoder", "kind");

            assertTrue(wfm.executeAllAndWaitUntilDone(), "executed: " + wfm.getNodeContainers().stream()
                .map(nc -> nc.getNameWithID() + " " + nc.getNodeContainerState() + " " + nc.getNodeMessage()).toList());
            var path = table(wfm, node(wfm, "Build Probability Path"));
            assertEquals(3L * NodeTables.SMALL.size(), path.size(), "3 path samples per molecule");
            var model = (FlowModelPortObject)wfm.getNodeContainer(learner).getOutPort(1).getPortObject();
            var curve = table(wfm, learner, 2);
            assertEquals(2, curve.size(), "2 epochs: one curve row each");
            var description = model.getDescription();
            assertTrue(description.contains("0.25"), "REPA λ from the variable: " + description);
            var molecules = table(wfm, sampler);
            assertEquals(12, molecules.size(), "12 molecules");
            var nfe = ((IntValue)NodeTables.cell(molecules, 0, "NFE")).getIntValue();
            assertEquals(7, nfe, "Euler with 7 steps: 7 evaluations");
            var metrics = table(wfm, node(wfm, "Distribution Metrics"));
            assertTrue(metrics.getDataTableSpec().getColumnNames().length > 0 && metrics.getDataTableSpec()
                .containsName("Validity low"), "bootstrap intervals asked by the variable");
            var embedded = table(wfm, embed);
            assertTrue(embedded.getDataTableSpec().containsName("ECFP4-1024 embedding"), "ECFP chosen by variable: "
                + String.join(", ", embedded.getDataTableSpec().getColumnNames()));
        } finally {
            WorkflowManager.ROOT.removeProject(wfm.getID());
        }
    }

    /** A value the dialog would refuse, arriving by variable, stops the node with the dialog's own message. */
    @Test
    void aBadValueByVariableGetsTheDialogsMessage() throws Exception {
        var wfm = TestWorkflows.build("01-full-chain");
        try {
            wfm.addWorkflowVariables(true, new FlowVariable("molecules", -3), new FlowVariable("rate", -0.5));
            var sampler = node(wfm, "ODE Sampler");
            var learner = node(wfm, "Flow Matching Learner");
            control(wfm, sampler, "molecules", "molecules");
            control(wfm, learner, "rate", "optimizer", "learningRate");
            wfm.executeAllAndWaitUntilDone();
            var learnerMessage = wfm.getNodeContainer(learner).getNodeMessage().getMessage();
            assertTrue(learnerMessage.contains("Setting \"Learning rate\": must be greater than 0, is -0.5"),
                learnerMessage);
            assertFalse(wfm.getNodeContainer(sampler).getNodeContainerState().isExecuted());
        } finally {
            WorkflowManager.ROOT.removeProject(wfm.getID());
        }
    }

    private static BufferedDataTable table(final WorkflowManager wfm, final NodeID id) {
        return table(wfm, id, 1);
    }

    private static BufferedDataTable table(final WorkflowManager wfm, final NodeID id, final int port) {
        return (BufferedDataTable)wfm.getNodeContainer(id).getOutPort(port).getPortObject();
    }
}
