package dev.flowmatch.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Random;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.compute.TorchRuntime;

/**
 * float32 GEMM throughput of DJL's PyTorch engine on this machine: the physical reference that later
 * benchmarks' ratios refer to. The in-run reference is a plain single-threaded Java loop (i-k-j order) on
 * the same 512x512 problem, so the ratio says how much the native BLAS path buys.
 *
 * <p>Args: {@code --sizes 256,512,1024,2048}.
 */
final class DjlMatmulBenchmark implements Benchmarks.Benchmark {

    private static final int REF_N = 512;

    @Override
    public String run(final String[] args) {
        int[] sizes = {256, 512, 1024, 2048};
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--sizes")) {
                sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
            } else {
                throw new IllegalArgumentException("Unknown argument " + args[i] + " (known: --sizes a,b,c)");
            }
        }
        System.out.println("# " + TorchRuntime.describe() + ", CPU cores=" + Runtime.getRuntime().availableProcessors());
        double javaRef = javaGflops(REF_N);
        var summary = new LinkedHashMap<String, String>();
        double largest = 0;
        System.out.printf(Locale.ROOT, "%8s %12s %12s %14s%n", "n", "median ms", "GFLOP/s", "vs Java loop");
        for (int n : sizes) {
            double g = djlGflops(n);
            System.out.printf(Locale.ROOT, "%8d %12.3f %12.2f %14.1f%n", n, 2.0 * n * n * n / g / 1e6, g, g / javaRef);
            summary.put("gflops_" + n, fmt(g));
            largest = g;
        }
        System.out.printf(Locale.ROOT, "%8s %12.3f %12.2f %14s  (plain Java i-k-j loop, 1 thread)%n", REF_N,
            2.0 * REF_N * REF_N * REF_N / javaRef / 1e6, javaRef, "1.0");
        summary.put("java_ref_gflops_" + REF_N, fmt(javaRef));
        summary.put("ratio_vs_java", fmt(largest / javaRef)); // at the largest size measured
        summary.put("threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        var sb = new StringBuilder();
        summary.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }

    private static String fmt(final double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** @return float32 GFLOP/s of an n×n matrix product (median of timed runs after warm-up) */
    static double djlGflops(final int n) {
        try (var m = TorchRuntime.newManager(Device.cpu())) {
            NDArray a = m.randomUniform(-1, 1, new Shape(n, n));
            NDArray b = m.randomUniform(-1, 1, new Shape(n, n));
            double s = Timing.medianSeconds(() -> {
                try (var step = m.newSubManager()) {
                    var c = a.matMul(b);
                    c.attach(step);
                    c.getFloat(0, 0); // forces completion on any device
                }
            }, 3, 5, 1.0);
            return 2.0 * n * n * n / s / 1e9;
        }
    }

    private static double javaGflops(final int n) {
        var rnd = new Random(42);
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        float[] c = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextFloat();
            b[i] = rnd.nextFloat();
        }
        double s = Timing.medianSeconds(() -> {
            Arrays.fill(c, 0f);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    float aik = a[i * n + k];
                    int bRow = k * n;
                    int cRow = i * n;
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] += aik * b[bRow + j];
                    }
                }
            }
        }, 2, 3, 1.0);
        if (!Float.isFinite(c[n + 1])) {
            throw new IllegalStateException("reference product is not finite");
        }
        return 2.0 * n * n * n / s / 1e9;
    }
}
