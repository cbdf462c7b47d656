package dev.flowmatch.engine.train;

import java.util.Locale;

import dev.flowmatch.engine.flow.path.AffinePath;
import dev.flowmatch.engine.flow.path.CondOtScheduler;
import dev.flowmatch.engine.flow.path.CosineScheduler;
import dev.flowmatch.engine.flow.path.Parametrization;
import dev.flowmatch.engine.flow.path.PolynomialScheduler;
import dev.flowmatch.engine.flow.path.Scheduler;
import dev.flowmatch.engine.flow.path.TimeFactor;
import dev.flowmatch.engine.flow.path.TimeSampler;
import dev.flowmatch.engine.flow.path.VpScheduler;

/**
 * The probability path a model is trained on, as plain settings that a model file and a node dialog can
 * store: scheduler (with its one parameter: σ_min for CondOT, the exponent for polynomial), what the network
 * predicts, how training times are drawn and how the loss is weighted over t.
 *
 * @param scheduler the scheduler
 * @param schedulerParameter σ_min (COND_OT) or exponent (POLYNOMIAL); ignored otherwise
 * @param parametrization what the coordinate head predicts
 * @param timeSampler how t is drawn in training
 * @param timeA first time-sampler parameter (Beta a, logit-normal mean)
 * @param timeB second time-sampler parameter (Beta b, logit-normal sd)
 * @param timeFactor loss weight over t
 */
public record PathSettings(SchedulerKind scheduler, double schedulerParameter, Parametrization parametrization,
    TimeSamplerKind timeSampler, double timeA, double timeB, TimeFactorKind timeFactor) {

    /** The schedulers users choose from. */
    public enum SchedulerKind {
        COND_OT("CondOT (linear)"), POLYNOMIAL("Polynomial"), COSINE("Cosine"), VP("Variance preserving (VP)");

        private final String m_label;

        SchedulerKind(final String label) {
            m_label = label;
        }

        /** @return the name users see (dialogs, messages) */
        public String label() {
            return m_label;
        }
    }

    /** How training times are sampled. */
    public enum TimeSamplerKind {
        UNIFORM("Uniform"), BETA("Beta(a, b)"), LOGIT_NORMAL("Logit-normal(a, b)");

        private final String m_label;

        TimeSamplerKind(final String label) {
            m_label = label;
        }

        /** @return the name users see (dialogs, messages) */
        public String label() {
            return m_label;
        }
    }

    /** How the coordinate loss is weighted over t. */
    public enum TimeFactorKind {
        NONE,
        /** min(max(1/(1−t)², 0.05), 100), TABASCO's weight for data prediction. */
        CLAMPED_INVERSE_SQUARE
    }

    public PathSettings {
        if (scheduler == null || parametrization == null || timeSampler == null || timeFactor == null) {
            throw new IllegalArgumentException("Path settings: scheduler, parametrization, time sampler and time"
                + " factor must all be set.");
        }
        if (parametrization == Parametrization.NOISE) {
            throw new IllegalArgumentException("Path settings: a noise-predicting network cannot be sampled from t = 0"
                + " (α_0 = 0); choose VELOCITY or DATA.");
        }
        scheduler(scheduler, schedulerParameter); // validates the parameters
        sampler(timeSampler, timeA, timeB);
    }

    /** @return CondOT (σ_min = 0), velocity prediction, uniform t, no time factor */
    public static PathSettings defaults() {
        return new PathSettings(SchedulerKind.COND_OT, 0, Parametrization.VELOCITY, TimeSamplerKind.UNIFORM, 1, 1,
            TimeFactorKind.NONE);
    }

    /**
     * @return what the QM9 recipe search measured best (RESULTS.md, qm9-quality): CondOT with velocity prediction
     *         and t ~ Beta(1.8, 1), more training near the data, where bonds are decided; the default of the
     *         Flow Matching Learner node and of the main job
     */
    public static PathSettings recommended() {
        return new PathSettings(SchedulerKind.COND_OT, 0, Parametrization.VELOCITY, TimeSamplerKind.BETA, 1.8, 1,
            TimeFactorKind.NONE);
    }

    /** @return CondOT with data prediction and the clamped 1/(1−t)² weight, as TABASCO */
    public static PathSettings dataPrediction() {
        return new PathSettings(SchedulerKind.COND_OT, 0, Parametrization.DATA, TimeSamplerKind.UNIFORM, 1, 1,
            TimeFactorKind.CLAMPED_INVERSE_SQUARE);
    }

    public Scheduler createScheduler() {
        return scheduler(scheduler, schedulerParameter);
    }

    private static Scheduler scheduler(final SchedulerKind kind, final double parameter) {
        return switch (kind) {
            case COND_OT -> new CondOtScheduler(parameter);
            case POLYNOMIAL -> new PolynomialScheduler(parameter);
            case COSINE -> new CosineScheduler();
            case VP -> VpScheduler.defaults();
        };
    }

    public AffinePath path() {
        return new AffinePath(createScheduler());
    }

    public TimeSampler sampler() {
        return sampler(timeSampler, timeA, timeB);
    }

    private static TimeSampler sampler(final TimeSamplerKind kind, final double a, final double b) {
        return switch (kind) {
            case UNIFORM -> TimeSampler.uniform();
            case BETA -> TimeSampler.beta(a, b);
            case LOGIT_NORMAL -> TimeSampler.logitNormal(a, b);
        };
    }

    public TimeFactor factor() {
        return timeFactor == TimeFactorKind.NONE ? TimeFactor.none() : TimeFactor.clampedInverseSquare(0.05, 100);
    }

    public String describe() {
        return String.format(Locale.ROOT, "%s, predicts %s, t ~ %s, weight %s", createScheduler().describe(),
            parametrization, sampler().describe(), factor().describe());
    }
}
