package org.knime.core.data.collection;

import org.knime.core.data.DataCell;

/** An ordered collection with index access. */
public interface ListDataValue extends CollectionDataValue {

    DataCell get(int index);
}
