package dev.flowmatch.nodes.port;

import java.util.Arrays;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;

import dev.flowmatch.engine.train.FlowModel;

/**
 * What a flow-matching model port carries, known at configure time: the atom vocabulary, the largest
 * molecule, whether hydrogens are atoms, the atom-count histogram of the training data and the REPA encoder.
 * Downstream nodes (the sampler) check their settings against it before anything runs.
 */
public final class FlowModelPortObjectSpec extends AbstractSimplePortObjectSpec {

    private String[] m_vocabulary = new String[0];

    private int m_maxAtoms;

    private boolean m_explicitHydrogens;

    private int[] m_atomCounts = new int[0];

    private String m_repaEncoder = "";

    /** Names of the properties the model is conditioned on (empty: unconditional). */
    private String[] m_conditions = new String[0];

    /** For the serializer. */
    public FlowModelPortObjectSpec() {
    }

    public FlowModelPortObjectSpec(final List<String> vocabulary, final int maxAtoms, final boolean explicitHydrogens,
        final int[] atomCounts, final String repaEncoder) {
        m_vocabulary = vocabulary.toArray(String[]::new);
        m_maxAtoms = maxAtoms;
        m_explicitHydrogens = explicitHydrogens;
        m_atomCounts = atomCounts.clone();
        m_repaEncoder = repaEncoder == null ? "" : repaEncoder;
    }

    public static FlowModelPortObjectSpec of(final FlowModel model) {
        var r = model.representation();
        var spec = new FlowModelPortObjectSpec(r.vocabulary(), r.maxAtoms(), r.explicitHydrogens(), r.atomCounts(),
            model.summary().encoder());
        if (model.conditions() != null) {
            spec.m_conditions = model.conditions().names().toArray(String[]::new);
        }
        return spec;
    }

    /** @return the names of the properties the model is conditioned on, in order (empty: unconditional) */
    public List<String> conditions() {
        return List.of(m_conditions);
    }

    public List<String> vocabulary() {
        return List.of(m_vocabulary);
    }

    public int maxAtoms() {
        return m_maxAtoms;
    }

    public boolean explicitHydrogens() {
        return m_explicitHydrogens;
    }

    /** @return histogram: entry n = training molecules with n atoms */
    public int[] atomCounts() {
        return m_atomCounts.clone();
    }

    /** @return the REPA encoder used in training, empty without REPA */
    public String repaEncoder() {
        return m_repaEncoder;
    }

    @Override
    protected void save(final ModelContentWO model) {
        model.addStringArray("vocabulary", m_vocabulary);
        model.addInt("max_atoms", m_maxAtoms);
        model.addBoolean("explicit_hydrogens", m_explicitHydrogens);
        model.addIntArray("atom_counts", m_atomCounts);
        model.addString("repa_encoder", m_repaEncoder);
        model.addStringArray("conditions", m_conditions);
    }

    @Override
    protected void load(final ModelContentRO model) throws InvalidSettingsException {
        m_vocabulary = model.getStringArray("vocabulary");
        m_maxAtoms = model.getInt("max_atoms");
        m_explicitHydrogens = model.getBoolean("explicit_hydrogens");
        m_atomCounts = model.getIntArray("atom_counts");
        m_repaEncoder = model.getString("repa_encoder");
        m_conditions = model.getStringArray("conditions", new String[0]); // absent in specs saved before conditioning
        if (m_atomCounts.length != m_maxAtoms + 1) {
            throw new InvalidSettingsException("Model spec: atom-count histogram of " + m_atomCounts.length
                + " entries does not fit max atoms " + m_maxAtoms + ".");
        }
    }

    @Override
    public String toString() {
        return "Flow-matching model: " + m_vocabulary.length + " atom types " + Arrays.toString(m_vocabulary) + ", ≤"
            + m_maxAtoms + " atoms, hydrogens " + (m_explicitHydrogens ? "explicit" : "implicit")
            + (m_repaEncoder.isEmpty() ? "" : ", REPA with " + m_repaEncoder)
            + (m_conditions.length == 0 ? "" : ", conditioned on " + String.join(", ", m_conditions));
    }

    /** Registered in plugin.xml. */
    public static final class Serializer extends AbstractSimplePortObjectSpecSerializer<FlowModelPortObjectSpec> {
    }
}
