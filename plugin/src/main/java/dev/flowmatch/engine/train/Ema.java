package dev.flowmatch.engine.train;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

/**
 * Exponential moving average of the weights, the weights used for sampling. The effective decay
 * min(decay, (1 + n)/(10 + n)) lets the average follow the weights closely early in short runs.
 */
final class Ema {

    private final List<Parameter> m_parameters;

    private final NDManager m_manager;

    private final List<NDArray> m_average = new ArrayList<>();

    private final double m_decay;

    Ema(final List<Parameter> parameters, final NDManager manager, final double decay) {
        m_parameters = parameters;
        m_manager = manager;
        m_decay = decay;
        for (var p : parameters) {
            var copy = manager.create(p.getShape());
            AdamW.copyInto(p.getArray(), copy);
            m_average.add(copy);
        }
    }

    /** Restarts the average at the current weights (a trainer that starts from a trained model's weights). */
    void reset() {
        for (int i = 0; i < m_parameters.size(); i++) {
            AdamW.copyInto(m_parameters.get(i).getArray(), m_average.get(i));
        }
    }

    /** @param updates number of optimizer steps taken so far (≥ 1) */
    void update(final int updates) {
        double d = Math.min(m_decay, (1.0 + updates) / (10.0 + updates));
        try (var scope = m_manager.newSubManager()) {
            for (int i = 0; i < m_parameters.size(); i++) {
                var w = m_parameters.get(i).getArray();
                var a = m_average.get(i);
                w.tempAttach(scope);
                a.tempAttach(scope);
                a.subi(w).muli(d).addi(w); // d·a + (1−d)·w in place: no temporary array
            }
        }
    }

    /** @return the averaged weights, in parameter order */
    NDList weights() {
        return new NDList(m_average);
    }

    void load(final NDList saved) {
        if (saved.size() != m_average.size()) {
            throw new IllegalArgumentException(
                "Checkpoint EMA has " + saved.size() + " arrays, expected " + m_average.size() + ".");
        }
        for (int i = 0; i < saved.size(); i++) {
            AdamW.copyInto(saved.get(i), m_average.get(i));
        }
    }
}
