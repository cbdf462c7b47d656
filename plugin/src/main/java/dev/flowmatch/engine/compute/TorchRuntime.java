package dev.flowmatch.engine.compute;

import java.util.Locale;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;

/**
 * The one way into DJL's PyTorch engine, working the same in a plain JVM and inside KNIME (OSGi).
 *
 * <p>DJL finds engines with ServiceLoader on the thread's context class loader, and the PyTorch natives
 * as a class-path resource. Inside an OSGi bundle the context loader is not the bundle's, so engine start
 * runs with this bundle's loader, which also sees the platform natives fragment. libtorch can be loaded by
 * only one class loader per JVM, which is why nothing else may start the engine.
 */
public final class TorchRuntime {

    /** DJL's name of the PyTorch engine. */
    public static final String ENGINE_NAME = "PyTorch";

    private static volatile Engine s_engine;

    /** See {@link #collectGradients}. */
    private static final Object GRADIENTS = new Object();

    private TorchRuntime() {
    }

    /**
     * Runs a forward and backward pass with gradient recording. DJL's PyTorch engine allows one gradient collector
     * at a time in the whole JVM, and KNIME executes independent branches of a workflow in parallel (two learners
     * at once, found by a real WorkflowManager): passes take turns here, so parallel trainings interleave steps.
     *
     * @param pass computes a loss, calls the collector's backward on it and returns what the caller needs
     */
    public static <T> T collectGradients(final java.util.function.Function<ai.djl.training.GradientCollector, T> pass) {
        synchronized (GRADIENTS) {
            try (var collector = engine().newGradientCollector()) {
                return pass.apply(collector);
            }
        }
    }

    /** @return the started PyTorch engine (started on first call) */
    public static Engine engine() {
        var e = s_engine;
        if (e == null) {
            synchronized (TorchRuntime.class) {
                e = s_engine;
                if (e == null) {
                    e = start();
                    s_engine = e;
                }
            }
        }
        return e;
    }

    private static Engine start() {
        var thread = Thread.currentThread();
        var previous = thread.getContextClassLoader();
        thread.setContextClassLoader(TorchRuntime.class.getClassLoader());
        try {
            return Engine.getEngine(ENGINE_NAME);
        } catch (EngineException | IllegalArgumentException e) {
            throw new IllegalStateException(startFailure(e), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String startFailure(final Exception e) {
        var platform = System.getProperty("os.name") + "/" + System.getProperty("os.arch");
        return "Cannot start the PyTorch engine on " + platform + ": " + e.getMessage()
            + ". CPU natives for linux-x86_64 come with the fragment dev.flowmatch.knime.pytorch.linux.x86_64"
            + " (installed with the feature; on a plain class path: the pytorch-native-cpu jar). Elsewhere,"
            + " point PYTORCH_LIBRARY_PATH at a libtorch 2.7.1 installation, or let DJL download matching"
            + " natives by running without -Dai.djl.offline=true (set PYTORCH_FLAVOR=cu124 for CUDA).";
    }

    /**
     * Resolves a device request: "cpu", "gpu" / "gpu:N", or "auto" (first GPU when the engine has one).
     *
     * @throws IllegalArgumentException for an unknown request or a GPU that is not there
     */
    public static Device device(final String request) {
        var r = request == null ? "auto" : request.trim().toLowerCase(Locale.ROOT);
        int gpus = engine().getGpuCount();
        if (r.equals("auto")) {
            return gpus > 0 ? Device.gpu() : Device.cpu();
        }
        if (r.equals("cpu")) {
            return Device.cpu();
        }
        if (r.equals("gpu") || r.startsWith("gpu:")) {
            int id = r.equals("gpu") ? 0 : parseGpuId(r);
            if (id >= gpus) {
                throw new IllegalArgumentException("Device \"" + request + "\" requested, but the PyTorch engine sees "
                    + gpus + " GPU(s). Use \"cpu\" or \"auto\", or install CUDA natives (see README).");
            }
            return Device.gpu(id);
        }
        throw new IllegalArgumentException("Unknown device \"" + request + "\": use cpu, gpu, gpu:N or auto.");
    }

    private static int parseGpuId(final String r) {
        try {
            return Integer.parseInt(r.substring(4));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid GPU index in \"" + r + "\".", e);
        }
    }

    /** @return a new root manager on the device; close it (try-with-resources) to free native memory */
    public static NDManager newManager(final Device device) {
        return engine().newBaseManager(device);
    }

    /** @return engine version, GPU count and thread settings, for logs and benchmark headers */
    public static String describe() {
        var e = engine();
        return ENGINE_NAME + " " + e.getVersion() + ", GPUs=" + e.getGpuCount() + ", intra-op threads="
            + System.getProperty("ai.djl.pytorch.num_threads", "default") + ", inter-op threads="
            + System.getProperty("ai.djl.pytorch.num_interop_threads", "default");
    }
}
