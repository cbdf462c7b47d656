package dev.flowmatch.engine.flow.solver;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;

/** The states at each grid time, kept (as copies) only when the options ask for a trajectory. */
final class Trajectory {

    private final boolean m_on;

    private final double[] m_times;

    private final List<NDArray> m_states = new ArrayList<>();

    Trajectory(final SolveOptions options, final TimeGrid grid) {
        m_on = options.recordTrajectory();
        m_times = m_on ? grid.times().clone() : new double[0];
    }

    void record(final NDArray x) {
        if (m_on) {
            m_states.add(x.duplicate());
        }
    }

    Solution solution(final NDArray x, final int nfe, final int steps, final int rejected) {
        return new Solution(x, nfe, steps, rejected, m_states, m_times);
    }
}
