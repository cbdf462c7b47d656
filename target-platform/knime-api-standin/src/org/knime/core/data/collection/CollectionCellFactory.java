package org.knime.core.data.collection;

import java.util.ArrayList;
import java.util.Collection;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;

/** Creates collection cells. */
public final class CollectionCellFactory {

    private CollectionCellFactory() {
    }

    /** @return a list of the cells; its element type is the common type of the non-missing cells */
    public static ListCell createListCell(final Collection<? extends DataCell> coll) {
        var cells = new ArrayList<DataCell>(coll);
        DataType element = null;
        for (var c : cells) {
            if (c == null) {
                throw new NullPointerException("List elements must not be null; use a missing cell.");
            }
            if (!c.isMissing()) {
                var t = c.getType();
                if (element != null && !element.equals(t)) {
                    throw new IllegalArgumentException("The stand-in supports lists of one cell type only: " + element
                        + " and " + t + ".");
                }
                element = t;
            }
        }
        return new ListCell(cells, element == null ? DataType.getMissingCell().getType() : element);
    }
}
