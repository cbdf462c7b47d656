package dev.flowmatch.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.webui.node.dialog.SettingsType;
import org.knime.core.webui.node.dialog.defaultdialog.NodeParametersUtil;
import org.knime.core.webui.node.dialog.defaultdialog.jsonforms.JsonFormsSettingsImpl;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.WidgetGroup;
import org.knime.node.parameters.widget.choices.ChoicesProvider;
import org.knime.node.parameters.widget.choices.EnumChoicesProvider;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.number.NumberInputWidget;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The dialogs as KNIME builds them: every number carries its range (the dialog refuses a bad value while typing,
 * and the same bound refuses it when it arrives by flow variable or batch option, naming the setting), every
 * choice reads as the field names it, and settings that do not apply are hidden.
 */
class DialogTest {

    /** Numbers that may take any value: seeds, a logit-normal mean, a scheduler parameter whose range depends. */
    private static final Set<String> FREE = Set.of("m_seed", "m_timeA", "m_schedulerParameter");

    private static NodeParameters defaults(final Class<?> parameters) throws Exception {
        var k = parameters.getDeclaredConstructor();
        k.setAccessible(true);
        return (NodeParameters)k.newInstance();
    }

    /** @return every numeric setting of the parameters, with the object holding it (groups included) */
    private static List<Object[]> numbers(final Object owner) throws Exception {
        var out = new ArrayList<Object[]>();
        for (var f : owner.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            f.setAccessible(true);
            var v = f.get(owner);
            if (v instanceof WidgetGroup) {
                out.addAll(numbers(v));
            } else if (f.getType() == int.class || f.getType() == double.class || f.getType() == long.class) {
                out.add(new Object[]{owner, f});
            }
        }
        return out;
    }

    @Test
    void everyNumberHasItsRangeAndAValueOutsideItIsRefusedByName() throws Exception {
        int checked = 0;
        for (var factory : NodeContractTest.factories()) {
            var node = factory.getNodeName();
            var parameters = defaults(NodeContractTest.parametersClass(factory.createNodeModel().getClass()));
            parameters.validate(); // the defaults are valid
            for (var n : numbers(parameters)) {
                var f = (Field)n[1];
                if (FREE.contains(f.getName())) {
                    continue;
                }
                var range = f.getAnnotation(NumberInputWidget.class);
                assertNotNull(range, node + "/" + f.getName() + ": no range for the dialog");
                assertFalse(Modifier.isAbstract(range.minValidation().getModifiers()), node + "/" + f.getName()
                    + ": no lower bound");
                double min = bound(range.minValidation(), "getMin");
                boolean exclusive = exclusive(range.minValidation());
                var old = f.get(n[0]);
                set(f, n[0], exclusive ? min : min - 1);
                var e = assertThrows(InvalidSettingsException.class, parameters::validate, node + "/" + f.getName()
                    + " below its bound " + min + " was accepted");
                var title = f.getAnnotation(Widget.class).title();
                assertTrue(e.getMessage().contains("\"" + title + "\"") && e.getMessage().contains("must be"),
                    node + ": " + e.getMessage());
                set(f, n[0], old);
                checked++;
            }
        }
        assertTrue(checked >= 30, "numeric settings checked: " + checked);
    }

    private static void set(final Field f, final Object owner, final Object value) throws Exception {
        if (f.getType() == int.class) {
            f.setInt(owner, ((Number)value).intValue());
        } else if (f.getType() == long.class) {
            f.setLong(owner, ((Number)value).longValue());
        } else {
            f.setDouble(owner, ((Number)value).doubleValue());
        }
    }

    private static double bound(final Class<?> c, final String method) throws Exception {
        var v = c.getDeclaredConstructor();
        v.setAccessible(true);
        return (double)c.getMethod(method).invoke(v.newInstance());
    }

    private static boolean exclusive(final Class<?> c) throws Exception {
        var v = c.getDeclaredConstructor();
        v.setAccessible(true);
        return (boolean)c.getMethod("isExclusive").invoke(v.newInstance());
    }

    /** KNIME's own dialog service: the ranges and the rules of what applies are in the sampler's dialog. */
    @Test
    void knimesDialogCarriesRangesAndShowsOnlyWhatApplies() throws Exception {
        var sampler = NodeContractTest.factories().stream().filter(f -> f.getNodeName().equals("ODE Sampler"))
            .findFirst().orElseThrow();
        var parameters = defaults(NodeContractTest.parametersClass(sampler.createNodeModel().getClass()));
        var context = NodeParametersUtil.createDefaultNodeSettingsContext(new PortObjectSpec[]{null});
        var ui = new JsonFormsSettingsImpl(Map.of(SettingsType.MODEL, parameters), context).getUiSchema();
        var molecules = control(ui, "molecules");
        assertEquals(1.0, molecules.at("/options/validation/min/parameters/min").asDouble(), 0, molecules.toString());
        assertEquals("SHOW", control(ui, "atoms").at("/rule/effect").asText(), "atom count only for fixed sizes");
        assertEquals("SHOW", control(ui, "rtol").at("/rule/effect").asText(), "tolerances only for DOPRI5");
        assertEquals("HIDE", control(ui, "steps").at("/rule/effect").asText(), "no step count for DOPRI5");
        assertEquals("SHOW", control(ui, "trajectoryMolecules").at("/rule/effect").asText());
    }

    private static JsonNode control(final JsonNode ui, final String key) {
        var found = new ArrayList<JsonNode>();
        ui.findParents("scope").forEach(n -> {
            if (n.get("scope").asText().endsWith("/" + key)) {
                found.add(n);
            }
        });
        assertEquals(1, found.size(), "controls for " + key + " in " + ui);
        return found.get(0);
    }

    /**
     * Every choice has a label a user of the field recognises: node enums through KNIME's @Label, the engine's
     * enums (which may not use KNIME annotations) through their own labels.
     */
    @Test
    void everyChoiceIsLabelled() throws Exception {
        var texts = new ArrayList<String>();
        for (var factory : NodeContractTest.factories()) {
            var parameters = defaults(NodeContractTest.parametersClass(factory.createNodeModel().getClass()));
            for (var f : enums(parameters.getClass(), new ArrayList<>())) {
                var node = factory.getNodeName() + "/" + f.getName();
                var provider = f.getAnnotation(ChoicesProvider.class);
                if (provider != null) {
                    var p = (EnumChoicesProvider<?>)provider.value().getDeclaredConstructor().newInstance();
                    var choices = p.computeState(null);
                    assertEquals(f.getType().getEnumConstants().length, choices.size(), node);
                    choices.forEach(c -> texts.add(c.text()));
                } else {
                    for (var c : f.getType().getFields()) {
                        if (c.isEnumConstant()) {
                            assertNotNull(c.getAnnotation(Label.class), node + ": " + c.getName() + " has no label");
                        }
                    }
                }
            }
        }
        for (var expected : List.of("CondOT (linear)", "Minibatch OT", "Variance preserving (VP)",
            "Runge–Kutta 4 (RK4)", "Dormand–Prince (adaptive)", "Mean squared error (MSE)")) {
            assertTrue(texts.contains(expected), expected + " among " + texts);
        }
    }

    private static List<Field> enums(final Class<?> c, final List<Field> out) {
        for (var f : c.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            if (f.getType().isEnum()) {
                out.add(f);
            } else if (WidgetGroup.class.isAssignableFrom(f.getType())) {
                enums(f.getType(), out);
            }
        }
        return out;
    }
}
