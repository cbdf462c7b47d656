package dev.flowmatch.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import org.knime.core.node.StandInNodeDriver;
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
            var d = f.getNodeDescription();
            var name = d.getNodeName();
            assertTrue(d.getIntro().length() > 200, name + ": introduction");
            var icon = f.getClass().getResource(d.getIconPath());
            assertNotNull(icon, name + ": icon " + d.getIconPath() + " next to the factory");
            var image = javax.imageio.ImageIO.read(icon);
            assertEquals(16, image.getWidth(), name + " icon width");
            assertEquals(16, image.getHeight(), name + " icon height");
            var model = f.createNodeModel();
            for (int i = 0; i < model.getNrInPorts(); i++) {
                assertFalse(d.getInportDescription(i).isBlank(), name + ": input " + i);
            }
            for (int i = 0; i < model.getNrOutPorts(); i++) {
                assertFalse(d.getOutportDescription(i).isBlank(), name + ": output " + i);
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

    private static Class<?> parametersClass(final Class<?> model) {
        var t = (java.lang.reflect.ParameterizedType)model.getGenericSuperclass();
        return (Class<?>)t.getActualTypeArguments()[0];
    }

    private static void checkFields(final Class<?> c, final String node) {
        for (Field field : c.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                continue;
            }
            var w = field.getAnnotation(Widget.class);
            var where = node + ": " + c.getSimpleName() + "." + field.getName();
            assertNotNull(w, where + " has no @Widget");
            assertFalse(w.title().isBlank(), where + " title");
            assertTrue(w.description().length() >= 15, where + " description");
            var t = field.getType();
            if (NodeParameters.class.isAssignableFrom(t)) {
                checkFields(t, node);
            } else {
                assertTrue(t.isPrimitive() || t == String.class || t.isEnum(),
                    where + ": type " + t + " cannot be set by a flow variable");
            }
        }
    }

    @Test
    void settingsSurviveSettingsXmlAndEditsTakeEffect() throws Exception {
        for (var f : factories()) {
            var d = StandInNodeDriver.of(f);
            var saved = d.saveSettings();
            var xml = new ByteArrayOutputStream();
            saved.saveToXML(xml);
            NodeSettingsRO read = NodeSettings.loadFromXML(new ByteArrayInputStream(xml.toByteArray()));
            d.loadSettings(read);
            assertEquals(saved, d.saveSettings(), f.getNodeName() + ": settings round trip");
            // the path node computes nothing a GPU would speed up; the pretrained node only reads a file
            assertTrue(saved.keySet().contains("m_device")
                || List.of("Build Probability Path", "Pretrained Flow Model").contains(f.getNodeName()),
                f.getNodeName() + ": compute nodes let the device be chosen");
        }
        var d = StandInNodeDriver.of(new dev.flowmatch.nodes.sampler.SamplerNodeFactory());
        NodeTables.set(d, "m_molecules", 7);
        assertEquals(7, d.saveSettings().getInt("m_molecules"), "a flow variable's value is the setting's value");
    }
}
