package dev.flowmatch.nodes.learner;

import java.util.ArrayList;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;

import ai.djl.Device;
import dev.flowmatch.nodes.common.EncoderSettings;

/** REPA targets of the training set: computed by a frozen encoder, or checked when they come from a column. */
final class RepaTargets {

    private static final int CHUNK = 256;

    private RepaTargets() {
    }

    /**
     * Embeds the clean molecules; molecules the encoder cannot encode leave the training set with a warning.
     *
     * @return the encoder's name and version, stored with the model
     */
    static String computeWithEncoder(final TrainingSet set, final EncoderSettings settings, final Device device,
        final ExecutionMonitor exec) throws InvalidSettingsException, CanceledExecutionException {
        try (var encoder = settings.create(device)) {
            var keep = new ArrayList<Integer>();
            for (int i = 0; i < set.m_molecules.size(); i++) {
                var problem = encoder.check(set.m_molecules.get(i));
                if (problem == null) {
                    keep.add(i);
                } else {
                    set.m_problems.add(new org.knime.core.data.RowKey(set.m_molecules.get(i).getTitle()),
                        "REPA encoder " + encoder.name() + " cannot encode it: " + problem);
                }
            }
            var molecules = keep.stream().map(set.m_molecules::get).toList();
            var clouds = keep.stream().map(set.m_clouds::get).toList();
            var targets = new ArrayList<float[]>();
            for (int start = 0; start < molecules.size(); start += CHUNK) {
                exec.checkCanceled();
                int end = Math.min(molecules.size(), start + CHUNK);
                for (var v : encoder.embed(molecules.subList(start, end))) {
                    targets.add(v);
                }
                exec.setProgress((double)end / molecules.size(), "REPA targets: " + end + " of " + molecules.size()
                    + " molecules embedded with " + encoder.name());
            }
            set.m_molecules.clear();
            set.m_molecules.addAll(molecules);
            set.m_clouds.clear();
            set.m_clouds.addAll(clouds);
            set.m_targets.clear();
            set.m_targets.addAll(targets);
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
                    + set.m_molecules.get(i).getTitle() + "\" has a vector of length " + set.m_targets.get(i).length
                    + ", the first usable row one of length " + d + ".");
            }
        }
    }
}
