package dev.flowmatch.nodes.example;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeModel;

/** Appends column × factor; a missing input gives a missing output and a warning. */
class ScaleNodeModel extends WebUINodeModel<ScaleNodeParameters> {

    ScaleNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, ScaleNodeParameters.class);
    }

    @Override
    protected void validateSettings(final ScaleNodeParameters s) throws InvalidSettingsException {
        if (!Double.isFinite(s.m_factor)) {
            throw new InvalidSettingsException("Factor must be a finite number, is " + s.m_factor + ".");
        }
        if (s.m_outputName == null || s.m_outputName.isBlank()) {
            throw new InvalidSettingsException("Output column name must not be empty.");
        }
    }

    @Override
    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs, final ScaleNodeParameters s)
        throws InvalidSettingsException {
        validateSettings(s);
        var col = inSpecs[0].getColumnSpec(s.m_column);
        if (col == null) {
            throw new InvalidSettingsException("Column \"" + s.m_column + "\" is not in the input table.");
        }
        if (!col.getType().isCompatible(DoubleValue.class)) {
            throw new InvalidSettingsException(
                "Column \"" + s.m_column + "\" is not numeric (type " + col.getType() + ").");
        }
        if (inSpecs[0].containsName(s.m_outputName)) {
            throw new InvalidSettingsException("Output column \"" + s.m_outputName + "\" already exists.");
        }
        return new DataTableSpec[]{outSpec(inSpecs[0], s)};
    }

    private static DataTableSpec outSpec(final DataTableSpec in, final ScaleNodeParameters s) {
        return new DataTableSpec(in, new DataTableSpec(new DataColumnSpecCreator(s.m_outputName, DoubleCell.TYPE)
            .createSpec()));
    }

    @Override
    protected BufferedDataTable[] execute(final BufferedDataTable[] in, final ExecutionContext exec,
        final ScaleNodeParameters s) throws Exception {
        var spec = in[0].getDataTableSpec();
        int col = spec.findColumnIndex(s.m_column);
        var out = exec.createDataContainer(outSpec(spec, s));
        long n = in[0].size();
        long i = 0;
        int missing = 0;
        try (var rows = in[0].iterator()) {
            while (rows.hasNext()) {
                exec.checkCanceled();
                var row = rows.next();
                var cells = new DataCell[row.getNumCells() + 1];
                for (int c = 0; c < row.getNumCells(); c++) {
                    cells[c] = row.getCell(c);
                }
                var v = row.getCell(col);
                if (v.isMissing()) {
                    missing++;
                    cells[cells.length - 1] = DataType.getMissingCell();
                } else {
                    double x = ((DoubleValue)v).getDoubleValue() * s.m_factor;
                    cells[cells.length - 1] =
                        new DoubleCell(s.m_rounding == ScaleNodeParameters.Rounding.INTEGER ? Math.rint(x) : x);
                }
                out.addRowToTable(new DefaultRow(row.getKey(), cells));
                i++;
                exec.setProgress((double)i / n, "Row " + i + " of " + n);
            }
        }
        out.close();
        if (missing > 0) {
            setWarningMessage(missing + " row(s) had a missing value in \"" + s.m_column + "\".");
        }
        return new BufferedDataTable[]{out.getTable()};
    }
}
