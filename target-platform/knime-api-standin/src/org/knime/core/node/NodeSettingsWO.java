package org.knime.core.node;

/** Write access to a settings tree. Adding an existing key replaces its value. */
public interface NodeSettingsWO {

    String getKey();

    NodeSettingsWO addNodeSettings(String key);

    void addInt(String key, int value);

    void addLong(String key, long value);

    void addDouble(String key, double value);

    void addFloat(String key, float value);

    void addBoolean(String key, boolean value);

    void addString(String key, String value);

    void addIntArray(String key, int... values);

    void addLongArray(String key, long... values);

    void addDoubleArray(String key, double... values);

    void addBooleanArray(String key, boolean... values);

    void addStringArray(String key, String... values);
}
