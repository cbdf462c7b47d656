package dev.flowmatch.nodes.common;

import java.util.ArrayList;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.collection.CollectionCellFactory;
import org.knime.core.data.collection.CollectionDataValue;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;

/** Vectors as KNIME list cells of doubles (what Split Collection Column, Create Collection Column and the learners use). */
public final class VectorCells {

    /** Column type of vector output: a list of doubles. */
    public static final DataType TYPE = ListCell.getCollectionType(DoubleCell.TYPE);

    /** Column type of a list of strings (e.g. atom types). */
    public static final DataType STRING_LIST = ListCell.getCollectionType(StringCell.TYPE);

    private VectorCells() {
    }

    /** @return true for collection columns of numbers */
    public static boolean isVectorColumn(final DataColumnSpec c) {
        var t = c.getType();
        return t.isCompatible(CollectionDataValue.class) && t.getCollectionElementType() != null
            && t.getCollectionElementType().isCompatible(DoubleValue.class);
    }

    public static DataCell cell(final float[] v) {
        var cells = new ArrayList<DataCell>(v.length);
        for (float x : v) {
            cells.add(new DoubleCell(x));
        }
        return CollectionCellFactory.createListCell(cells);
    }

    public static DataCell cell(final double[] v) {
        var cells = new ArrayList<DataCell>(v.length);
        for (double x : v) {
            cells.add(new DoubleCell(x));
        }
        return CollectionCellFactory.createListCell(cells);
    }

    public static DataCell strings(final Iterable<String> values) {
        var cells = new ArrayList<DataCell>();
        values.forEach(s -> cells.add(new StringCell(s)));
        return CollectionCellFactory.createListCell(cells);
    }

    /** @return {@link #read} as floats, the engine's precision */
    public static float[] readFloats(final DataCell cell) {
        var v = read(cell);
        var f = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            f[k] = (float)v[k];
        }
        return f;
    }

    /**
     * @return the vector of a non-missing collection cell
     * @throws IllegalArgumentException if it holds a missing or non-finite element
     */
    public static double[] read(final DataCell cell) {
        if (!(cell instanceof CollectionDataValue coll)) {
            throw new IllegalArgumentException("a " + cell.getType() + " cell is not a vector");
        }
        var out = new double[coll.size()];
        int i = 0;
        for (var c : coll) {
            if (c.isMissing() || !(c instanceof DoubleValue d)) {
                throw new IllegalArgumentException("element " + (i + 1) + " of the vector is missing");
            }
            out[i] = d.getDoubleValue();
            if (!Double.isFinite(out[i])) {
                throw new IllegalArgumentException("element " + (i + 1) + " of the vector is " + out[i]);
            }
            i++;
        }
        return out;
    }
}
