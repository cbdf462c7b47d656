package dev.flowmatch.nodes.embed;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.layout.Layout;
import org.knime.node.parameters.layout.Section;
import org.knime.node.parameters.widget.choices.ChoicesProvider;

import dev.flowmatch.nodes.common.Checks;
import dev.flowmatch.nodes.common.ColumnChoices;
import dev.flowmatch.nodes.common.EncoderSettings;
import dev.flowmatch.nodes.common.MoleculeCells;

/** Settings of Frozen Encoder Embed. */
final class EmbedNodeParameters implements NodeParameters {

    @Widget(title = "Molecule column", description = "The column with the molecules (SDF, Mol, SMILES or string)."
        + " Default: the first molecule column.")
    @ChoicesProvider(ColumnChoices.Molecules.class)
    String m_moleculeColumn = "";

    @Layout(EncoderSection.class)
    EncoderSettings m_encoder = new EncoderSettings();

    @Widget(title = "Generate 3D coordinates", description = "For 3D encoders (SchNet, TorchScript on coordinates):"
        + " give molecules without 3D coordinates a conformer (explicit hydrogens, distance geometry). Off: such"
        + " rows get a missing cell and a warning.")
    boolean m_generate3D = true;

    @Widget(title = "Output column", description = "Name of the appended vector column; empty: the encoder's name"
        + " followed by \" embedding\".")
    String m_outputColumn = "";

    @Widget(title = "Device", description = "Where neural encoders run: auto (a GPU when PyTorch sees one), cpu, gpu"
        + " or gpu:N.", advanced = true)
    String m_device = "auto";

    EmbedNodeParameters() {
    }

    EmbedNodeParameters(final NodeParametersInput input) {
        input.getInTableSpec(0).flatMap(MoleculeCells::defaultColumn).ifPresent(c -> m_moleculeColumn = c);
    }

    String outputColumn() {
        return m_outputColumn == null || m_outputColumn.isBlank() ? m_encoder.label() + " embedding" : m_outputColumn;
    }

    /** Checks what the dialog cannot rule out (KNIME calls this when settings are applied or loaded). */
    @Override
    public void validate() throws InvalidSettingsException {
        m_encoder.validate("Encoder:");
        Checks.deviceName(m_device, "Device");
    }

    /** The encoder's settings, a dialog section of their own. */
    @Section(title = "Encoder", description = "The frozen encoder and its options.")
    interface EncoderSection {
    }
}
