package dev.flowmatch.engine.flow;

import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Native-memory scoping: every intermediate of a computation lives in a sub-manager that is closed when
 * the computation ends, so loops over steps do not grow.
 */
public final class Scopes {

    private Scopes() {
    }

    /**
     * Runs f with x temporarily attached to a fresh sub-manager of x's manager: everything f derives from
     * x is freed on return except the result, which is moved to x's manager. f must not return x itself.
     */
    public static NDArray compute(final NDArray x, final UnaryOperator<NDArray> f) {
        return compute(x, null, (a, b) -> f.apply(a));
    }

    /**
     * As {@link #compute(NDArray, UnaryOperator)} with a second input (e.g. a mask) also attached to the
     * scope while f runs, so that operations with it as receiver are freed too; may be null.
     */
    public static NDArray compute(final NDArray x, final NDArray other, final BinaryOperator<NDArray> f) {
        NDManager outer = x.getManager();
        try (NDManager scope = outer.newSubManager()) {
            x.tempAttach(scope);
            if (other != null && other != x) {
                other.tempAttach(scope);
            }
            NDArray result = f.apply(x, other);
            if (result == x || result == other) {
                throw new IllegalStateException("A scoped computation returned its input; return a new array.");
            }
            result.attach(outer);
            return result;
        }
    }
}
