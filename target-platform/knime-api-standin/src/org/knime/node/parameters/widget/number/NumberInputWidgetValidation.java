package org.knime.node.parameters.widget.number;

/** Bounds for a {@link NumberInputWidget}. */
public interface NumberInputWidgetValidation {

    default boolean isExclusive() {
        return false;
    }

    String getErrorMessage();

    /** A lower bound. */
    abstract class MinValidation implements NumberInputWidgetValidation {

        protected abstract double getMin();

        /** @return true if the value satisfies the bound */
        public boolean accepts(final double value) {
            return isExclusive() ? value > getMin() : value >= getMin();
        }

        @Override
        public String getErrorMessage() {
            return (isExclusive() ? "The value must be greater than " : "The value must be at least ") + getMin() + ".";
        }

        /** At least 0. */
        public static final class IsNonNegativeValidation extends MinValidation {
            @Override
            public double getMin() {
                return 0;
            }
        }

        /** At least 1. */
        public static final class IsPositiveIntegerValidation extends MinValidation {
            @Override
            public double getMin() {
                return 1;
            }
        }

        /** Greater than 0. */
        public static final class IsPositiveDoubleValidation extends MinValidation {
            @Override
            public double getMin() {
                return 0;
            }

            @Override
            public boolean isExclusive() {
                return true;
            }
        }
    }

    /** An upper bound. */
    abstract class MaxValidation implements NumberInputWidgetValidation {

        protected abstract double getMax();

        /** @return true if the value satisfies the bound */
        public boolean accepts(final double value) {
            return isExclusive() ? value < getMax() : value <= getMax();
        }

        @Override
        public String getErrorMessage() {
            return (isExclusive() ? "The value must be less than " : "The value must not exceed ") + getMax() + ".";
        }
    }
}
