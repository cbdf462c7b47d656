package org.knime.core.data.container;

import org.knime.core.data.RowIterator;

/** A row iterator holding resources; close it when done (try-with-resources). */
public abstract class CloseableRowIterator extends RowIterator implements AutoCloseable {

    @Override
    public abstract void close();
}
