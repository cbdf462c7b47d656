package org.knime.core.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.knime.core.node.port.PortObjectSpec;

/** The columns of a table: unique names, in order. */
public final class DataTableSpec implements PortObjectSpec, Iterable<DataColumnSpec> {

    private final String m_name;

    private final DataColumnSpec[] m_columns;

    private final Map<String, Integer> m_index = new HashMap<>();

    public DataTableSpec(final DataColumnSpec... columns) {
        this("default", columns);
    }

    public DataTableSpec(final String name, final DataColumnSpec[] columns) {
        m_name = name;
        m_columns = columns.clone();
        for (int i = 0; i < m_columns.length; i++) {
            if (m_index.put(m_columns[i].getName(), i) != null) {
                throw new IllegalArgumentException("Duplicate column name \"" + m_columns[i].getName() + "\".");
            }
        }
    }

    /** Appends the columns of the second spec to the first; names must stay unique. */
    public DataTableSpec(final DataTableSpec first, final DataTableSpec second) {
        this(first.m_name, Stream.concat(first.stream(), second.stream()).toArray(DataColumnSpec[]::new));
    }

    public String getName() {
        return m_name;
    }

    public int getNumColumns() {
        return m_columns.length;
    }

    public DataColumnSpec getColumnSpec(final int index) {
        return m_columns[index];
    }

    /** @return the column with that name, or null */
    public DataColumnSpec getColumnSpec(final String name) {
        var i = m_index.get(name);
        return i == null ? null : m_columns[i];
    }

    /** @return the index of the column with that name, or -1 */
    public int findColumnIndex(final String name) {
        return m_index.getOrDefault(name, -1);
    }

    public boolean containsName(final String name) {
        return m_index.containsKey(name);
    }

    public String[] getColumnNames() {
        return stream().map(DataColumnSpec::getName).toArray(String[]::new);
    }

    public Stream<DataColumnSpec> stream() {
        return Arrays.stream(m_columns);
    }

    @Override
    public Iterator<DataColumnSpec> iterator() {
        return List.of(m_columns).iterator();
    }

    /** @return true if both specs have the same column names and types in the same order */
    public boolean equalStructure(final DataTableSpec other) {
        return other != null && Arrays.equals(m_columns, other.m_columns);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataTableSpec other && equalStructure(other);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m_columns);
    }

    @Override
    public String toString() {
        return "DataTableSpec" + Arrays.toString(m_columns);
    }
}
