package dev.flowmatch.engine.compute;

import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * Xavier-uniform weights, U(±√(6/(fan_in + fan_out))), drawn from a Java generator: the same seed gives the
 * same network on every device and engine build (libtorch's generator is global and device-specific).
 * Parameters are initialised in the blocks' fixed insertion order, so the sequence is reproducible.
 */
public final class SeededInitializer implements Initializer {

    private final SplittableRandom m_rng;

    public SeededInitializer(final long seed) {
        m_rng = new SplittableRandom(seed);
    }

    @Override
    public NDArray initialize(final NDManager manager, final Shape shape, final DataType dataType) {
        long size = shape.size();
        long fanOut = shape.dimension() > 0 ? shape.get(0) : 1;
        long fanIn = shape.dimension() > 1 ? size / fanOut : 1;
        double bound = Math.sqrt(6.0 / (fanIn + fanOut));
        var values = new float[Math.toIntExact(size)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float)((2 * m_rng.nextDouble() - 1) * bound);
        }
        return manager.create(values, shape).toType(dataType, false);
    }
}
