package dev.flowmatch.nodes.common;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.widget.choices.EnumChoice;
import org.knime.node.parameters.widget.choices.EnumChoicesProvider;

import dev.flowmatch.engine.flow.coupling.CouplingKind;
import dev.flowmatch.engine.flow.solver.SolverKind;
import dev.flowmatch.engine.model.RepaLoss;
import dev.flowmatch.engine.train.PathSettings;

/**
 * Dropdowns of the engine's enums with the names the engine gives them ({@code label()}): the engine holds no KNIME
 * annotation, so KNIME's {@code @Label} cannot be put on its constants, and a name derived from the constant
 * ("Cond ot", "Dopri5") is not what a user reads in the field's papers.
 */
public final class EngineChoices {

    private EngineChoices() {
    }

    /** Every constant of an engine enum, labelled by the engine. */
    abstract static class Labelled<E extends Enum<E>> implements EnumChoicesProvider<E> {

        private final Class<E> m_type;

        private final Function<E, String> m_label;

        Labelled(final Class<E> type, final Function<E, String> label) {
            m_type = type;
            m_label = label;
        }

        @Override
        public List<EnumChoice<E>> computeState(final NodeParametersInput context) {
            return Arrays.stream(m_type.getEnumConstants()).map(e -> new EnumChoice<>(e, m_label.apply(e))).toList();
        }
    }

    public static final class Solvers extends Labelled<SolverKind> {
        public Solvers() {
            super(SolverKind.class, SolverKind::label);
        }
    }

    public static final class Schedulers extends Labelled<PathSettings.SchedulerKind> {
        public Schedulers() {
            super(PathSettings.SchedulerKind.class, PathSettings.SchedulerKind::label);
        }
    }

    public static final class TimeSamplers extends Labelled<PathSettings.TimeSamplerKind> {
        public TimeSamplers() {
            super(PathSettings.TimeSamplerKind.class, PathSettings.TimeSamplerKind::label);
        }
    }

    public static final class Couplings extends Labelled<CouplingKind> {
        public Couplings() {
            super(CouplingKind.class, CouplingKind::label);
        }
    }

    public static final class RepaLosses extends Labelled<RepaLoss.Kind> {
        public RepaLosses() {
            super(RepaLoss.Kind.class, RepaLoss.Kind::label);
        }
    }
}
