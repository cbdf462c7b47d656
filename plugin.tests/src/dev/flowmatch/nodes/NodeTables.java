package dev.flowmatch.nodes;

import java.util.ArrayList;
import java.util.List;

import org.knime.chem.types.SmilesCellFactory;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.collection.CollectionDataValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import dev.flowmatch.nodes.NodeDriver;

/** Small molecule tables for node tests, and helpers to read node outputs and change settings. */
public final class NodeTables {

    /** Small organic molecules (≤ 9 heavy atoms, C/N/O/F) written for these tests. */
    public static final List<String> SMALL = List.of("CCO", "CC(=O)O", "c1ccccc1", "CCN", "OCCO", "CC#N", "C1CC1",
        "CC(C)O", "C=CC=O", "NC(=O)C", "c1ccncc1", "COC", "CCCC", "OC1CCCC1", "FC(F)F", "C1COCCN1");

    private NodeTables() {
    }

    /** @return a table "Molecule" (SMILES cells) + "Name" (string), rows Row0… */
    public static BufferedDataTable smiles(final List<String> smiles) {
        var spec = new DataTableSpec(new DataColumnSpecCreator("Molecule", SmilesCellFactory.TYPE).createSpec(),
            new DataColumnSpecCreator("Name", StringCell.TYPE).createSpec());
        var rows = new ArrayList<DataRow>();
        for (int i = 0; i < smiles.size(); i++) {
            var s = smiles.get(i);
            rows.add(new DefaultRow("Row" + i, s == null ? DataType.getMissingCell() : SmilesCellFactory.create(s),
                new StringCell("m" + i)));
        }
        return NodeDriver.createTable(spec, rows.toArray(DataRow[]::new));
    }

    /** @return a table whose only column "Molecule" holds plain strings */
    public static BufferedDataTable strings(final String column, final List<String> values) {
        var spec = new DataTableSpec(new DataColumnSpecCreator(column, StringCell.TYPE).createSpec());
        var rows = new ArrayList<DataRow>();
        for (int i = 0; i < values.size(); i++) {
            rows.add(new DefaultRow("Row" + i, new StringCell(values.get(i))));
        }
        return NodeDriver.createTable(spec, rows.toArray(DataRow[]::new));
    }

    /** @return a table with one numeric column "Value" */
    public static BufferedDataTable numbers(final double... values) {
        var spec = new DataTableSpec(new DataColumnSpecCreator("Value", DoubleCell.TYPE).createSpec());
        var rows = new ArrayList<DataRow>();
        for (int i = 0; i < values.length; i++) {
            rows.add(new DefaultRow("Row" + i, new DoubleCell(values[i])));
        }
        return NodeDriver.createTable(spec, rows.toArray(DataRow[]::new));
    }

    public static List<DataRow> rows(final BufferedDataTable t) {
        var out = new ArrayList<DataRow>();
        try (var it = t.iterator()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    public static DataCell cell(final BufferedDataTable t, final int row, final String column) {
        return rows(t).get(row).getCell(t.getDataTableSpec().findColumnIndex(column));
    }

    public static double[] vector(final DataCell cell) {
        var out = new ArrayList<Double>();
        for (var c : (CollectionDataValue)cell) {
            out.add(((DoubleCell)c).getDoubleValue());
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public static RowKey key(final String k) {
        return new RowKey(k);
    }

    /** Makes a learner's model tiny and fast (these tests check plumbing; the engine's tests check learning). */
    public static void tinyModel(final NodeDriver<? extends NodeModel> learner, final int epochs)
        throws InvalidSettingsException {
        set(learner, "architecture/width", 32);
        set(learner, "architecture/depth", 2);
        set(learner, "architecture/heads", 2);
        set(learner, "optimizer/epochs", epochs);
        set(learner, "optimizer/batchSize", 8);
        set(learner, "optimizer/emaDecay", 0.5);
        set(learner, "device", "cpu");
    }

    /** Edits one setting (path "group/key") the way a flow variable does, then loads the settings. */
    public static void set(final NodeDriver<? extends NodeModel> d, final String path, final Object value)
        throws InvalidSettingsException {
        var s = d.saveSettings();
        edit(s, path, value);
        d.loadSettings(s);
    }

    /** Sets one entry (path "group/key") of model settings; the entry must exist, with the value's type. */
    public static void edit(final NodeSettings model, final String path, final Object value)
        throws InvalidSettingsException {
        NodeSettings target = model;
        var parts = path.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            target = (NodeSettings)target.getNodeSettings(parts[i]);
        }
        var k = parts[parts.length - 1];
        if (!target.containsKey(k)) {
            throw new IllegalArgumentException("No setting " + path + " in " + model);
        }
        if (value instanceof Integer v) {
            target.addInt(k, v);
        } else if (value instanceof Long v) {
            target.addLong(k, v);
        } else if (value instanceof Double v) {
            target.addDouble(k, v);
        } else if (value instanceof Boolean v) {
            target.addBoolean(k, v);
        } else if (value instanceof String[] v) { // e.g. a column filter's manual selection
            target.addStringArray(k, v);
        } else {
            target.addString(k, value.toString());
        }
    }
}
