package org.knime.core.node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;

/**
 * Collects output rows. Like KNIME it rejects rows whose cell count or cell types do not fit the spec and
 * duplicate row keys, so a node that would fail in KNIME fails in tests too.
 */
public class BufferedDataContainer {

    private final DataTableSpec m_spec;

    private final List<DataRow> m_rows = new ArrayList<>();

    private final Set<RowKey> m_keys = new HashSet<>();

    private BufferedDataTable m_table;

    BufferedDataContainer(final DataTableSpec spec) {
        m_spec = spec;
    }

    public void addRowToTable(final DataRow row) {
        if (m_table != null) {
            throw new IllegalStateException("Container is closed.");
        }
        if (row.getNumCells() != m_spec.getNumColumns()) {
            throw new IllegalArgumentException("Row \"" + row.getKey() + "\" has " + row.getNumCells()
                + " cells, the spec has " + m_spec.getNumColumns() + " columns.");
        }
        for (int i = 0; i < row.getNumCells(); i++) {
            DataCell cell = row.getCell(i);
            var colType = m_spec.getColumnSpec(i).getType();
            if (!cell.isMissing() && !colType.getCellClass().isAssignableFrom(cell.getClass())) {
                throw new IllegalArgumentException("Cell " + i + " of row \"" + row.getKey() + "\" is a "
                    + cell.getType() + ", column \"" + m_spec.getColumnSpec(i).getName() + "\" is " + colType + ".");
            }
        }
        if (!m_keys.add(row.getKey())) {
            throw new IllegalArgumentException("Duplicate row key \"" + row.getKey() + "\".");
        }
        m_rows.add(row);
    }

    public long size() {
        return m_rows.size();
    }

    public DataTableSpec getTableSpec() {
        return m_spec;
    }

    public void close() {
        if (m_table == null) {
            m_table = new BufferedDataTable(m_spec, List.copyOf(m_rows));
        }
    }

    public BufferedDataTable getTable() {
        if (m_table == null) {
            throw new IllegalStateException("Close the container before getting its table.");
        }
        return m_table;
    }
}
