package dev.flowmatch.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Dispatches benchmarks/run NAME [ARGS] to the benchmark of that name. */
public final class Benchmarks {

    /** A benchmark: runs with its arguments, prints its table, returns the key=value summary line. */
    public interface Benchmark {
        String run(String[] args) throws Exception;
    }

    private static final Map<String, Supplier<Benchmark>> REGISTRY = new TreeMap<>(Map.ofEntries(
        Map.entry("conditional-qm9", ConditionalQm9Benchmark::new),
        Map.entry("djl-matmul", DjlMatmulBenchmark::new),
        Map.entry("encoders", EncodersBenchmark::new),
        Map.entry("marginal-memorization", MarginalMemorizationBenchmark::new),
        Map.entry("metrics", MetricsBenchmark::new),
        Map.entry("overfit", OverfitBenchmark::new),
        Map.entry("pretrain-encoders", PretrainEncodersBenchmark::new),
        Map.entry("qm9-quality", Qm9QualityBenchmark::new),
        Map.entry("qm9-reference-metrics", Qm9ReferenceMetricsBenchmark::new),
        Map.entry("qm9-report", Qm9ReportBenchmark::new),
        Map.entry("qm9-roundtrip", Qm9RoundtripBenchmark::new),
        Map.entry("repa-study", RepaStudyBenchmark::new),
        Map.entry("repa-study-2k", RepaStudy2kBenchmark::new),
        Map.entry("repa-step-cost", RepaStepCostBenchmark::new),
        Map.entry("pretrained-quality", PretrainedQualityBenchmark::new),
        Map.entry("sampler-study", SamplerStudyBenchmark::new),
        Map.entry("sampling", SamplingBenchmark::new),
        Map.entry("ship-model", ShipModelBenchmark::new),
        Map.entry("step-ratio", StepRatioBenchmark::new),
        Map.entry("train-qm9", TrainQm9Benchmark::new),
        Map.entry("twin-export", TwinTraining::export),
        Map.entry("twin-import", TwinTraining::load)));

    private Benchmarks() {
    }

    public static void main(final String[] args) throws Exception {
        var name = args[0];
        if (name.equals("list")) {
            REGISTRY.keySet().forEach(System.out::println);
            return;
        }
        var factory = REGISTRY.get(name);
        if (factory == null) {
            System.err.println("Unknown benchmark \"" + name + "\". Known: " + REGISTRY.keySet());
            System.exit(2);
        }
        var summary = factory.get().run(Arrays.copyOfRange(args, 1, args.length));
        System.out.println(name + ": " + summary);
    }
}
