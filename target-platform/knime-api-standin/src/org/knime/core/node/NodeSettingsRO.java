package org.knime.core.node;

import java.util.Set;

/** Read access to a settings tree; getters without default throw if the key is absent or of another type. */
public interface NodeSettingsRO {

    String getKey();

    boolean containsKey(String key);

    Set<String> keySet();

    NodeSettingsRO getNodeSettings(String key) throws InvalidSettingsException;

    int getInt(String key) throws InvalidSettingsException;

    int getInt(String key, int def);

    long getLong(String key) throws InvalidSettingsException;

    long getLong(String key, long def);

    double getDouble(String key) throws InvalidSettingsException;

    double getDouble(String key, double def);

    float getFloat(String key) throws InvalidSettingsException;

    boolean getBoolean(String key) throws InvalidSettingsException;

    boolean getBoolean(String key, boolean def);

    String getString(String key) throws InvalidSettingsException;

    String getString(String key, String def);

    int[] getIntArray(String key) throws InvalidSettingsException;

    long[] getLongArray(String key) throws InvalidSettingsException;

    double[] getDoubleArray(String key) throws InvalidSettingsException;

    boolean[] getBooleanArray(String key) throws InvalidSettingsException;

    String[] getStringArray(String key) throws InvalidSettingsException;
}
