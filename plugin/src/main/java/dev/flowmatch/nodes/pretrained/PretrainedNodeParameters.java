package dev.flowmatch.nodes.pretrained;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.choices.ChoicesProvider;
import org.knime.node.parameters.widget.choices.StringChoice;
import org.knime.node.parameters.widget.choices.StringChoicesProvider;

import dev.flowmatch.engine.pretrained.PretrainedModels;
import dev.flowmatch.nodes.common.Checks;

/** Settings of the Pretrained Flow Model node: which shipped model. */
final class PretrainedNodeParameters implements NodeParameters {

    /** The models this plugin ships, by id, shown with their titles. */
    static final class ShippedModels implements StringChoicesProvider {
        @Override
        public List<StringChoice> computeState(final NodeParametersInput context) {
            return PretrainedModels.list().stream().map(m -> new StringChoice(m.id(), m.title())).toList();
        }
    }

    @Widget(title = "Model", description = "A model that ships with the extension. Each one's card (data, recipe,"
        + " training steps, measured quality, recommended sampler) is shown in the output port's description.")
    @ChoicesProvider(ShippedModels.class)
    String m_model = firstShipped();

    private static String firstShipped() {
        var all = PretrainedModels.list();
        return all.isEmpty() ? "" : all.get(0).id();
    }

    /** Checks what the dialog cannot rule out (KNIME calls this when settings are applied or loaded). */
    @Override
    public void validate() throws InvalidSettingsException {
        Checks.check(m_model != null && !m_model.isBlank(), "Model", "not set");
        try {
            PretrainedModels.get(m_model);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("Model: " + e.getMessage(), e);
        }
    }
}
