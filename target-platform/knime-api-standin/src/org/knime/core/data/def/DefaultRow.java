package org.knime.core.data.def;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.RowKey;

/** A row held in memory. Cells must not be null (use a missing cell). */
public final class DefaultRow implements DataRow {

    private final RowKey m_key;

    private final DataCell[] m_cells;

    public DefaultRow(final RowKey key, final DataCell... cells) {
        m_key = Objects.requireNonNull(key, "row key");
        m_cells = cells.clone();
        for (int i = 0; i < m_cells.length; i++) {
            if (m_cells[i] == null) {
                throw new NullPointerException("Cell " + i + " of row \"" + key + "\" is null.");
            }
        }
    }

    public DefaultRow(final String key, final DataCell... cells) {
        this(new RowKey(key), cells);
    }

    public DefaultRow(final RowKey key, final List<? extends DataCell> cells) {
        this(key, cells.toArray(DataCell[]::new));
    }

    @Override
    public RowKey getKey() {
        return m_key;
    }

    @Override
    public int getNumCells() {
        return m_cells.length;
    }

    @Override
    public DataCell getCell(final int index) {
        return m_cells[index];
    }

    @Override
    public Iterator<DataCell> iterator() {
        return List.of(m_cells).iterator();
    }

    @Override
    public String toString() {
        return m_key + ": " + List.of(m_cells);
    }
}
