package dev.flowmatch.nodes;

import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;

/** Reads the plugin's plugin.xml, so tests use exactly the registrations KNIME will read. */
public final class PluginXml {

    private PluginXml() {
    }

    static List<Element> elements(final String tag) throws Exception {
        // the plugin.xml of the bundle these classes are loaded by (this fragment's host, dev.flowmatch.knime)
        var entry = org.osgi.framework.FrameworkUtil.getBundle(PluginXml.class).getEntry("plugin.xml");
        if (entry == null) {
            throw new IllegalStateException("plugin.xml not found in " + org.osgi.framework.FrameworkUtil.getBundle(
                PluginXml.class));
        }
        var f = DocumentBuilderFactory.newInstance();
        try (var in = entry.openStream()) {
            var doc = f.newDocumentBuilder().parse(in);
            var nodes = doc.getElementsByTagName(tag);
            var out = new ArrayList<Element>();
            for (int i = 0; i < nodes.getLength(); i++) {
                out.add((Element)nodes.item(i));
            }
            return out;
        }
    }

    /** @return the factory classes registered under org.knime.workbench.repository.nodes */
    public static List<String> nodeFactories() throws Exception {
        return elements("node").stream().map(e -> e.getAttribute("factory-class")).toList();
    }

}
