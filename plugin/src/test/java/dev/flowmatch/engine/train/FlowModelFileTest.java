package dev.flowmatch.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.compute.ZipArchive;
import dev.flowmatch.engine.flow.solver.SolverKind;
import dev.flowmatch.engine.flow.solver.TimeGrid;

/** The model file round-trips exactly, and every kind of bad file fails with a message naming the problem. */
class FlowModelFileTest {

    @TempDir
    static Path s_dir;

    static Path s_file;

    @BeforeAll
    static void train() throws IOException {
        var cfg = TrainerTest.config(8).withPath(PathSettings.dataPrediction()).withRepa(RepaConfig.of(0.5, 1));
        try (var t = new Trainer(TrainerTest.representation(), TrainerTest.architecture(), cfg, 4, Device.cpu())) {
            t.train(TrainerTest.data(new AtomicInteger()), TrainingListener.none());
            try (var m = FlowModel.of(t, "test targets", Device.cpu())) {
                s_file = s_dir.resolve("model.fmz");
                m.save(s_file);
            }
        }
    }

    private static List<PointCloud> sample(final FlowModel m, final SolverKind kind) {
        var grid = kind == SolverKind.DOPRI5 ? kind.defaultGrid() : TimeGrid.uniform(10);
        var solver = kind == SolverKind.DOPRI5 ? new dev.flowmatch.engine.flow.solver.Dopri5Solver(1e-3, 1e-3, 200) : kind.create();
        return m.generate(new int[]{3, 5, 6, 4}, solver, grid, 17, 3).clouds();
    }

    @Test
    void savedAndLoadedModelSamplesIdentically() throws IOException {
        try (var a = FlowModel.load(s_file, Device.cpu()); var b = FlowModel.load(s_file, Device.cpu())) {
            for (var kind : SolverKind.values()) { // every solver integrates the network (data parametrization)
                var x = sample(a, kind);
                var y = sample(b, kind);
                for (int i = 0; i < x.size(); i++) {
                    assertArrayEquals(x.get(i).coords(), y.get(i).coords(), 0f, kind + " sample " + i);
                    assertArrayEquals(x.get(i).types(), y.get(i).types());
                    for (float v : x.get(i).coords()) {
                        assertTrue(Float.isFinite(v), kind + " produced a non-finite coordinate");
                    }
                }
                assertEquals(List.of(3, 5, 6, 4), x.stream().map(PointCloud::size).toList());
            }
            assertEquals(TrainerTest.representation(), a.representation());
            assertEquals(TrainerTest.architecture(), a.architecture());
            assertEquals(8, a.summary().steps());
            assertEquals(9, a.summary().trainingMolecules());
            assertTrue(a.describe().contains("REPA λ=0.5") && a.describe().contains("predicts DATA"), a.describe());
            var counts = a.sampleAtomCounts(200, new Random(1));
            assertTrue(java.util.Arrays.stream(counts).allMatch(c -> c >= 3 && c <= 6));
        }
    }

    /** A model file written before geometry-aware networks (no "geometry" in its architecture) loads as today's. */
    @Test
    void filesWithoutGeometryLoadAsTodaysNetwork() throws IOException {
        var header = new String[1];
        var old = rewrite("old.fmz", h -> {
            header[0] = h;
            return h.replaceAll(",\\s*\"geometry\": \\{[^}]*\\}", "");
        });
        assertTrue(header[0].contains("\"geometry\""), "today's files record the geometry");
        try (var a = FlowModel.load(old, Device.cpu()); var b = FlowModel.load(s_file, Device.cpu())) {
            assertEquals(dev.flowmatch.engine.model.Geometry.NONE, a.architecture().geometry());
            var x = sample(a, SolverKind.EULER);
            var y = sample(b, SolverKind.EULER);
            for (int i = 0; i < x.size(); i++) {
                assertArrayEquals(x.get(i).coords(), y.get(i).coords(), 0f);
            }
        }
    }

