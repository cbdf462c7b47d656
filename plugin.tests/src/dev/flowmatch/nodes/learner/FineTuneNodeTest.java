package dev.flowmatch.nodes.learner;

import static dev.flowmatch.nodes.NodeTables.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;

import dev.flowmatch.nodes.NodeTables;
import dev.flowmatch.nodes.port.FlowModelPortObject;

/**
 * Fine-tuning through the learner's optional start-model port (the engine's WarmStartTest checks that training
 * starts from the model's weights): the output keeps the start model's network and vocabulary whatever the
 * architecture settings say, learns the property conditions it is given, says what it was fine-tuned from, skips
 * molecules with atom types the start model does not know by row; settings that contradict the start model are
 * refused at configure time by name.
 */
class FineTuneNodeTest {

    private static FlowModelPortObject s_base;

    private static FlowModelPortObject s_tuned;

    private static String s_warning;

    @BeforeAll
    static void train() throws Exception {
        var in = NodeTables.smiles(NodeTables.SMALL);
        s_base = (FlowModelPortObject)LearnerAndSamplerNodeTest.learner(in).execute(in)[0];
        var smiles = new ArrayList<>(NodeTables.SMALL);
        smiles.add("ClCCl"); // chlorine: not in the start model's vocabulary
        var scored = ConditioningNodeTest.withScores(NodeTables.smiles(smiles), i -> i % 2 == 0 ? 0 : 10);
        var d = LearnerAndSamplerNodeTest.learner(scored);
        set(d, "architecture/width", 64); // not used: the network is the start model's
        var s = d.saveSettings();
        ((NodeSettings)s.getNodeSettings("conditioning").getNodeSettings("columns")
            .getNodeSettings("manualFilter")).addStringArray("manuallySelected", "Score");
        d.loadSettings(s);
        s_tuned = (FlowModelPortObject)d.execute(scored, s_base)[0];
        s_warning = d.getWarningMessage();
    }

    @Test
    void theFineTunedModelIsTheStartModelsNetworkWithTheNewConditions() {
        var base = s_base.getSpec();
        var tuned = s_tuned.getSpec();
        assertEquals(base.vocabulary(), tuned.vocabulary());
        assertEquals(List.of("Score"), tuned.conditions());
        var description = s_tuned.getDescription();
        assertTrue(description.contains("2 blocks × 32 wide"), description);
        assertTrue(java.util.regex.Pattern.compile("fine-tuned from a model trained \\d+ steps on \\d+ molecules")
            .matcher(description).find(), description);
        assertTrue(description.contains("Conditioned on Score 0..10"), description);
    }

    @Test
    void moleculesWithAtomTypesTheStartModelDoesNotKnowAreSkippedByRow() {
        assertTrue(s_warning != null && s_warning.contains("Row16") && s_warning.contains("Cl")
            && s_warning.contains("is not in the atom vocabulary"), s_warning);
    }

    /** The use the port is for: the shipped QM9 model adapted to a user's molecules. */
    @Test
    void theShippedQm9ModelFineTunes() throws Exception {
        var pretrained = dev.flowmatch.nodes.pretrained.PretrainedNodeTest.model("qm9-h");
        var in = NodeTables.smiles(NodeTables.SMALL);
        var d = LearnerAndSamplerNodeTest.learner(in);
        set(d, "optimizer/epochs", 1);
        set(d, "optimizer/learningRate", 5e-4);
        var tuned = (FlowModelPortObject)d.execute(in, pretrained)[0];
        assertEquals(pretrained.getSpec().vocabulary(), tuned.getSpec().vocabulary());
        var description = tuned.getDescription();
        assertTrue(description.contains("fine-tuned from a model trained 100,000 steps on 117,744 molecules"),
            description);
    }

    @Test
    void settingsThatContradictTheStartModelAreRefusedByName() throws Exception {
        var in = NodeTables.smiles(NodeTables.SMALL);
        var d = LearnerAndSamplerNodeTest.learner(in);
        set(d, "representation/explicitHydrogens", false);
        var e = assertThrows(InvalidSettingsException.class, () -> d.configure(in.getDataTableSpec(),
            s_base.getSpec()));
        assertTrue(e.getMessage().contains("Setting \"Explicit hydrogens\" is off, but the start model was trained"
            + " with explicit hydrogens"), e.getMessage());
        var plain = LearnerAndSamplerNodeTest.learner(in); // no condition columns for a conditioned start model
        var f = assertThrows(InvalidSettingsException.class, () -> plain.configure(in.getDataTableSpec(),
            s_tuned.getSpec()));
        assertTrue(f.getMessage().contains("The start model is conditioned on [Score]; setting \"Condition columns\""
            + " must choose the same columns"), f.getMessage());
    }
}
