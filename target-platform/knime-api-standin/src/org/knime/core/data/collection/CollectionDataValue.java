package org.knime.core.data.collection;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.DataValue;

/** A cell holding a collection of cells of one element type. */
public interface CollectionDataValue extends DataValue, Iterable<DataCell> {

    int size();

    DataType getElementType();
}
