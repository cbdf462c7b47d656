package org.knime.core.data;

/** One row: a key and a fixed number of cells. */
public interface DataRow extends Iterable<DataCell> {

    RowKey getKey();

    int getNumCells();

    DataCell getCell(int index);
}
