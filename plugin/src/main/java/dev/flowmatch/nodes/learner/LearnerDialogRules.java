package dev.flowmatch.nodes.learner;

import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.ParameterReference;
import org.knime.node.parameters.updates.util.BooleanReference;

import dev.flowmatch.engine.train.PathSettings;
import dev.flowmatch.nodes.learner.LearnerNodeParameters.RepaTargets;

/**
 * The learner dialog's rules of which settings apply, read by KNIME's dialog ({@code @Effect}): the scheduler's
 * parameter for CondOT and polynomial only, a and b for non-uniform times, REPA's settings when REPA is on, its
 * target column or its encoder as the targets come.
 */
final class LearnerDialogRules {

    private LearnerDialogRules() {
    }

    static final class SchedulerRef implements ParameterReference<PathSettings.SchedulerKind> {
    }

    static final class SchedulerHasParameter implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(SchedulerRef.class).isOneOf(PathSettings.SchedulerKind.COND_OT,
                PathSettings.SchedulerKind.POLYNOMIAL);
        }
    }

    static final class TimeSamplerRef implements ParameterReference<PathSettings.TimeSamplerKind> {
    }

    static final class UniformTimes implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(TimeSamplerRef.class).isOneOf(PathSettings.TimeSamplerKind.UNIFORM);
        }
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
