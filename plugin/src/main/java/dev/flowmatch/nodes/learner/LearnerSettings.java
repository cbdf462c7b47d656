package dev.flowmatch.nodes.learner;

import dev.flowmatch.nodes.common.ConditionCells;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;

import dev.flowmatch.engine.model.FlowLoss;
import dev.flowmatch.engine.model.ModelConfig;
import dev.flowmatch.engine.train.PathSettings;
import dev.flowmatch.engine.train.RepaConfig;
import dev.flowmatch.engine.train.TrainingConfig;
import dev.flowmatch.nodes.common.Bounds;
import dev.flowmatch.nodes.common.Checks;
import dev.flowmatch.nodes.common.VectorCells;

/** Checks the learner's settings (messages name the setting) and turns them into engine configurations. */
final class LearnerSettings {

    private LearnerSettings() {
    }

    static void validate(final LearnerNodeParameters s) throws InvalidSettingsException {
        Bounds.check(s); // every numeric range, as the dialog declares it
        var a = s.m_architecture;
        Checks.check(a.m_width % a.m_heads == 0, "Width", "must be divisible by the attention heads (" + a.m_heads
            + "), is " + a.m_width);
        Checks.check(Double.isFinite(s.m_optimizer.m_learningRate), "Learning rate", "must be a finite number");
        Checks.deviceName(s.m_device, "Device");
        try {
            path(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("Probability path: " + e.getMessage(), e);
        }
        Checks.check(s.m_path.m_coupling != null, "Coupling", "not set");
        var p = s.m_repa;
        if (p.m_enabled) {
            Checks.positive(p.m_lambda, "λ");
            Checks.check(p.m_layer >= 1 && p.m_layer <= a.m_depth, "Aligned block",
                "must be between 1 and the depth " + a.m_depth + ", is " + p.m_layer);
            Checks.check(p.m_loss != null, "Alignment loss", "not set");
            Checks.check(0 <= p.m_tMin && p.m_tMin < p.m_tMax && p.m_tMax <= 1, "Window start",
                "the window [" + p.m_tMin + ", " + p.m_tMax + "] must satisfy 0 ≤ start < end ≤ 1");
            Checks.check(p.m_targets != null, "Targets", "not set");
            if (p.m_targets == LearnerNodeParameters.RepaTargets.ENCODER) {
                p.m_encoder.validate("REPA encoder:");
            }
        }
    }

    static int requireVectorColumn(final DataTableSpec spec, final String column) throws InvalidSettingsException {
        int i = spec.findColumnIndex(column == null ? "" : column);
        Checks.check(i >= 0, "Target column", "column \"" + column + "\" is not in the input table");
        Checks.check(VectorCells.isVectorColumn(spec.getColumnSpec(i)), "Target column",
            "column \"" + column + "\" is not a list of numbers (it is " + spec.getColumnSpec(i).getType() + ")");
        return i;
    }

    /**
     * @return the indices of the selected condition columns (empty: unconditional)
     * @throws InvalidSettingsException naming a selected column that is gone or not numeric
     */
    static int[] conditionColumns(final DataTableSpec spec, final LearnerNodeParameters s)
        throws InvalidSettingsException {
        var filter = s.m_conditioning.m_columns;
        var missing = filter.getMissingSelectedFromFullSpec(spec);
        Checks.check(missing.length == 0, "Condition columns", "the input table lacks " + String.join(", ", missing));
        var names = filter.filterFromFullSpec(spec);
        Checks.check(names.length <= dev.flowmatch.engine.train.Conditions.MAX_CONDITIONS, "Condition columns",
            "at most " + dev.flowmatch.engine.train.Conditions.MAX_CONDITIONS + " may be chosen, " + names.length
                + " are");
        var out = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = spec.findColumnIndex(names[i]);
            ConditionCells.requireNumeric(spec, out[i], "Setting \"Condition columns\"");
            Checks.check(!names[i].equals(s.m_moleculeColumn), "Condition columns", "the molecule column \""
                + names[i] + "\" cannot be a condition");
        }
        return out;
    }

    static PathSettings path(final LearnerNodeParameters s) {
        var p = s.m_path;
        return new PathSettings(p.m_scheduler, p.m_schedulerParameter, s.parametrization(), p.m_timeSampler,
            p.m_timeA, p.m_timeB, s.parametrization() == dev.flowmatch.engine.flow.path.Parametrization.DATA
                ? PathSettings.TimeFactorKind.CLAMPED_INVERSE_SQUARE : PathSettings.TimeFactorKind.NONE);
    }

    /**
     * @param angstromPerUnit the representation's coordinate scale (distance features are placed in Å)
     * @param conditions the number of condition columns (0: unconditional)
     */
    static ModelConfig architecture(final LearnerNodeParameters s, final int atomTypes, final double angstromPerUnit,
        final int conditions) {
        var a = s.m_architecture;
        var d = ModelConfig.defaults(atomTypes);
        return new ModelConfig(atomTypes, a.m_width, a.m_depth, a.m_heads, d.ffnMultiplier(), d.timeFeatures(),
            d.conditioning(), a.m_positionalEncoding, a.m_geometry.m_preset.in(angstromPerUnit))
            .withConditions(conditions);
    }

    static TrainingConfig training(final LearnerNodeParameters s, final int trainingMolecules) {
        var o = s.m_optimizer;
        int batch = Math.min(o.m_batchSize, trainingMolecules);
        int steps = TrainingConfig.stepsForEpochs(o.m_epochs, trainingMolecules, batch);
        var p = s.m_repa;
        var repa = p.m_enabled ? new RepaConfig(p.m_lambda, p.m_layer, p.m_loss, p.m_tMin, p.m_tMax,
            p.m_projectorHidden) : RepaConfig.off();
        return new TrainingConfig(steps, batch, o.m_learningRate, Math.min(o.m_warmupSteps, steps / 2),
            o.m_weightDecay, o.m_clipNorm, o.m_emaDecay, s.m_seed, Math.max(1, steps / o.m_epochs),
            s.m_representation.m_rotationAugmentation, path(s), FlowLoss.TypeLoss.CROSS_ENTROPY, 1, 0.5,
            s.m_path.m_coupling, repa, true, 0, TrainingConfig.TypeFlow.GAUSSIAN, 1);
    }
}
