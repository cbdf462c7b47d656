package org.knime.node.parameters.widget.choices.util;

import java.util.List;

import org.knime.core.data.DataColumnSpec;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.widget.choices.ColumnChoicesProvider;

/** Stand-in: the columns of one input table that pass a test; none while that input is not connected. */
public interface FilteredInputTableColumnsProvider extends InputTableIndexHolder, ColumnChoicesProvider {

    @Override
    default List<DataColumnSpec> columnChoices(final NodeParametersInput context) {
        return context.getInTableSpec(getInputTableIndex()).map(spec -> spec.stream().filter(this::isIncluded).toList())
            .orElse(List.of());
    }

    /** @return whether the column is offered */
    boolean isIncluded(DataColumnSpec col);
}
