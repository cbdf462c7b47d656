package dev.flowmatch.nodes.learner;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;

import dev.flowmatch.engine.train.FlowModel;
import dev.flowmatch.engine.train.Representation;
import dev.flowmatch.engine.train.Trainer;
import dev.flowmatch.engine.train.TrainingConfig;
import dev.flowmatch.engine.train.WarmStart;
import dev.flowmatch.nodes.port.FlowModelPortObjectSpec;

/**
 * The learner's optional start model (fine-tuning): what it fixes (vocabulary, coordinate scale, network, path)
 * and the settings that must agree with it, checked when the node is configured so the dialog's user hears of a
 * mismatch before training.
 */
final class StartModel {

    /** @throws InvalidSettingsException naming the setting that disagrees with the start model */
    static void check(final FlowModelPortObjectSpec start, final LearnerNodeParameters s,
        final List<String> conditionNames) throws InvalidSettingsException {
        if (start == null) {
            return;
        }
        boolean hydrogens = s.m_representation.m_explicitHydrogens;
        if (start.explicitHydrogens() != hydrogens) {
            throw new InvalidSettingsException("Setting \"Explicit hydrogens\" is " + (hydrogens ? "on" : "off")
                + ", but the start model was trained " + (start.explicitHydrogens() ? "with" : "without")
                + " explicit hydrogens: set it as the model has it to fine-tune the model.");
        }
        if (!start.conditions().isEmpty() && !start.conditions().equals(conditionNames)) {
            throw new InvalidSettingsException("The start model is conditioned on " + start.conditions()
                + "; setting \"Condition columns\" must choose the same columns, in that order, to fine-tune it (chosen: "
                + conditionNames + ").");
        }
    }

    /** @return the representation of the training molecules in the start model's terms */
    static Representation representation(final FlowModel start, final boolean hydrogens,
        final List<dev.flowmatch.engine.chem.PointCloud> train) {
        var r = start.representation();
        return Representation.of(r.vocabulary(), hydrogens, train, r.coordScale(), r.typeScale());
    }

    /** @return the training schedule of the settings on the start model's path and atom-type flow */
    static TrainingConfig training(final FlowModel start, final TrainingConfig settings) {
        var t = start.training();
        return settings.withPath(t.path()).withTypeFlow(t.typeFlow(), settings.rotationCopies());
    }

    /** Copies the start model's weights into the trainer; a mismatch the checks above cannot see is named. */
    static void apply(final FlowModel start, final Trainer trainer) throws InvalidSettingsException {
        try {
            WarmStart.from(start, trainer);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("Start model: " + e.getMessage(), e);
        }
    }

    private StartModel() {
    }
}
