package dev.flowmatch.nodes.common;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.Locale;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.WidgetGroup;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MaxValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation;

/**
 * Value ranges of numeric settings, declared once with KNIME's {@link NumberInputWidget}: the dialog validates
 * while the user types, and {@link #check} applies the same bounds when settings arrive any other way (a flow
 * variable, a batch run's {@code -option}, an edited settings.xml), naming the setting as the dialog titles it.
 * The bounds below are the ones KNIME does not ship (it has ≥ 0, ≥ 1 and > 0).
 */
public final class Bounds {

    private Bounds() {
    }

    /** ≥ 2. */
    public static final class AtLeastTwo extends MinValidation {
        @Override
        public double getMin() {
            return 2;
        }
    }

    /** ≤ 1. */
    public static final class AtMostOne extends MaxValidation {
        @Override
        public double getMax() {
            return 1;
        }
    }

    /** < 1. */
    public static final class BelowOne extends MaxValidation {
        @Override
        public double getMax() {
            return 1;
        }

        @Override
        public boolean isExclusive() {
            return true;
        }
    }

    /** ≤ 0.5. */
    public static final class AtMostHalf extends MaxValidation {
        @Override
        public double getMax() {
            return 0.5;
        }
    }

    /** ≤ 64 (blocks, heads). */
    public static final class AtMost64 extends MaxValidation {
        @Override
        public double getMax() {
            return 64;
        }
    }

    /** The widest network a model file may declare. */
    public static final class MaxWidth extends MaxValidation {
        @Override
        public double getMax() {
            return dev.flowmatch.engine.model.ModelConfig.MAX_WIDTH;
        }
    }

    /** The most atoms a molecule may have. */
    public static final class MaxAtoms extends MaxValidation {
        @Override
        public double getMax() {
            return dev.flowmatch.engine.train.Representation.MAX_ATOMS;
        }
    }

    /**
     * Checks every numeric setting of a parameters object (and of its groups) against its declared bounds.
     *
     * @throws InvalidSettingsException naming the first setting out of range, its bound and its value
     */
    public static void check(final Object parameters) throws InvalidSettingsException {
        for (Class<?> c = parameters.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (var f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                var value = read(f, parameters);
                if (value instanceof WidgetGroup) {
                    check(value);
                } else if (value instanceof Number n && f.isAnnotationPresent(NumberInputWidget.class)) {
                    var w = f.getAnnotation(NumberInputWidget.class);
                    var title = f.isAnnotationPresent(Widget.class) ? f.getAnnotation(Widget.class).title() : f.getName();
                    // the annotation's defaults (no bound declared) are KNIME's abstract type-dependent bounds
                    if (!Modifier.isAbstract(w.minValidation().getModifiers())) {
                        check(n.doubleValue(), create(w.minValidation()), true, title);
                    }
                    if (!Modifier.isAbstract(w.maxValidation().getModifiers())) {
                        check(n.doubleValue(), create(w.maxValidation()), false, title);
                    }
                }
            }
        }
    }

    private static void check(final double v, final NumberInputWidgetValidation bound, final boolean min,
        final String title) throws InvalidSettingsException {
        double b = limit(bound, min);
        boolean ok = min ? (bound.isExclusive() ? v > b : v >= b) : (bound.isExclusive() ? v < b : v <= b);
        if (!ok || Double.isNaN(v)) {
            var limit = BigDecimal.valueOf(b).stripTrailingZeros().toPlainString();
            var rule = min ? (bound.isExclusive() ? "greater than " : "at least ")
                : (bound.isExclusive() ? "less than " : "at most ");
            Checks.check(false, title, "must be " + rule + limit + ", is " + format(v));
        }
    }

    private static String format(final double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long)v) : String.format(Locale.ROOT, "%g", v);
    }

    /** @return getMin()/getMax(), public in every bound class (KNIME's and ours) though protected in their base */
    private static double limit(final NumberInputWidgetValidation bound, final boolean min) {
        try {
            return (double)bound.getClass().getMethod(min ? "getMin" : "getMax").invoke(bound);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(bound.getClass().getName() + " does not expose its bound", e);
        }
    }

    private static NumberInputWidgetValidation create(final Class<? extends NumberInputWidgetValidation> c) {
        try {
            var k = c.getDeclaredConstructor();
            k.setAccessible(true);
            return k.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create the bound " + c.getName(), e);
        }
    }

    private static Object read(final Field f, final Object owner) {
        try {
            f.setAccessible(true);
            return f.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