    /** A geometry-aware network trains, and its file round-trips exactly with its architecture recorded. */
    @Test
    void geometryAwareModelRoundTrips() throws IOException {
        var g = new dev.flowmatch.engine.model.Geometry(1.0, true,
            dev.flowmatch.engine.model.Geometry.CoordinateHead.BOTH, true);
        var arch = TrainerTest.architecture().withGeometry(g);
        var file = s_dir.resolve("geometry.fmz");
        try (var t = new Trainer(TrainerTest.representation(), arch, TrainerTest.config(6), 4, Device.cpu())) {
            t.train(TrainerTest.data(new AtomicInteger()), TrainingListener.none());
            try (var m = FlowModel.of(t, null, Device.cpu())) {
                m.save(file);
            }
        }
        try (var a = FlowModel.load(file, Device.cpu()); var b = FlowModel.load(file, Device.cpu())) {
            assertEquals(arch, a.architecture());
            assertTrue(a.describe().contains("distance attention bias, both coordinate head"), a.describe());
            var x = sample(a, SolverKind.HEUN);
            var y = sample(b, SolverKind.HEUN);
            for (int i = 0; i < x.size(); i++) {
                assertArrayEquals(x.get(i).coords(), y.get(i).coords(), 0f);
                for (float v : x.get(i).coords()) {
                    assertTrue(Float.isFinite(v));
                }
            }
        }
    }

