package dev.flowmatch.nodes.common;

import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.ParameterReference;

import dev.flowmatch.engine.train.PathSettings;

/**
 * Which probability-path settings apply, for every dialog that has them (Build Probability Path, the learner):
 * the scheduler's parameter for CondOT and polynomial only, a and b of the time sampler when times are not
 * uniform. A node marks its scheduler and time-sampler fields with the references below.
 */
public final class PathDialogRules {

    private PathDialogRules() {
    }

    public static final class SchedulerRef implements ParameterReference<PathSettings.SchedulerKind> {
    }

    public static final class SchedulerHasParameter implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(SchedulerRef.class).isOneOf(PathSettings.SchedulerKind.COND_OT,
                PathSettings.SchedulerKind.POLYNOMIAL);
        }
    }

    public static final class TimeSamplerRef implements ParameterReference<PathSettings.TimeSamplerKind> {
    }

    public static final class UniformTimes implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(TimeSamplerRef.class).isOneOf(PathSettings.TimeSamplerKind.UNIFORM);
        }
    }
}
