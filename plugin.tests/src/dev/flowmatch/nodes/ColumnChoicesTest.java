package dev.flowmatch.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.knime.chem.types.SdfCellFactory;
import org.knime.chem.types.SmilesCellFactory;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.updates.StateProvider.StateProviderInitializer;
import org.knime.node.parameters.widget.choices.ChoicesProvider;
import org.knime.node.parameters.widget.choices.ColumnChoicesProvider;
import org.knime.node.parameters.widget.choices.TypedStringChoice;

import dev.flowmatch.nodes.common.MoleculeCells;

/**
 * Every column setting of every node is a dropdown that offers exactly the columns the node reads: molecule
 * columns (SDF, SMILES, string) or vector columns, from the right input, nothing when that input is not
 * connected, and the column a new node picks by default among them.
 */
class ColumnChoicesTest {

    private static final DataTableSpec MIXED = new DataTableSpec(column("sdf", SdfCellFactory.TYPE),
        column("smiles", SmilesCellFactory.TYPE), column("name", StringCell.TYPE), column("mass", DoubleCell.TYPE),
        column("count", IntCell.TYPE), column("vec", ListCell.getCollectionType(DoubleCell.TYPE)),
        column("tags", ListCell.getCollectionType(StringCell.TYPE)));

    private static final Set<String> MOLECULES = Set.of("sdf", "smiles", "name");

    private static final Set<String> VECTORS = Set.of("vec");

    /** What each column setting must offer from {@link #MIXED}, and from which input. */
    private static final Map<String, Expected> EXPECTED = Map.of(
        "Frozen Encoder Embed/moleculeColumn", new Expected(0, MOLECULES),
        "Flow Matching Learner/moleculeColumn", new Expected(0, MOLECULES),
        "Flow Matching Learner/targetColumn", new Expected(0, VECTORS),
        "Distribution Metrics/generatedColumn", new Expected(0, MOLECULES),
        "Distribution Metrics/referenceColumn", new Expected(1, MOLECULES),
        "Build Probability Path/inputColumn", new Expected(0, union(MOLECULES, VECTORS)));

    record Expected(int port, Set<String> columns) {
    }

    @Test
    void everyColumnSettingOffersExactlyTheColumnsItsNodeReads() throws Exception {
        var seen = new TreeSet<String>();
        for (var f : NodeContractTest.factories()) {
            var node = f.getNodeName();
            var parameters = NodeContractTest.parametersClass(f.createNodeModel().getClass());
            for (var field : columnFields(parameters)) {
                var key = node + "/" + field.getName().replaceFirst("^m_", "");
                var choices = field.getAnnotation(ChoicesProvider.class);
                assertNotNull(choices, key + ": a column setting without a dropdown");
                var expected = EXPECTED.get(key);
                assertNotNull(expected, key + ": not in this test's table of column settings");
                seen.add(key);
                var provider = (ColumnChoicesProvider)choices.value().getDeclaredConstructor().newInstance();
                assertTrue(computedBeforeDialogOpens(provider), key + ": choices ready when the dialog opens");
                assertEquals(expected.columns(), offered(provider, expected.port(), MIXED), key);
                assertEquals(Set.of(), offered(provider, expected.port(), null), key + ": input not connected");
                if (expected.columns().equals(MOLECULES)) { // the same test the node applies at configure time
                    for (var c : MIXED.getColumnNames()) {
                        assertEquals(expected.columns().contains(c), MoleculeCells.isMoleculeColumn(
                            MIXED.getColumnSpec(MIXED.findColumnIndex(c))), key + ": column " + c);
                    }
                }
            }
        }
        assertEquals(EXPECTED.keySet(), seen, "column settings found in the nodes");
    }

