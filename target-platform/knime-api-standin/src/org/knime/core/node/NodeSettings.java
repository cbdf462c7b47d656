package org.knime.core.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A tree of typed entries, the way KNIME stores node settings (settings.xml). Types follow KNIME's XML
 * config names (xint, xdouble, ...); arrays are sub-configs with "array-size" and entries "0".."n-1".
 */
public class NodeSettings implements NodeSettingsRO, NodeSettingsWO {

    /** One typed leaf value; {@code value} is the Java value (null only for xstring). */
    record Entry(String type, Object value) {
    }

    private static final String ARRAY_SIZE = "array-size";

    private final String m_key;

    /** Values are Entry or NodeSettings, in insertion order (KNIME keeps it too). */
    private final Map<String, Object> m_children = new LinkedHashMap<>();

    public NodeSettings(final String key) {
        m_key = key;
    }

    @Override
    public String getKey() {
        return m_key;
    }

    @Override
    public boolean containsKey(final String key) {
        return m_children.containsKey(key);
    }

    @Override
    public Set<String> keySet() {
        return Collections.unmodifiableSet(m_children.keySet());
    }

    Map<String, Object> children() {
        return m_children;
    }

    // ---- writing

    @Override
    public NodeSettings addNodeSettings(final String key) {
        var child = new NodeSettings(key);
        m_children.put(key, child);
        return child;
    }

    void put(final String key, final String type, final Object value) {
        m_children.put(key, new Entry(type, value));
    }

    @Override
    public void addInt(final String key, final int value) {
        put(key, "xint", value);
    }

    @Override
    public void addLong(final String key, final long value) {
        put(key, "xlong", value);
    }

    @Override
    public void addDouble(final String key, final double value) {
        put(key, "xdouble", value);
    }

    @Override
    public void addFloat(final String key, final float value) {
        put(key, "xfloat", value);
    }

    @Override
    public void addBoolean(final String key, final boolean value) {
        put(key, "xboolean", value);
    }

    @Override
    public void addString(final String key, final String value) {
        put(key, "xstring", value);
    }

    private NodeSettings array(final String key, final int size) {
        var a = addNodeSettings(key);
        a.addInt(ARRAY_SIZE, size);
        return a;
    }

    @Override
    public void addIntArray(final String key, final int... values) {
        var a = array(key, values.length);
        for (int i = 0; i < values.length; i++) {
            a.addInt(Integer.toString(i), values[i]);
        }
    }

    @Override
    public void addLongArray(final String key, final long... values) {
        var a = array(key, values.length);
        for (int i = 0; i < values.length; i++) {
            a.addLong(Integer.toString(i), values[i]);
        }
    }

    @Override
    public void addDoubleArray(final String key, final double... values) {
        var a = array(key, values.length);
        for (int i = 0; i < values.length; i++) {
            a.addDouble(Integer.toString(i), values[i]);
        }
    }

    @Override
    public void addBooleanArray(final String key, final boolean... values) {
        var a = array(key, values.length);
        for (int i = 0; i < values.length; i++) {
            a.addBoolean(Integer.toString(i), values[i]);
        }
    }

    @Override
    public void addStringArray(final String key, final String... values) {
        var a = array(key, values.length);
        for (int i = 0; i < values.length; i++) {
            a.addString(Integer.toString(i), values[i]);
        }
    }

    // ---- reading

    @Override
    public NodeSettings getNodeSettings(final String key) throws InvalidSettingsException {
        var c = m_children.get(key);
        if (c instanceof NodeSettings s) {
            return s;
        }
        throw new InvalidSettingsException(c == null ? missing(key) : "Setting \"" + path(key) + "\" is not a config.");
    }

    private Object value(final String key, final String type) throws InvalidSettingsException {
        var c = m_children.get(key);
        if (c instanceof Entry e && e.type().equals(type)) {
            return e.value();
        }
        if (c == null) {
            throw new InvalidSettingsException(missing(key));
        }
        var actual = c instanceof Entry e ? e.type() : "config";
        throw new InvalidSettingsException(
            "Setting \"" + path(key) + "\" has type " + actual + ", expected " + type + ".");
    }

