package dev.flowmatch.nodes.embed;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeModel;

import dev.flowmatch.nodes.common.Checks;
import dev.flowmatch.nodes.common.Embeddings;
import dev.flowmatch.nodes.common.MoleculeCells;
import dev.flowmatch.nodes.common.MoleculeRows;
import dev.flowmatch.nodes.common.VectorCells;

/** Appends the frozen encoder's embedding of each molecule; unusable rows get a missing cell and a warning. */
final class EmbedNodeModel extends WebUINodeModel<EmbedNodeParameters> {

    EmbedNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, EmbedNodeParameters.class);
    }

    @Override
    protected DataTableSpec[] configure(final DataTableSpec[] in, final EmbedNodeParameters s)
        throws InvalidSettingsException {
        s.validate();
        MoleculeCells.require(in[0], s.m_moleculeColumn, "Molecule column");
        Checks.check(!in[0].containsName(s.outputColumn()), "Output column",
            "\"" + s.outputColumn() + "\" already exists in the input table");
        return new DataTableSpec[]{outSpec(in[0], s)};
    }

    private static DataTableSpec outSpec(final DataTableSpec in, final EmbedNodeParameters s) {
        return new DataTableSpec(in,
            new DataTableSpec(new DataColumnSpecCreator(s.outputColumn(), VectorCells.TYPE).createSpec()));
    }

    @Override
    protected BufferedDataTable[] execute(final BufferedDataTable[] in, final ExecutionContext exec,
        final EmbedNodeParameters s) throws Exception {
        var spec = in[0].getDataTableSpec();
        int col = MoleculeCells.require(spec, s.m_moleculeColumn, "Molecule column");
        var rows = MoleculeRows.read(in[0], col, exec.createSubExecutionContext(0.1));
        exec.setProgress(0.1);
        float[][] vectors;
        try (var encoder = s.m_encoder.create(Checks.device(s.m_device, "Device"), exec)) {
            vectors = Embeddings.embed(encoder, s.m_encoder.needs3D(), s.m_generate3D, rows,
                exec.createSubExecutionContext(0.85));
        }
        exec.setProgress(0.95, "Writing the table");
        var out = exec.createDataContainer(outSpec(spec, s));
        int i = 0;
        try (var it = in[0].iterator()) {
            while (it.hasNext()) {
                var row = it.next();
                var cells = new DataCell[row.getNumCells() + 1];
                for (int c = 0; c < row.getNumCells(); c++) {
                    cells[c] = row.getCell(c);
                }
                cells[cells.length - 1] = vectors[i] == null ? DataType.getMissingCell() : VectorCells.cell(vectors[i]);
                out.addRowToTable(new DefaultRow(row.getKey(), cells));
                i++;
            }
        }
        out.close();
        setWarningMessage(rows.problems().warning(in[0].size(), "got no embedding"));
        return new BufferedDataTable[]{out.getTable()};
    }
}
