package dev.flowmatch.nodes.learner;

import java.util.ArrayList;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;

import ai.djl.Device;
import dev.flowmatch.nodes.common.Embeddings;
import dev.flowmatch.nodes.common.EncoderSettings;

/** REPA targets of the training set: computed by a frozen encoder, or checked when they come from a column. */
final class RepaTargets {

    private RepaTargets() {
    }

    /**
     * Embeds the clean molecules; molecules the encoder cannot encode leave the training set with a warning.
     *
     * @return the encoder's name and version, stored with the model
     */
    static String computeWithEncoder(final TrainingSet set, final EncoderSettings settings, final Device device,
        final ExecutionMonitor exec) throws InvalidSettingsException, CanceledExecutionException {
        try (var encoder = settings.create(device, exec)) {
            var vectors = Embeddings.embed(encoder, set.m_molecules, set.m_keys, set.m_problems, exec, 0);
            var keep = new ArrayList<Integer>();
            for (int i = 0; i < vectors.length; i++) {
                if (vectors[i] != null) {
                    keep.add(i);
                }
            }
            set.keep(keep);
            set.m_targets.clear();
            keep.forEach(i -> set.m_targets.add(vectors[i]));
            return encoder.name() + " " + encoder.version();
        }
    }

    /** @throws InvalidSettingsException naming the first row whose vector length differs from the first row's */
    static void checkDimensions(final TrainingSet set, final String column) throws InvalidSettingsException {
        if (set.m_targets.isEmpty()) {
            return;
        }
        int d = set.m_targets.get(0).length;
        if (d == 0) {
            throw new InvalidSettingsException("Target column \"" + column + "\": the vectors are empty.");
        }
        for (int i = 0; i < set.m_targets.size(); i++) {
            if (set.m_targets.get(i).length != d) {
                throw new InvalidSettingsException("Target column \"" + column + "\": row \""
                    + set.m_keys.get(i) + "\" has a vector of length " + set.m_targets.get(i).length
                    + ", the first usable row one of length " + d + ".");
            }
        }
    }
}
