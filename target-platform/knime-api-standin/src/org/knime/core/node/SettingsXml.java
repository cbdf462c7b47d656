package org.knime.core.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/** Reads and writes {@link NodeSettings} in KNIME's XML config format (namespace XMLConfig 2008/09). */
final class SettingsXml {

    static final String NS = "http://www.knime.org/2008/09/XMLConfig";

    private SettingsXml() {
    }

    static void write(final NodeSettings settings, final OutputStream out) throws IOException {
        try {
            var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            var root = doc.createElementNS(NS, "config");
            root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:xsi",
                XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI);
            root.setAttributeNS(XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "xsi:schemaLocation",
                NS + " http://www.knime.org/XMLConfig_2008_09.xsd");
            root.setAttribute("key", settings.getKey());
            doc.appendChild(root);
            writeChildren(doc, root, settings);
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.transform(new DOMSource(doc), new StreamResult(out));
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IOException("Cannot write settings \"" + settings.getKey() + "\": " + e.getMessage(), e);
        }
    }

    private static void writeChildren(final Document doc, final Element parent, final NodeSettings settings) {
        for (var c : settings.children().entrySet()) {
            Element el;
            if (c.getValue() instanceof NodeSettings sub) {
                el = doc.createElementNS(NS, "config");
                el.setAttribute("key", c.getKey());
                writeChildren(doc, el, sub);
            } else {
                var e = (NodeSettings.Entry)c.getValue();
                el = doc.createElementNS(NS, "entry");
                el.setAttribute("key", c.getKey());
                el.setAttribute("type", e.type());
                if (e.value() == null) {
                    el.setAttribute("isnull", "true");
                    el.setAttribute("value", "");
                } else {
                    el.setAttribute("value", e.value().toString());
                }
            }
            parent.appendChild(el);
        }
    }

    static NodeSettings read(final InputStream in) throws IOException {
        try {
            var f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            var root = f.newDocumentBuilder().parse(in).getDocumentElement();
            if (!"config".equals(root.getLocalName())) {
                throw new IOException("Not a KNIME settings file: root element is <" + root.getLocalName() + ">.");
            }
            var settings = new NodeSettings(root.getAttribute("key"));
            readChildren(root, settings);
            return settings;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("Cannot parse settings XML: " + e.getMessage(), e);
        }
    }

    private static void readChildren(final Element parent, final NodeSettings settings) throws IOException {
        var nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (!(nodes.item(i) instanceof Element el)) {
                continue;
            }
            var key = el.getAttribute("key");
            if ("config".equals(el.getLocalName())) {
                readChildren(el, settings.addNodeSettings(key));
            } else if ("entry".equals(el.getLocalName())) {
                var type = el.getAttribute("type");
                var isNull = "true".equals(el.getAttribute("isnull"));
                settings.put(key, type, isNull ? null : parse(type, el.getAttribute("value"), key));
            } else {
                throw new IOException("Unexpected element <" + el.getLocalName() + "> at key \"" + key + "\".");
            }
        }
    }

    /** Known types become Java values; others (passwords, shorts, ...) are kept as text so they round-trip. */
    private static Object parse(final String type, final String v, final String key) throws IOException {
        try {
            return switch (type) {
                case "xint" -> Integer.parseInt(v);
                case "xlong" -> Long.parseLong(v);
                case "xdouble" -> Double.parseDouble(v);
                case "xfloat" -> Float.parseFloat(v);
                case "xboolean" -> Boolean.parseBoolean(v);
                default -> v;
            };
        } catch (NumberFormatException e) {
            throw new IOException("Entry \"" + key + "\" of type " + type + " has an invalid value \"" + v + "\".", e);
        }
    }
}
