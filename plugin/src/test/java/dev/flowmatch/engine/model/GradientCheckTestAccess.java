package dev.flowmatch.engine.model;

import java.util.Random;

/** Random weights for tests that need every path of the network open (adaLN gates start closed). */
final class GradientCheckTestAccess {

    private GradientCheckTestAccess() {
    }

    static void randomise(final VelocityTransformer net, final long seed) {
        var rng = new Random(seed);
        for (var p : net.getParameters().values()) {
            var a = p.getArray();
            var v = new float[(int)a.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float)(0.3 * rng.nextGaussian());
            }
            a.set(java.nio.FloatBuffer.wrap(v));
        }
    }
}
