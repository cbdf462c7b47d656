package dev.flowmatch.nodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.w3c.dom.Element;

/** Reads the plugin's plugin.xml, so tests use exactly the registrations KNIME will read. */
public final class PluginXml {

    private PluginXml() {
    }

    public static Path file() {
        for (var p : List.of(Path.of("plugin.xml"), Path.of("plugin/plugin.xml"))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        var dir = System.getProperty("flowmatch.project.dir");
        if (dir != null) {
            return Path.of(dir, "plugin", "plugin.xml");
        }
        throw new IllegalStateException("plugin.xml not found from " + Path.of("").toAbsolutePath());
    }

    static List<Element> elements(final String tag) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        var doc = f.newDocumentBuilder().parse(file().toFile());
        var nodes = doc.getElementsByTagName(tag);
        var out = new ArrayList<Element>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element)nodes.item(i));
        }
        return out;
    }

    /** @return the factory classes registered under org.knime.workbench.repository.nodes */
    public static List<String> nodeFactories() throws Exception {
        return elements("node").stream().map(e -> e.getAttribute("factory-class")).toList();
    }

    /** @return [object serializer, spec serializer] registered for the port object class */
    @SuppressWarnings("rawtypes")
    public static Object[] serializers(final Class<? extends PortObject> objectClass) throws Exception {
        for (var e : elements("portType")) {
            if (e.getAttribute("objectClass").equals(objectClass.getName())) {
                var o = (PortObject.PortObjectSerializer)instantiate(e.getAttribute("objectSerializer"));
                var s = (PortObjectSpec.PortObjectSpecSerializer)instantiate(e.getAttribute("specSerializer"));
                return new Object[]{o, s};
            }
        }
        throw new AssertionError("plugin.xml registers no port type for " + objectClass.getName());
    }

    private static Object instantiate(final String name) throws Exception {
        var c = Class.forName(name);
        var ctor = c.getDeclaredConstructor();
        ctor.setAccessible(true);
        return ctor.newInstance();
    }
}
