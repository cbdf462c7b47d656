package dev.flowmatch.nodes.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.StandInNodeDriver;

/** Drives the example node through the KNIME stand-in: settings, configure, execute, cancel. */
class ExampleNodeThroughStandInTest {

    private static final DataTableSpec SPEC = ExampleTables.SPEC;

    private static BufferedDataTable threeRows() {
        return StandInNodeDriver.createTable(SPEC, ExampleTables.rows());
    }

    @Test
    void newNodePicksFirstNumericColumnAndSavesFieldNamesAsKeys() throws Exception {
        var node = StandInNodeDriver.of(new ScaleNodeFactory());
        node.configure(SPEC);
        var saved = node.saveSettings();
        assertEquals(List.of("m_column", "m_factor", "m_rounding", "output_name"), new ArrayList<>(saved.keySet()));
        assertEquals("Mass", saved.getString("m_column"));
        assertEquals(2.0, saved.getDouble("m_factor"));
        assertEquals("NONE", saved.getString("m_rounding"));
        assertThrows(InvalidSettingsException.class, () -> saved.getInt("m_factor"), "typed entries, as KNIME");
    }

    @Test
    void settingsWrittenAsKnimeXmlLoadBackIntoTheModel() throws Exception {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <config xmlns="http://www.knime.org/2008/09/XMLConfig" key="model">
              <entry key="m_column" type="xstring" value="Mass"/>
              <entry key="m_factor" type="xdouble" value="10.0"/>
              <entry key="m_rounding" type="xstring" value="INTEGER"/>
              <entry key="output_name" type="xstring" value="Mass x10"/>
            </config>
            """;
        var node = StandInNodeDriver.of(new ScaleNodeFactory());
        node.loadSettings(NodeSettings.loadFromXML(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        var saved = node.saveSettings();
        assertEquals(10.0, saved.getDouble("m_factor"));
        assertEquals("INTEGER", saved.getString("m_rounding"));

        var bytes = new ByteArrayOutputStream();
        saved.saveToXML(bytes);
        var reread = NodeSettings.loadFromXML(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(saved, reread, "XML round trip");
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("type=\"xdouble\""));
    }

    @Test
    void configureReturnsExactSpecAndExecuteScalesThreeRows() throws Exception {
        var node = StandInNodeDriver.of(new ScaleNodeFactory());
        var specs = node.configure(SPEC);
        var out = (DataTableSpec)specs[0];
        assertEquals(List.of("Name", "Mass", "Scaled"), List.of(out.getColumnNames()));

        var result = (BufferedDataTable)node.execute(threeRows())[0];
        assertEquals(3, result.size());
        var values = new ArrayList<Double>();
        try (var it = result.iterator()) {
            while (it.hasNext()) {
                var cell = it.next().getCell(2);
                values.add(cell.isMissing() ? null : ((DoubleValue)cell).getDoubleValue());
            }
        }
        assertEquals(2 * 18.015, values.get(0), 1e-12);
        assertNull(values.get(1), "missing in, missing out");
        assertEquals(2 * 16.043, values.get(2), 1e-12);
        assertTrue(node.getWarningMessage().contains("1 row(s)"), node.getWarningMessage());
        var last = node.getProgress().get(node.getProgress().size() - 1);
        assertEquals(1.0, last.fraction(), 1e-12);
        assertEquals("Row 3 of 3", last.message());
    }

    @Test
    void cancelDuringExecutionStopsTheNode() throws Exception {
        var node = StandInNodeDriver.of(new ScaleNodeFactory());
        node.onProgress(p -> node.cancel());
        assertThrows(CanceledExecutionException.class, () -> node.execute(threeRows()));
        assertEquals(1, node.getProgress().size(), "stopped right after the first row");
    }

    @Test
    void badSettingsAndSpecsGiveMessagesNamingTheCulprit() throws Exception {
        var node = StandInNodeDriver.of(new ScaleNodeFactory());
        node.configure(SPEC);
        var s = node.saveSettings();
        s.addString("m_column", "Name");
        node.loadSettings(s);
        var e = assertThrows(InvalidSettingsException.class, () -> node.configure(SPEC));
        assertTrue(e.getMessage().contains("\"Name\" is not numeric"), e.getMessage());

        s.addString("m_rounding", "SOMETIMES");
        e = assertThrows(InvalidSettingsException.class, () -> node.loadSettings(s));
        assertTrue(e.getMessage().contains("SOMETIMES") && e.getMessage().contains("INTEGER"), e.getMessage());

        s.addString("m_rounding", "NONE");
        s.addDouble("m_factor", Double.NaN);
        e = assertThrows(InvalidSettingsException.class, () -> node.loadSettings(s));
        assertTrue(e.getMessage().contains("Factor"), e.getMessage());
    }

    @Test
    void descriptionComesFromTheConfiguration() {
        var f = new ScaleNodeFactory();
        assertEquals("Scale Column (example)", f.getNodeName());
        assertEquals("Table", f.getInportName(0));
        assertEquals("The input with the scaled column appended.", f.getOutportDescription(0));
    }
}
