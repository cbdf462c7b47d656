package org.knime.node.parameters.widget.number;

/** Stand-in defaults of {@link NumberInputWidget} (KNIME uses type-dependent bounds here). */
final class Unbounded {

    private Unbounded() {
    }

    static final class NoMin extends NumberInputWidgetValidation.MinValidation {
        @Override
        protected double getMin() {
            return Double.NEGATIVE_INFINITY;
        }
    }

    static final class NoMax extends NumberInputWidgetValidation.MaxValidation {
        @Override
        protected double getMax() {
            return Double.POSITIVE_INFINITY;
        }
    }
}
