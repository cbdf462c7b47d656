package dev.flowmatch.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import dev.flowmatch.nodes.NodeDriver;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;

/**
 * What every node of ours owes KNIME users: registered in plugin.xml with an icon, described (introduction
 * and every port), every setting titled and described, settings that survive settings.xml, and only
 * setting types a flow variable can carry.
 */
class NodeContractTest {

    static List<NodeFactory<? extends NodeModel>> factories() throws Exception {
        var out = new ArrayList<NodeFactory<? extends NodeModel>>();
        for (var name : PluginXml.nodeFactories()) {
            @SuppressWarnings("unchecked")
            var f = (NodeFactory<? extends NodeModel>)Class.forName(name).getDeclaredConstructor().newInstance();
            out.add(f);
        }
        return out;
    }

    @Test
    void sixNodesAreRegisteredDescribedAndHaveTheirIcon() throws Exception {
        var factories = factories();
        assertEquals(6, factories.size());
        for (var f : factories) {
            // KNIME builds the description from the factory's configuration and parses it as XML: markup errors
            // in any text (e.g. an unescaped <name>) fail here, as they would fail the node in KNIME
            if (f.isLazilyInitialized()) {
                f.init();
            }
            var name = f.getNodeName();
            var intro = text(f.getXMLDescription(), "intro");
            assertTrue(intro.length() > 200, name + ": introduction " + intro);
            var icon = f.getIcon();
            assertNotNull(icon, name + ": icon next to the factory");
            var image = javax.imageio.ImageIO.read(icon);
            assertEquals(16, image.getWidth(), name + " icon width");
            assertEquals(16, image.getHeight(), name + " icon height");
            var node = NodeDriver.of(f).getNode();
            for (int i = 0; i < node.getNrInPorts() - 1; i++) {
                assertFalse(f.getInportDescription(i).isBlank(), name + ": input " + i);
            }
            for (int i = 0; i < node.getNrOutPorts() - 1; i++) {
                assertFalse(f.getOutportDescription(i).isBlank(), name + ": output " + i);
            }
        }
    }

    /** @return the text under the first element of that local name (XMLBeans' DOM has no getTextContent) */
    static String text(final org.w3c.dom.Element root, final String localName) {
        var nodes = root.getElementsByTagNameNS("*", localName);
        var out = new StringBuilder();
        if (nodes.getLength() > 0) {
            append(nodes.item(0), out);
        }
        return out.toString().trim();
    }

    private static void append(final org.w3c.dom.Node n, final StringBuilder out) {
        for (var c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == org.w3c.dom.Node.TEXT_NODE) {
                out.append(c.getNodeValue());
            } else {
                append(c, out);
            }
        }
    }

    @Test
    void everySettingHasTitleAndDescriptionAndAFlowVariableType() throws Exception {
        for (var f : factories()) {
            var settingsClass = parametersClass(f.createNodeModel().getClass());
            checkFields(settingsClass, f.getNodeName());
        }
    }

    static Class<?> parametersClass(final Class<?> model) {
        var t = (java.lang.reflect.ParameterizedType)model.getGenericSuperclass();
        return (Class<?>)t.getActualTypeArguments()[0];
    }

    private static void checkFields(final Class<?> c, final String node) {
        checkFields(c, node, true);
    }

    /**
     * Every setting has a title, a description and a type a flow variable can set. A group of settings (a nested
     * NodeParameters) is a dialog section in KNIME: no @Widget (KNIME ignores it there), and at the top level a
     * @Layout pointing to a @Section with a title and a description.
     */
    private static void checkFields(final Class<?> c, final String node, final boolean topLevel) {
        for (Field field : c.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                continue;
            }
            var where = node + ": " + c.getSimpleName() + "." + field.getName();
            var t = field.getType();
            if (NodeParameters.class.isAssignableFrom(t)) {
                assertNull(field.getAnnotation(Widget.class), where + ": a group is a section, not a widget");
                if (topLevel) {
                    var layout = field.getAnnotation(org.knime.node.parameters.layout.Layout.class);
                    assertNotNull(layout, where + ": a group needs @Layout(section)");
                    var section = layout.value().getAnnotation(org.knime.node.parameters.layout.Section.class);
                    assertNotNull(section, where + ": " + layout.value().getSimpleName() + " is not a @Section");
                    assertFalse(section.title().isBlank(), where + " section title");
                    assertTrue(section.description().length() >= 15, where + " section description");
                }
                checkFields(t, node, false);
                continue;
            }
            var w = field.getAnnotation(Widget.class);
            assertNotNull(w, where + " has no @Widget");
            assertFalse(w.title().isBlank(), where + " title");
            assertTrue(w.description().length() >= 15, where + " description");
            // KNIME's column filter: variables set its selection as a string array (manualFilter/manuallySelected)
            assertTrue(t.isPrimitive() || t == String.class || t.isEnum()
                || t == org.knime.node.parameters.widget.choices.filter.ColumnFilter.class,
                where + ": type " + t + " cannot be set by a flow variable");
        }
    }

    @Test
    void settingsSurviveSettingsXmlAndEditsTakeEffect() throws Exception {
        for (var f : factories()) {
            var d = NodeDriver.of(f);
            var saved = d.saveSettings();
            var xml = new ByteArrayOutputStream();
            saved.saveToXML(xml);
            NodeSettingsRO read = NodeSettings.loadFromXML(new ByteArrayInputStream(xml.toByteArray()));
            d.loadSettings(read);
            assertEquals(saved, d.saveSettings(), f.getNodeName() + ": settings round trip");
            // the path node computes nothing a GPU would speed up; the pretrained node only reads a file
            assertTrue(saved.keySet().contains("device")
                || List.of("Build Probability Path", "Pretrained Flow Model").contains(f.getNodeName()),
                f.getNodeName() + ": compute nodes let the device be chosen");
        }
        var d = NodeDriver.of(new dev.flowmatch.nodes.sampler.SamplerNodeFactory());
        NodeTables.set(d, "molecules", 7);
        assertEquals(7, d.saveSettings().getInt("molecules"), "a flow variable's value is the setting's value");
    }
}
