package org.knime.core.data;

/** A table: a spec and rows. */
public interface DataTable extends Iterable<DataRow> {

    DataTableSpec getDataTableSpec();

    @Override
    RowIterator iterator();
}
