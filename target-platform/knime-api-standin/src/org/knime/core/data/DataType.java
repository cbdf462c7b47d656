package org.knime.core.data;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The type of a column: the cell class, and for collections the element type. Compatibility with a
 * value interface is decided from the interfaces the cell class implements, as in KNIME.
 */
public final class DataType {

    private static final Map<Class<? extends DataCell>, DataType> TYPES = new ConcurrentHashMap<>();

    private static final DataCell MISSING = new MissingCell(null);

    private final Class<? extends DataCell> m_cellClass;

    private final DataType m_elementType;

    private DataType(final Class<? extends DataCell> cellClass, final DataType elementType) {
        m_cellClass = cellClass;
        m_elementType = elementType;
    }

    /** @return the (cached) type for a cell class */
    public static DataType getType(final Class<? extends DataCell> cellClass) {
        return TYPES.computeIfAbsent(Objects.requireNonNull(cellClass), c -> new DataType(c, null));
    }

    /** @return a collection type with the given element type */
    public static DataType getType(final Class<? extends DataCell> collectionClass, final DataType elementType) {
        return new DataType(collectionClass, Objects.requireNonNull(elementType));
    }

    /** @return the shared missing cell without a reason */
    public static DataCell getMissingCell() {
        return MISSING;
    }

    public Class<? extends DataCell> getCellClass() {
        return m_cellClass;
    }

    /** @return true if cells of this type can be read through the given value interface */
    public boolean isCompatible(final Class<? extends DataValue> valueClass) {
        return valueClass.isAssignableFrom(m_cellClass);
    }

    public boolean isCollectionType() {
        return m_elementType != null;
    }

    /** @return the element type of a collection type, or null */
    public DataType getCollectionElementType() {
        return m_elementType;
    }

    /** @return a short human-readable name, for messages */
    public String getName() {
        var simple = m_cellClass.getSimpleName().replace("Cell", "");
        if (simple.isEmpty()) {
            simple = "Data";
        }
        return m_elementType == null ? simple : "Collection of: " + m_elementType.getName();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataType other && other.m_cellClass == m_cellClass
            && Objects.equals(other.m_elementType, m_elementType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(m_cellClass, m_elementType);
    }

    @Override
    public String toString() {
        return getName();
    }
}
