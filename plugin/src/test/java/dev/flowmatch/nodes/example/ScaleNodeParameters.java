package dev.flowmatch.nodes.example;

import org.knime.core.data.DoubleValue;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.persistence.Persist;
import org.knime.node.parameters.widget.choices.Label;

/** Parameters of the test-only example node: field names become config keys, as in KNIME. */
final class ScaleNodeParameters implements NodeParameters {

    enum Rounding {
        @Label("None")
        NONE,
        @Label("To integer")
        INTEGER
    }

    @Widget(title = "Column", description = "The numeric column to scale.")
    String m_column = "";

    @Widget(title = "Factor", description = "Each value is multiplied by this factor.")
    double m_factor = 2.0;

    @Widget(title = "Rounding", description = "Whether the scaled value is rounded.")
    Rounding m_rounding = Rounding.NONE;

    @Widget(title = "Output column", description = "Name of the appended column.")
    @Persist(configKey = "output_name")
    String m_outputName = "Scaled";

    ScaleNodeParameters() {
    }

    /** New nodes pick the first numeric column, as KNIME users expect. */
    ScaleNodeParameters(final NodeParametersInput input) {
        input.getInTableSpec(0).ifPresent(spec -> spec.stream()
            .filter(c -> c.getType().isCompatible(DoubleValue.class)).findFirst()
            .ifPresent(c -> m_column = c.getName()));
    }
}
