package dev.flowmatch.nodes.learner;

import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.ParameterReference;
import org.knime.node.parameters.updates.util.BooleanReference;

import dev.flowmatch.nodes.learner.LearnerNodeParameters.RepaTargets;

/**
 * The learner dialog's rules of which settings apply, read by KNIME's dialog ({@code @Effect}): REPA's settings when
 * REPA is on, its target column or its encoder as the targets come (the path's rules: {@code PathDialogRules}).
 */
final class LearnerDialogRules {

    private LearnerDialogRules() {
    }

    static final class RepaOn implements BooleanReference {
    }

    static final class RepaTargetsRef implements ParameterReference<RepaTargets> {
    }

    static final class TargetsFromColumn implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getBoolean(RepaOn.class).isTrue().and(i.getEnum(RepaTargetsRef.class)
                .isOneOf(RepaTargets.COLUMN));
        }
    }

    static final class TargetsFromEncoder implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getBoolean(RepaOn.class).isTrue().and(i.getEnum(RepaTargetsRef.class)
                .isOneOf(RepaTargets.ENCODER));
        }
    }
}
