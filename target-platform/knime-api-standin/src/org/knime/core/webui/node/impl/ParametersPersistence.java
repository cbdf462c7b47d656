package org.knime.core.webui.node.impl;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.persistence.Persist;

/**
 * KNIME's default field persistence, re-implemented: each non-static field is stored under its name (or
 * its {@link Persist} key) with the entry type of its Java type; enums by constant name; nested parameters
 * as sub-configs; arrays of parameters as sub-configs "0", "1", ... So a settings.xml written by KNIME
 * for these classes loads here, and the other way round.
 */
final class ParametersPersistence {

    private static final String INTERNALS_SUFFIX = "_Internals";

    private ParametersPersistence() {
    }

    /** Uses the constructor taking NodeParametersInput when there is one and input is known. */
    static <S extends NodeParameters> S create(final Class<S> cl, final NodeParametersInput input) {
        try {
            if (input != null) {
                try {
                    var c = cl.getDeclaredConstructor(NodeParametersInput.class);
                    c.setAccessible(true);
                    return c.newInstance(input);
                } catch (NoSuchMethodException e) { // NOSONAR fall back to the default constructor
                }
            }
            var c = cl.getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (ReflectiveOperationException e) {
            var cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw new IllegalStateException(cl.getName() + " needs an accessible no-argument constructor: " + cause,
                cause);
        }
    }

    static List<Field> persistedFields(final Class<?> cl) {
        var fields = new ArrayList<Field>();
        for (var c = cl; c != null && c != Object.class; c = c.getSuperclass()) {
            var own = new ArrayList<Field>();
            for (var f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())
                    && !f.isSynthetic()) {
                    f.setAccessible(true);
                    own.add(f);
                }
            }
            fields.addAll(0, own);
        }
        return fields;
    }

    static String configKey(final Field f) {
        var p = f.getAnnotation(Persist.class);
        var key = p == null || p.configKey().isEmpty() ? f.getName() : p.configKey();
        return p != null && p.hidden() ? key + INTERNALS_SUFFIX : key;
    }

    static void save(final Object params, final NodeSettingsWO settings) {
        for (var f : persistedFields(params.getClass())) {
            try {
                saveValue(f.getType(), f.get(params), configKey(f), settings, f);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void saveValue(final Class<?> t, final Object v, final String key, final NodeSettingsWO s,
        final Field f) {
        if (t == int.class || t == Integer.class) {
            s.addInt(key, (Integer)v);
        } else if (t == long.class || t == Long.class) {
            s.addLong(key, (Long)v);
        } else if (t == double.class || t == Double.class) {
            s.addDouble(key, (Double)v);
        } else if (t == float.class || t == Float.class) {
            s.addFloat(key, (Float)v);
        } else if (t == boolean.class || t == Boolean.class) {
            s.addBoolean(key, (Boolean)v);
        } else if (t == String.class) {
            s.addString(key, (String)v);
        } else if (t.isEnum()) {
            s.addString(key, v == null ? null : ((Enum<?>)v).name());
        } else if (t == int[].class) {
            s.addIntArray(key, (int[])v);
        } else if (t == long[].class) {
            s.addLongArray(key, (long[])v);
        } else if (t == double[].class) {
            s.addDoubleArray(key, (double[])v);
        } else if (t == boolean[].class) {
            s.addBooleanArray(key, (boolean[])v);
        } else if (t == String[].class) {
            s.addStringArray(key, (String[])v);
        } else if (NodeParameters.class.isAssignableFrom(t)) {
            save(v, s.addNodeSettings(key));
        } else if (t.isArray() && NodeParameters.class.isAssignableFrom(t.getComponentType())) {
            var arr = s.addNodeSettings(key);
            var elements = (Object[])v;
            for (int i = 0; i < elements.length; i++) {
                save(elements[i], arr.addNodeSettings(Integer.toString(i)));
            }
        } else {
            throw new IllegalStateException("No persistence for field " + f + " of type " + t.getName() + ".");
        }
    }

    static <S> S load(final NodeSettingsRO settings, final Class<S> cl) throws InvalidSettingsException {
        @SuppressWarnings("unchecked")
        var params = (S)create(cl.asSubclass(NodeParameters.class), null);
        for (var f : persistedFields(cl)) {
            try {
                f.set(params, loadValue(f.getType(), configKey(f), settings, f));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return params;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object loadValue(final Class<?> t, final String key, final NodeSettingsRO s, final Field f)
        throws InvalidSettingsException {
        if (t == int.class || t == Integer.class) {
            return s.getInt(key);
        } else if (t == long.class || t == Long.class) {
            return s.getLong(key);
        } else if (t == double.class || t == Double.class) {
            return s.getDouble(key);
        } else if (t == float.class || t == Float.class) {
            return s.getFloat(key);
        } else if (t == boolean.class || t == Boolean.class) {
            return s.getBoolean(key);
        } else if (t == String.class) {
            return s.getString(key);
        } else if (t.isEnum()) {
            var name = s.getString(key);
            if (name == null) {
                return null;
            }
            try {
                return Enum.valueOf((Class<Enum>)t, name);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingsException("Invalid value \"" + name + "\" for setting \"" + key
                    + "\". Possible values: " + Arrays.toString(t.getEnumConstants()) + ".", e);
            }
        } else if (t == int[].class) {
            return s.getIntArray(key);
        } else if (t == long[].class) {
            return s.getLongArray(key);
        } else if (t == double[].class) {
            return s.getDoubleArray(key);
        } else if (t == boolean[].class) {
            return s.getBooleanArray(key);
        } else if (t == String[].class) {
            return s.getStringArray(key);
        } else if (NodeParameters.class.isAssignableFrom(t)) {
            return load(s.getNodeSettings(key), t);
        } else if (t.isArray() && NodeParameters.class.isAssignableFrom(t.getComponentType())) {
            var arr = s.getNodeSettings(key);
            var result = (Object[])java.lang.reflect.Array.newInstance(t.getComponentType(), arr.keySet().size());
            for (int i = 0; i < result.length; i++) {
                result[i] = load(arr.getNodeSettings(Integer.toString(i)), t.getComponentType());
            }
            return result;
        }
        throw new IllegalStateException("No persistence for field " + f + " of type " + t.getName() + ".");
    }
}
