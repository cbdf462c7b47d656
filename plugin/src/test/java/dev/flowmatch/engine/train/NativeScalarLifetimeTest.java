package dev.flowmatch.engine.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import ai.djl.Device;
import dev.flowmatch.engine.model.Geometry;

/**
 * The garbage collector running beside training must not change a gradient: constants inside the graph are native
 * tensors that live as long as the step (Nn.scale), not DJL's scalar tensors over Java buffers that are freed while
 * autograd still reads them (which made training "diverge at step 1" with gradients of 1e24–1e34, once in seven
 * fresh JVMs). With a collection every millisecond, 90 steps of the geometry-aware network with REPA must all keep
 * a finite, ordinary gradient norm.
 */
class NativeScalarLifetimeTest {

    @Test
    void gradientsStayOrdinaryWhileTheCollectorRuns() throws Exception {
        var stop = new AtomicBoolean();
        var collections = new AtomicInteger();
        var gc = new Thread(() -> {
            while (!stop.get()) {
                System.gc();
                collections.incrementAndGet();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        gc.setDaemon(true);
        gc.start();
        try {
            var arch = TrainerTest.architecture().withGeometry(new Geometry(1, true, Geometry.CoordinateHead.BOTH,
                true));
            for (int run = 0; run < 3; run++) { // fresh trainers: fresh parameters and first backward passes
                var cfg = TrainerTest.config(30).withSeed(run).withValidation(0).withRepa(RepaConfig.of(0.5, 1));
                try (var t = new Trainer(TrainerTest.representation(), arch, cfg, 4, Device.cpu())) {
                    t.train(TrainerTest.data(new AtomicInteger()), TrainingListener.none()); // throws on a bad norm
                    for (var m : t.stepMetrics()) {
                        assertTrue(m.gradNorm() < 1e4, "step " + m.step() + " of run " + run + ": gradient norm "
                            + m.gradNorm());
                    }
                }
            }
        } finally {
            stop.set(true);
            gc.join();
        }
        assertTrue(collections.get() > 20, "the collector ran " + collections.get() + " times");
    }
}