    private String missing(final String key) {
        return "Setting \"" + path(key) + "\" is missing.";
    }

    private String path(final String key) {
        return m_key + "/" + key;
    }

    @Override
    public int getInt(final String key) throws InvalidSettingsException {
        return (Integer)value(key, "xint");
    }

    @Override
    public int getInt(final String key, final int def) {
        try {
            return getInt(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public long getLong(final String key) throws InvalidSettingsException {
        return (Long)value(key, "xlong");
    }

    @Override
    public long getLong(final String key, final long def) {
        try {
            return getLong(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public double getDouble(final String key) throws InvalidSettingsException {
        return (Double)value(key, "xdouble");
    }

    @Override
    public double getDouble(final String key, final double def) {
        try {
            return getDouble(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public float getFloat(final String key) throws InvalidSettingsException {
        return (Float)value(key, "xfloat");
    }

    @Override
    public boolean getBoolean(final String key) throws InvalidSettingsException {
        return (Boolean)value(key, "xboolean");
    }

    @Override
    public boolean getBoolean(final String key, final boolean def) {
        try {
            return getBoolean(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public String getString(final String key) throws InvalidSettingsException {
        return (String)value(key, "xstring");
    }

    @Override
    public String getString(final String key, final String def) {
        try {
            return getString(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    private NodeSettings arrayConfig(final String key) throws InvalidSettingsException {
        return getNodeSettings(key);
    }

    @Override
    public int[] getIntArray(final String key) throws InvalidSettingsException {
        var a = arrayConfig(key);
        var r = new int[a.getInt(ARRAY_SIZE)];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.getInt(Integer.toString(i));
        }
        return r;
    }

    @Override
    public long[] getLongArray(final String key) throws InvalidSettingsException {
        var a = arrayConfig(key);
        var r = new long[a.getInt(ARRAY_SIZE)];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.getLong(Integer.toString(i));
        }
        return r;
    }

    @Override
    public double[] getDoubleArray(final String key) throws InvalidSettingsException {
        var a = arrayConfig(key);
        var r = new double[a.getInt(ARRAY_SIZE)];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.getDouble(Integer.toString(i));
        }
        return r;
    }

    @Override
    public boolean[] getBooleanArray(final String key) throws InvalidSettingsException {
        var a = arrayConfig(key);
        var r = new boolean[a.getInt(ARRAY_SIZE)];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.getBoolean(Integer.toString(i));
        }
        return r;
    }

    @Override
    public String[] getStringArray(final String key) throws InvalidSettingsException {
        var a = arrayConfig(key);
        var r = new String[a.getInt(ARRAY_SIZE)];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.getString(Integer.toString(i));
        }
        return r;
    }

    /** Copies every entry and sub-config of this tree into {@code dest} (as KNIME's Config.copyTo). */
    public void copyTo(final NodeSettingsWO dest) {
        for (var c : m_children.entrySet()) {
            if (c.getValue() instanceof NodeSettings sub) {
                sub.copyTo(dest.addNodeSettings(c.getKey()));
            } else if (dest instanceof NodeSettings d) {
                var e = (Entry)c.getValue();
                d.put(c.getKey(), e.type(), e.value());
            } else {
                throw new UnsupportedOperationException("The stand-in copies into its own NodeSettings only.");
            }
        }
    }

    // ---- XML in KNIME's settings.xml format

    /** Writes this tree as a KNIME XML config (the format of a node's settings.xml). */
    public void saveToXML(final OutputStream out) throws IOException {
        SettingsXml.write(this, out);
    }

    /** Reads a KNIME XML config, e.g. a node's settings.xml from a workflow folder. */
    public static NodeSettingsRO loadFromXML(final InputStream in) throws IOException {
        return SettingsXml.read(in);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof NodeSettings other && other.m_key.equals(m_key) && other.m_children.equals(m_children);
    }

    @Override
    public int hashCode() {
        return m_children.hashCode();
    }

    @Override
    public String toString() {
        return m_key + m_children;
    }
}