    /** Weights trained elsewhere (the PyTorch twin) make the same sampler as the file they came from. */
    @Test
    void weightsByNameMakeTheSameModel() throws IOException {
        try (var a = FlowModel.load(s_file, Device.cpu())) {
            var weights = new java.util.HashMap<String, float[]>();
            for (var p : a.network().getParameters()) {
                if (p.getValue().requiresGradient()) {
                    weights.put(p.getKey(), p.getValue().getArray().toFloatArray());
                }
            }
            try (var b = FlowModel.ofWeights(a.representation(), a.architecture(), a.training(), a.summary(), a.curve(),
                weights, Device.cpu())) {
                var x = sample(a, SolverKind.HEUN);
                var y = sample(b, SolverKind.HEUN);
                for (int i = 0; i < x.size(); i++) {
                    assertArrayEquals(x.get(i).coords(), y.get(i).coords(), 0f, "sample " + i);
                }
            }
            var name = weights.keySet().iterator().next();
            var missing = new java.util.HashMap<>(weights);
            missing.remove(name);
            var e = assertThrows(IllegalArgumentException.class, () -> FlowModel.ofWeights(a.representation(),
                a.architecture(), a.training(), a.summary(), a.curve(), missing, Device.cpu()));
            assertTrue(e.getMessage().contains(name) && e.getMessage().contains("missing"), e.getMessage());
            var extra = new java.util.HashMap<>(weights);
            extra.put("notAParameter", new float[1]);
            e = assertThrows(IllegalArgumentException.class, () -> FlowModel.ofWeights(a.representation(),
                a.architecture(), a.training(), a.summary(), a.curve(), extra, Device.cpu()));
            assertTrue(e.getMessage().contains("notAParameter"), e.getMessage());
            var shorter = new java.util.HashMap<>(weights);
            shorter.put(name, new float[weights.get(name).length - 1]);
            e = assertThrows(IllegalArgumentException.class, () -> FlowModel.ofWeights(a.representation(),
                a.architecture(), a.training(), a.summary(), a.curve(), shorter, Device.cpu()));
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }

    @Test
    void theFileHoldsNoRepaProjector() throws IOException {
        try (var zip = new ZipFile(s_file.toFile())) {
            var names = zip.stream().map(java.util.zip.ZipEntry::getName).toList();
            assertEquals(List.of("model.json", "ema-weights.djl", "weights.ndlist"), names);
            var json = new String(zip.getInputStream(zip.getEntry("model.json")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(json.contains("\"format\": \"flowmatch-model\"") && json.contains("\"vocabulary\""), json);
        }
    }

    private static Path rewrite(final String name, final java.util.function.UnaryOperator<String> header)
        throws IOException {
        var entries = new LinkedHashMap<String, byte[]>();
        try (var zip = new ZipFile(s_file.toFile())) {
            for (var e : java.util.Collections.list(zip.entries())) {
                var bytes = zip.getInputStream(e).readAllBytes();
                if (e.getName().equals("model.json")) {
                    bytes = header.apply(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                entries.put(e.getName(), bytes);
            }
        }
        var out = s_dir.resolve(name);
        dev.flowmatch.engine.compute.ZipArchiveTest.writeRaw(out, entries);
        return out;
    }

    private static String failure(final Path file) {
        return assertThrows(IOException.class, () -> FlowModel.load(file, Device.cpu())).getMessage();
    }

    @Test
    void damagedOrForeignFilesGiveClearErrors() throws IOException {
        var missing = failure(s_dir.resolve("nope.fmz"));
        assertTrue(missing.contains("does not exist"), missing);

        var text = s_dir.resolve("text.fmz");
        Files.writeString(text, "hello");
        var notZip = failure(text);
        assertTrue(notZip.contains("text.fmz"), notZip);

        var bytes = Files.readAllBytes(s_file);
        var truncated = s_dir.resolve("truncated.fmz");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        var cut = failure(truncated);
        assertTrue(cut.contains("truncated.fmz"), cut);

        var newer = failure(rewrite("newer.fmz", h -> h.replace("\"version\": 1", "\"version\": 99")));
        assertTrue(newer.contains("version 99") && newer.contains("Update the extension"), newer);

        var foreign = failure(rewrite("foreign.fmz", h -> h.replace("flowmatch-model", "something-else")));
        assertTrue(foreign.contains("not a flowmatch-model file"), foreign);

        var badSetting = failure(rewrite("heads.fmz", h -> h.replace("\"heads\": 2", "\"heads\": 3")));
        assertTrue(badSetting.contains("architecture") && badSetting.contains("divisible by the head count 3"),
            badSetting);

        var wider = failure(rewrite("wider.fmz", h -> h.replace("\"width\": 16", "\"width\": 32")));
        assertTrue(wider.contains("weights are damaged or do not fit"), wider);

        // sizes beyond their ceilings are refused by name before any network is built (no integer overflow,
        // no gigabytes allocated for a 5 kB file)
        var huge = failure(rewrite("huge.fmz", h -> h.replace("\"width\": 16", "\"width\": 1000000")));
        assertTrue(huge.contains("huge.fmz") && huge.contains("\"architecture\"") && huge.contains("Width must be"
            + " 2..4096, got 1000000"), huge);
        var times = failure(rewrite("times.fmz", h -> h.replace("\"timeFeatures\": 8", "\"timeFeatures\": 100000000")));
        assertTrue(times.contains("Time features must be even and 2..4096"), times);
        var atoms = failure(rewrite("atoms.fmz", h -> h.replaceFirst("\"maxAtoms\": \\d+", "\"maxAtoms\": 5000")));
        assertTrue(atoms.contains("\"representation\"") && atoms.contains("max atoms 5000 is beyond"), atoms);

        var lost = failure(rewrite("lost.fmz", h -> h.replace("\"training\"", "\"trainingX\"")));
        assertTrue(lost.contains("lacks \"training\""), lost);
    }

    /**
     * A hostile model file cannot make loading inflate or allocate more than its own declared network needs: a
     * weights entry declared (and stored) as a gigabyte of zeros, one megabyte on disk, is refused before it is
     * inflated; an architecture beyond the parameter ceiling before anything is allocated. Resident memory grows by
     * less than 256 MB over both.
     */
    @Test
    void hostileFilesAreBoundedByTheirOwnArchitecture() throws IOException {
        long before = residentBytes();
        String header;
        try (var zip = new ZipFile(s_file.toFile())) {
            header = new String(zip.getInputStream(zip.getEntry("model.json")).readAllBytes(), StandardCharsets.UTF_8);
        }
        long gib = 1L << 30;
        var json = com.google.gson.JsonParser.parseString(header).getAsJsonObject();
        var listed = json.getAsJsonObject("entries").getAsJsonObject("ema-weights.djl");
        listed.addProperty("size", gib);
        var bomb = s_dir.resolve("bomb.fmz");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(bomb))) {
            zip.setLevel(9);
            zip.putNextEntry(new java.util.zip.ZipEntry("model.json"));
            zip.write(json.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new java.util.zip.ZipEntry("ema-weights.djl"));
            var zeros = new byte[1 << 20];
            for (long n = 0; n < gib; n += zeros.length) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertTrue(Files.size(bomb) < 2 << 20, "about a megabyte on disk: " + Files.size(bomb));
        var e = failure(bomb);
        assertTrue(e.contains("bomb.fmz: entry \"ema-weights.djl\" declares 1073741824 bytes, but the architecture in"
            + " model.json needs at most ") && e.contains("refused before inflating it"), e);
        // the same through the bytes of a port object
        var port = assertThrows(IOException.class, () -> FlowModel.load(new java.io.ByteArrayInputStream(
            Files.readAllBytes(bomb)), Path.of("the model port object"), Device.cpu())).getMessage();
        assertTrue(port.startsWith("the model port object: entry \"ema-weights.djl\" declares"), port);
        var giant = failure(rewrite("giant.fmz", h -> h.replace("\"width\": 16", "\"width\": 4096")
            .replace("\"depth\": 2", "\"depth\": 64")));
        assertTrue(giant.contains("giant.fmz") && giant.contains("at most 50,000,000 are accepted"), giant);
        long grown = residentBytes() - before;
        assertTrue(grown < 256L << 20, "resident memory grew by " + (grown >> 20) + " MB");
    }

    /** @return this process's resident memory (Java heap and native), from Linux's /proc */
    private static long residentBytes() throws IOException {
        for (var line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }

    /** Rewrites the model file with one entry's bytes changed (header untouched). */
    private static Path tamper(final String name, final String entry,
        final java.util.function.UnaryOperator<byte[]> change) throws IOException {
        var entries = new LinkedHashMap<String, byte[]>();
        try (var zip = new ZipFile(s_file.toFile())) {
            for (var e : java.util.Collections.list(zip.entries())) {
                var bytes = zip.getInputStream(e).readAllBytes();
                entries.put(e.getName(), e.getName().equals(entry) ? change.apply(bytes) : bytes);
            }
        }
        var out = s_dir.resolve(name);
        dev.flowmatch.engine.compute.ZipArchiveTest.writeRaw(out, entries);
        return out;
    }

    @Test
    void damagedWeightsAndHistogramsAreRejectedAtLoadByFileAndField() throws IOException {
        var flipped = failure(tamper("flipped.fmz", "ema-weights.djl", b -> {
            var c = b.clone();
            c[c.length / 2] ^= 0x10; // one bit of one weight
            return c;
        }));
        assertTrue(flipped.contains("flipped.fmz") && flipped.contains("ema-weights.djl")
            && flipped.contains("SHA-256"), flipped);
        var nan = s_dir.resolve("nan.fmz"); // a well-formed file whose weights are NaN (a diverged training)
        try (var m = FlowModel.load(s_file, Device.cpu())) {
            var w = m.network().getParameters().get(0).getValue().getArray();
            var values = new float[(int)w.size()];
            java.util.Arrays.fill(values, Float.NaN);
            w.set(java.nio.FloatBuffer.wrap(values));
            m.save(nan);
        }
        var nanMessage = failure(nan);
        assertTrue(nanMessage.contains("nan.fmz") && nanMessage.contains("NaN or infinite"), nanMessage);
        var cut = failure(tamper("cut.fmz", "ema-weights.djl", b -> java.util.Arrays.copyOf(b, b.length - 100)));
        assertTrue(cut.contains("cut.fmz") && cut.contains("ema-weights.djl") && cut.contains("truncated"), cut);
        var zero = failure(rewrite("zero-histogram.fmz", h -> {
            var m = java.util.regex.Pattern.compile("(?s)\"atomCounts\": \\[[^\\]]*\\]").matcher(h);
            assertTrue(m.find(), h);
            return h.substring(0, m.start()) + m.group().replaceAll("\\d+", "0") + h.substring(m.end());
        }));
        assertTrue(zero.contains("zero-histogram.fmz") && zero.contains("representation")
            && zero.contains("histogram is all zero"), zero);
        var vocabulary = failure(rewrite("vocabulary.fmz", h -> h.replaceFirst("\"C\"", "\"Qq\"")));
        assertTrue(vocabulary.contains("vocabulary.fmz") && vocabulary.contains("vocabulary"), vocabulary);
    }
}
