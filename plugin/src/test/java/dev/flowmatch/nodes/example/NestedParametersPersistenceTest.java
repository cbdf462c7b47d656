package dev.flowmatch.nodes.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.StandInNodeDriver;
import org.knime.core.webui.node.impl.WebUINodeModel;
import org.knime.node.parameters.NodeParameters;

/** Nested parameters, arrays and primitives persist under KNIME's keys and round-trip exactly. */
class NestedParametersPersistenceTest {

    static final class Inner implements NodeParameters {
        String m_name = "a";

        double m_weight = 1.0;

        Inner() {
        }

        Inner(final String name, final double weight) {
            m_name = name;
            m_weight = weight;
        }
    }

    static final class Outer implements NodeParameters {
        Inner m_inner = new Inner();

        Inner[] m_layers = {new Inner("x", 0.5), new Inner("y", 2.0)};

        int[] m_sizes = {64, 128};

        long m_seed = 1234567890123L;

        boolean m_useHydrogens = true;
    }

    static final class OuterModel extends WebUINodeModel<Outer> {
        OuterModel() {
            super(ScaleNodeFactory.CONFIGURATION, Outer.class);
        }

        @Override
        protected DataTableSpec[] configure(final DataTableSpec[] inSpecs, final Outer s) {
            return inSpecs;
        }
    }

    @Test
    void nestedConfigsAndArraysUseKnimeKeys() throws Exception {
        var node = new StandInNodeDriver<>(new OuterModel());
        var s = node.saveSettings();
        assertEquals(List.of("m_inner", "m_layers", "m_sizes", "m_seed", "m_useHydrogens"), List.copyOf(s.keySet()));
        assertEquals("a", s.getNodeSettings("m_inner").getString("m_name"));
        assertEquals(List.of("0", "1"), List.copyOf(s.getNodeSettings("m_layers").keySet()));
        assertEquals(2.0, s.getNodeSettings("m_layers").getNodeSettings("1").getDouble("m_weight"));
        assertEquals(2, s.getNodeSettings("m_sizes").getInt("array-size"));
        assertArrayEquals(new int[]{64, 128}, s.getIntArray("m_sizes"));
        assertEquals(1234567890123L, s.getLong("m_seed"));
    }

    @Test
    void changedValuesSurviveLoadAndSave() throws Exception {
        var node = new StandInNodeDriver<>(new OuterModel());
        var s = node.saveSettings();
        s.getNodeSettings("m_layers").addNodeSettings("2").addString("m_name", "z");
        s.getNodeSettings("m_layers").getNodeSettings("2").addDouble("m_weight", 3.0);
        s.addIntArray("m_sizes", 8, 16, 32);
        s.addBoolean("m_useHydrogens", false);
        node.loadSettings(s);
        assertEquals(s, node.saveSettings());
    }

    @Test
    void missingKeyIsReportedByName() throws Exception {
        var node = new StandInNodeDriver<>(new OuterModel());
        var s = node.saveSettings();
        s.getNodeSettings("m_inner").addInt("m_weight", 3);
        var e = assertThrows(InvalidSettingsException.class, () -> node.loadSettings(s));
        assertTrue(e.getMessage().contains("m_inner/m_weight") && e.getMessage().contains("xint"), e.getMessage());
    }
}
