package dev.flowmatch.nodes.learner;

import org.knime.node.parameters.Widget;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.migration.DefaultProvider;
import org.knime.node.parameters.migration.Migration;
import org.knime.node.parameters.widget.choices.ChoicesProvider;
import org.knime.node.parameters.widget.choices.filter.ColumnFilter;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;

import dev.flowmatch.nodes.common.Bounds;
import dev.flowmatch.nodes.common.ColumnChoices;

/**
 * The learner's property conditioning: numeric columns whose values the network learns to generate for, and the
 * condition dropout that lets the same network answer unconditionally (classifier-free guidance at sampling).
 * Workflows saved before it existed load unconditioned.
 */
final class ConditioningGroup implements NodeParameters {

    @Widget(title = "Condition columns", description = "Numeric columns of the training table (e.g. CDK descriptors"
        + " computed upstream, or measured properties) the model is conditioned on: it learns to generate molecules"
        + " with the values asked for at sampling (the ODE Sampler's targets table). Values are standardised by"
        + " their training mean and deviation, which the model stores with the names and the training range. A"
        + " row with a missing value trains without its condition (said in the warning). None selected: an"
        + " unconditional model.")
    @ChoicesProvider(ColumnChoices.Numbers.class)
    @Migration(NoColumnsWhenAbsent.class)
    ColumnFilter m_columns = new ColumnFilter();

    @Widget(title = "Condition dropout", description = "Probability that a training molecule is shown without its"
        + " condition, so that the network also learns the unconditional field that classifier-free guidance"
        + " contrasts with (Ho and Salimans 2022). Default 0.1; 0 disables guidance (the unconditional field is"
        + " then never trained).")
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class, maxValidation = Bounds.AtMostHalf.class)
    @Migration(DropoutWhenAbsent.class)
    double m_dropout = 0.1;

    /** Learner settings saved before conditioning existed: no condition columns. */
    static final class NoColumnsWhenAbsent implements DefaultProvider<ColumnFilter> {
        @Override
        public ColumnFilter getDefault() {
            return new ColumnFilter();
        }
    }

    /** Learner settings saved before conditioning existed: the default dropout (unused without columns). */
    static final class DropoutWhenAbsent implements DefaultProvider<Double> {
        @Override
        public Double getDefault() {
            return 0.1;
        }
    }
}