    @Test
    void aNewNodePicksItsDefaultColumnAmongTheChoices() throws Exception {
        for (var f : NodeContractTest.factories()) {
            var parameters = NodeContractTest.parametersClass(f.createNodeModel().getClass());
            if (columnFields(parameters).isEmpty()) {
                continue; // the sampler reads a model, no table
            }
            var constructor = parameters.getDeclaredConstructor(NodeParametersInput.class);
            constructor.setAccessible(true);
            int ports = NodeDriver.of(f).getNode().getNrInPorts() - 1; // without the flow-variable port
            var specs = new PortObjectSpec[ports];
            for (int i = 0; i < ports; i++) {
                specs[i] = i < 2 ? MIXED : null;
            }
            var instance = constructor.newInstance(input(specs));
            for (var field : columnFields(parameters)) {
                field.setAccessible(true);
                var owner = ownerOf(instance, field);
                var value = (String)field.get(owner);
                var key = f.getNodeName() + "/" + field.getName().replaceFirst("^m_", "");
                if (field.getName().equals("m_targetColumn")) {
                    continue; // REPA targets from a column are off by default: no column is preset
                }
                assertFalse(value.isEmpty(), key + ": a default column");
                assertTrue(EXPECTED.get(key).columns().contains(value), key + ": default " + value + " is offered");
            }
        }
    }

    private static boolean computedBeforeDialogOpens(final ColumnChoicesProvider provider) {
        var before = new boolean[1];
        provider.init(new StateProviderInitializer() {
            @Override
            public void computeBeforeOpenDialog() {
                before[0] = true;
            }

            @Override
            public void computeAfterOpenDialog() {
            }

            @Override
            public <T> java.util.function.Supplier<T> computeFromValueSupplier(
                final Class<? extends org.knime.node.parameters.updates.ParameterReference<T>> ref) {
                return () -> null;
            }

            @Override
            public <T> java.util.function.Supplier<T> getValueSupplier(
                final Class<? extends org.knime.node.parameters.updates.ParameterReference<T>> ref) {
                return () -> null;
            }

            @Override
            public <T> void computeOnValueChange(
                final Class<? extends org.knime.node.parameters.updates.ParameterReference<T>> id) {
            }

            @Override
            public <T> java.util.function.Supplier<T> computeFromProvidedState(
                final Class<? extends org.knime.node.parameters.updates.StateProvider<T>> stateProviderClass) {
                return () -> null;
            }

            @Override
            public void computeOnButtonClick(
                final Class<? extends org.knime.node.parameters.updates.ButtonReference> ref) {
            }

            @Override
            public NodeParametersInput getNodeParametersInput() {
                return null;
            }
        });
        return before[0];
    }

    private static Set<String> offered(final ColumnChoicesProvider provider, final int port, final DataTableSpec spec) {
        var specs = new PortObjectSpec[2];
        specs[port] = spec;
        var out = new TreeSet<String>();
        for (TypedStringChoice c : provider.computeState(input(specs))) {
            assertEquals(c.id(), c.text());
            out.add(c.id());
        }
        return out;
    }

    /** String fields holding an input column name, in the parameters class and its nested groups. */
    private static List<Field> columnFields(final Class<?> c) {
        var out = new ArrayList<Field>();
        for (var field : c.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                continue;
            }
            if (field.getType() == String.class && field.getName().endsWith("Column")
                && !field.getName().startsWith("m_output")) {
                out.add(field);
            } else if (field.getType().getName().startsWith("dev.flowmatch.nodes") && !field.getType().isEnum()) {
                out.addAll(columnFields(field.getType()));
            }
        }
        return out;
    }

    /** @return the object (the parameters or one of their nested groups) that declares the field */
    private static Object ownerOf(final Object parameters, final Field field) throws IllegalAccessException {
        if (field.getDeclaringClass().isInstance(parameters)) {
            return parameters;
        }
        for (var f : parameters.getClass().getDeclaredFields()) {
            if (f.getType() == field.getDeclaringClass()) {
                f.setAccessible(true);
                return f.get(parameters);
            }
        }
        throw new AssertionError("no group holds " + field);
    }

    private static org.knime.core.data.DataColumnSpec column(final String name, final DataType type) {
        return new DataColumnSpecCreator(name, type).createSpec();
    }

    private static Set<String> union(final Set<String> a, final Set<String> b) {
        var out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    /** KNIME's own dialog input for the given input specs (null: port not connected). */
    private static NodeParametersInput input(final PortObjectSpec[] specs) {
        return org.knime.core.webui.node.dialog.defaultdialog.NodeParametersUtil.createDefaultNodeSettingsContext(
            specs.clone());
    }
}
