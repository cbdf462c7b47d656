package dev.flowmatch.nodes.example;

import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;

/** The small input table of the example-node tests. */
final class ExampleTables {

    static final DataTableSpec SPEC = new DataTableSpec(
        new DataColumnSpecCreator("Name", StringCell.TYPE).createSpec(),
        new DataColumnSpecCreator("Mass", DoubleCell.TYPE).createSpec());

    private ExampleTables() {
    }

    static DataRow[] rows() {
        return new DataRow[]{
            new DefaultRow("Row0", new StringCell("water"), new DoubleCell(18.015)),
            new DefaultRow("Row1", new StringCell("unknown"), DataType.getMissingCell()),
            new DefaultRow("Row2", new StringCell("methane"), new DoubleCell(16.043))};
    }
}
