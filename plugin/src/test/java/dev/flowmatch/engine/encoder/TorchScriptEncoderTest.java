package dev.flowmatch.engine.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openscience.cdk.interfaces.IAtomContainer;

import ai.djl.Device;

/**
 * TorchScript files written by the test itself (no Python) load through the encoder, and what they return is
 * checked against the same formula computed here from the molecules and the weights stored in the file.
 */
class TorchScriptEncoderTest {

    private static final String POINT_FORWARD = """
          def forward(self: __torch__.PointEncoder,
            z: Tensor,
            x: Tensor,
            mask: Tensor) -> Tensor:
            m = torch.unsqueeze(mask, -1)
            n = torch.sum(mask, [1], True)
            c = torch.div(torch.sum(torch.mul(x, m), [1], True), torch.unsqueeze(n, -1))
            r = torch.sqrt(torch.sum(torch.pow(torch.sub(x, c), 2), [-1], True))
            e = torch.embedding(self.w, z)
            a = torch.mul(torch.cat([e, r], -1), m)
            return torch.div(torch.sum(a, [1]), n)
        """;

    private static final String GRAPH_FORWARD = """
          def forward(self: __torch__.GraphEncoder,
            z: Tensor,
            bonds: Tensor,
            mask: Tensor) -> Tuple[Tensor, Tensor]:
            m = torch.unsqueeze(mask, -1)
            n = torch.sum(mask, [1], True)
            v = torch.sum(bonds, [-1], True)
            e = torch.embedding(self.w, z)
            a = torch.mul(torch.cat([e, v], -1), m)
            return (torch.div(torch.sum(a, [1]), n), a)
        """;

    @TempDir
    Path m_dir;

    private static float[] weights(final int rows, final int cols, final long seed) {
        var rnd = new Random(seed);
        var w = new float[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float)rnd.nextGaussian();
        }
        return w;
    }

    @Test
    void pointCloudModelRoundTrips() throws Exception {
        var file = m_dir.resolve("points.pt");
        var w = weights(10, 4, 1);
        TorchScriptArchive.write(file, "PointEncoder", POINT_FORWARD, w, 10, 4);
        var molecules = List.of(TestMolecules.conformer("CCO"), TestMolecules.conformer("c1ccncc1"),
            TestMolecules.conformer("C"));
        try (var enc = TorchScriptEncoder.load(file, TorchScriptEncoder.Input.POINT_CLOUD, Device.cpu())) {
            assertEquals(5, enc.dimension());
            assertFalse(enc.hasAtomEmbeddings());
            assertTrue(enc.version().startsWith("points.pt@"));
            var v = enc.embed(molecules);
            for (int i = 0; i < molecules.size(); i++) {
                var expected = pointOracle(molecules.get(i), w, 4);
                for (int k = 0; k < 5; k++) {
                    assertEquals(expected[k], v[i][k], 1e-5, "molecule " + i + " component " + k);
                }
            }
            var flat = TestMolecules.smiles("CCO");
            assertTrue(enc.check(flat).contains("no 3D coordinates"));
            var e = assertThrows(IllegalArgumentException.class, () -> enc.embed(List.of(molecules.get(0), flat)));
            assertTrue(e.getMessage().startsWith("Molecule 2 (CCO) cannot be encoded"), e.getMessage());
        }
    }

    @Test
    void graphModelWithAtomVectorsRoundTrips() throws Exception {
        var file = m_dir.resolve("graph.pt");
        var w = weights(10, 3, 2);
        TorchScriptArchive.write(file, "GraphEncoder", GRAPH_FORWARD, w, 10, 3);
        var molecules = TestMolecules.smiles("CC(=O)O", "c1ccccc1", "C#N");
        try (var enc = TorchScriptEncoder.load(file, TorchScriptEncoder.Input.GRAPH, Device.cpu())) {
            assertEquals(4, enc.dimension());
            assertTrue(enc.hasAtomEmbeddings());
            var v = enc.embed(molecules);
            var atoms = enc.embedAtoms(molecules);
            for (int i = 0; i < molecules.size(); i++) {
                var mol = molecules.get(i);
                var mean = new double[4];
                for (int a = 0; a < mol.getAtomCount(); a++) {
                    var atom = mol.getAtom(a);
                    double valence = 0;
                    for (var b : mol.getConnectedBondsList(atom)) {
                        valence += b.isAromatic() ? 1.5 : b.getOrder().numeric();
                    }
                    for (int k = 0; k < 4; k++) {
                        double x = k < 3 ? w[atom.getAtomicNumber() * 3 + k] : valence;
                        assertEquals(x, atoms.get(i)[a][k], 1e-5);
                        mean[k] += x / mol.getAtomCount();
                    }
                }
                for (int k = 0; k < 4; k++) {
                    assertEquals(mean[k], v[i][k], 1e-5);
                }
            }
        }
    }

    @Test
    void badFilesFailWithTheirName() throws Exception {
        var missing = m_dir.resolve("none.pt");
        assertTrue(assertThrows(IOException.class, () -> TorchScriptEncoder.load(missing,
            TorchScriptEncoder.Input.GRAPH, Device.cpu())).getMessage().contains("does not exist"));
        var junk = Files.writeString(m_dir.resolve("junk.pt"), "not a model");
        assertTrue(assertThrows(IOException.class, () -> TorchScriptEncoder.load(junk, TorchScriptEncoder.Input.GRAPH,
            Device.cpu())).getMessage().contains("junk.pt cannot be loaded as TorchScript"));
        // a model whose forward takes two inputs, not three: the probe call fails, named
        var file = m_dir.resolve("two.pt");
        TorchScriptArchive.write(file, "TwoInputs", """
              def forward(self: __torch__.TwoInputs,
                z: Tensor,
                x: Tensor) -> Tensor:
                return torch.sum(x, [1])
            """, weights(1, 1, 1), 1, 1);
        var e = assertThrows(IOException.class, () -> TorchScriptEncoder.load(file,
            TorchScriptEncoder.Input.POINT_CLOUD, Device.cpu()));
        assertTrue(e.getMessage().contains("two.pt: forward(z, coordinates, mask) failed on methane"), e.getMessage());
        // a model returning one number per molecule, not a vector: rejected by shape
        var scalar = m_dir.resolve("scalar.pt");
        TorchScriptArchive.write(scalar, "Scalar", """
              def forward(self: __torch__.Scalar,
                z: Tensor,
                x: Tensor,
                mask: Tensor) -> Tensor:
                return torch.sum(mask, [1])
            """, weights(1, 1, 1), 1, 1);
        e = assertThrows(IOException.class, () -> TorchScriptEncoder.load(scalar, TorchScriptEncoder.Input.POINT_CLOUD,
            Device.cpu()));
        assertTrue(e.getMessage().contains("forward must return [B, E]"), e.getMessage());
    }

    /** mean over atoms of [w[z], |x − centroid|] */
    private static double[] pointOracle(final IAtomContainer mol, final float[] w, final int cols) {
        int n = mol.getAtomCount();
        double cx = 0;
        double cy = 0;
        double cz = 0;
        for (var a : mol.atoms()) {
            cx += a.getPoint3d().x / n;
            cy += a.getPoint3d().y / n;
            cz += a.getPoint3d().z / n;
        }
        var out = new double[cols + 1];
        for (var a : mol.atoms()) {
            for (int k = 0; k < cols; k++) {
                out[k] += w[a.getAtomicNumber() * cols + k] / (double)n;
            }
            var p = a.getPoint3d();
            out[cols] += Math.sqrt((p.x - cx) * (p.x - cx) + (p.y - cy) * (p.y - cy) + (p.z - cz) * (p.z - cz)) / n;
        }
        return out;
    }

    /**
     * A .pt is a program: one that calls torch.from_file (it can create, overwrite and read files) is refused by name
     * before libtorch compiles or runs it, so the file it would create never appears; native operators too.
     */
    @Test
    void filesThatTouchFilesOrNativeLibrariesAreRefusedBeforeRunning() throws Exception {
        var target = m_dir.resolve("created-by-the-model.bin");
        var forward = """
              def forward(self: __torch__.EvilEncoder,
                z: Tensor,
                x: Tensor,
                mask: Tensor) -> Tensor:
                leak = torch.from_file("%s", True, 64)
                e = torch.embedding(self.w, z)
                return torch.sum(e, [1])
            """.formatted(target.toString().replace("\\", "/"));
        var file = m_dir.resolve("evil.pt");
        TorchScriptArchive.write(file, "EvilEncoder", forward, weights(10, 4, 1), 10, 4);
        var e = assertThrows(java.io.IOException.class, () -> TorchScriptEncoder.load(file,
            TorchScriptEncoder.Input.POINT_CLOUD, Device.cpu()));
        assertTrue(e.getMessage().contains("evil.pt: refused before loading") && e.getMessage().contains(
            "torch.from_file") && e.getMessage().contains("load only files you trust"), e.getMessage());
        assertFalse(java.nio.file.Files.exists(target), "the model ran: it created " + target);
        assertEquals(java.util.Set.of("ops.mylib.run", "torch.ops.other", "torch.classes.mylib"),
            TorchScriptInspection.refusedCalls("a = ops.mylib.run(x)\nb = torch.ops.other.f(x)\n"
                + "c = torch.classes.mylib.Thing()\nd = ops.aten.add(x, x)\ne = torch.mul(x, x)"));
    }

    private static final String SUM_FORWARD = """
          def forward(self: __torch__.Lying,
            z: Tensor,
            x: Tensor,
            mask: Tensor) -> Tensor:
            e = torch.embedding(self.w, z)
            return torch.sum(e, [1])
        """;

    /**
     * libtorch trusts a pickle's declared storage size and tensor view: declaring more than the record holds reads
     * memory past it (a crash of the JVM, or leftover heap as embedding values). Each lie is refused by name before
     * libtorch sees the file.
     */
    @Test
    void tensorsDeclaringMoreThanTheArchiveHoldsAreRefusedBeforeLoading() throws Exception {
        var w = weights(10, 4, 3);
        var cases = new Object[][] {
            {4_000_000, 10, "declares storage 0 of 4000000 elements (16000000 bytes), but its record holds 160 bytes"},
            {48, 12, "declares storage 0 of 48 elements (192 bytes), but its record holds 160 bytes"},
            {40, 12, "declares a tensor reaching element 48 of storage 0, which holds 40"}};
        for (var c : cases) {
            var file = m_dir.resolve("lying-" + c[0] + "-" + c[1] + ".pt");
            TorchScriptArchive.write(file, "Lying", SUM_FORWARD, w, 10, 4, (Integer)c[0], (Integer)c[1]);
            var e = assertThrows(IOException.class, () -> TorchScriptEncoder.load(file,
                TorchScriptEncoder.Input.POINT_CLOUD, Device.cpu()));
            assertTrue(e.getMessage().contains(file.getFileName() + ": model/data.pkl " + c[2])
                && e.getMessage().contains("refused before loading"), e.getMessage());
        }
        var honest = m_dir.resolve("honest.pt");
        TorchScriptArchive.write(honest, "Lying", SUM_FORWARD, w, 10, 4);
        try (var enc = TorchScriptEncoder.load(honest, TorchScriptEncoder.Input.POINT_CLOUD, Device.cpu())) {
            assertEquals(4, enc.dimension());
        }
    }

    /** The pickle reader sees exactly the storage and view the archive writer declared, and nothing else. */
    @Test
    void pickleDeclarationsAreReadWithoutRunningAnything() throws Exception {
        var file = m_dir.resolve("read.pt");
        TorchScriptArchive.write(file, "Lying", SUM_FORWARD, weights(10, 4, 3), 10, 4, 40, 10);
        byte[] pickle;
        try (var zip = new java.util.zip.ZipFile(file.toFile())) {
            pickle = zip.getInputStream(zip.getEntry("model/data.pkl")).readAllBytes();
        }
        var d = PickledStorages.read(pickle, "data.pkl");
        assertEquals(List.of(new PickledStorages.Storage("FloatStorage", "0", 40)), d.storages());
        assertEquals(1, d.views().size());
        assertEquals(0, d.views().get(0).offset());
        assertEquals(List.of(10L, 4L), java.util.Arrays.stream(d.views().get(0).size()).boxed().toList());
        assertEquals(List.of(4L, 1L), java.util.Arrays.stream(d.views().get(0).stride()).boxed().toList());
        // cut short, or an opcode outside the data-only set (0x96, BYTEARRAY8 of protocol 5): refused by name
        var cut = java.util.Arrays.copyOf(pickle, pickle.length / 2);
        assertTrue(assertThrows(IOException.class, () -> PickledStorages.read(cut, "cut.pkl")).getMessage()
            .startsWith("cut.pkl is malformed"));
        var odd = pickle.clone();
        odd[2] = (byte)0x96;
        assertTrue(assertThrows(IOException.class, () -> PickledStorages.read(odd, "odd.pkl")).getMessage()
            .contains("odd.pkl uses pickle opcode 0x96 at byte 2"));
    }

    /** Loops (the weight's first value) × (batch size)² times before answering: about 70 ns a turn. */
    private static final String LOOPING_FORWARD = """
          def forward(self: __torch__.Looping,
            z: Tensor,
            x: Tensor,
            mask: Tensor) -> Tensor:
            b = torch.size(z, 0)
            n = int(torch.select(torch.select(self.w, 0, 0), 0, 0)) * b * b
            i = 0
            while i < n:
              i = i + 1
            e = torch.embedding(self.w, z)
            return torch.sum(e, [1])
        """;

    private static Path looping(final Path dir, final float turns) throws IOException {
        var w = weights(10, 4, 5);
        w[0] = turns;
        var file = dir.resolve("looping-" + (long)turns + ".pt");
        TorchScriptArchive.write(file, "Looping", LOOPING_FORWARD, w, 10, 4);
        return file;
    }

    /** @return true from 300 ms after this call on: a user pressing cancel */
    private static java.util.function.BooleanSupplier cancelSoon() {
        long at = System.nanoTime() + 300_000_000L;
        return () -> System.nanoTime() > at;
    }

    /**
     * A .pt's code may never end, and libtorch cannot stop it: cancelling gives control back while it runs (here a
     * loop of a few seconds; without the cancellation the load would succeed after it), the encoder refuses further
     * work, and closing it leaves the still-running model alone instead of crashing the JVM.
     */
    @Test
    void codeThatDoesNotEndIsLeftBehindWhenCancelled() throws Exception {
        var slowLoad = looping(m_dir, 6e7f);
        var e = assertThrows(java.util.concurrent.CancellationException.class, () -> TorchScriptEncoder.load(slowLoad,
            TorchScriptEncoder.Input.POINT_CLOUD, Device.cpu(), cancelSoon()));
        assertTrue(e.getMessage().startsWith("TorchScript file looping-60000000.pt: loading was cancelled")
            && e.getMessage().contains("its thread runs on until this program ends"), e.getMessage());

        var slowBatch = looping(m_dir, 1e5f); // one molecule: 10^5 turns (milliseconds); a batch of 30: 9·10^7 (seconds)
        var molecules = new java.util.ArrayList<IAtomContainer>();
        for (int i = 0; i < 30; i++) {
            molecules.add(TestMolecules.conformer("CCO"));
        }
        var cancel = new java.util.concurrent.atomic.AtomicReference<java.util.function.BooleanSupplier>(() -> false);
        var enc = TorchScriptEncoder.load(slowBatch, TorchScriptEncoder.Input.POINT_CLOUD, Device.cpu(),
            () -> cancel.get().getAsBoolean());
        try {
            assertEquals(4, enc.embed(List.of(molecules.get(0)))[0].length);
            cancel.set(cancelSoon());
            var f = assertThrows(java.util.concurrent.CancellationException.class, () -> enc.embed(molecules));
            assertTrue(f.getMessage().contains("encoding molecules 1–30 was cancelled"), f.getMessage());
            var g = assertThrows(java.util.concurrent.CancellationException.class,
                () -> enc.embed(List.of(molecules.get(0))));
            assertTrue(g.getMessage().contains("cannot be used any more: encoding molecules 1–30 never returned"),
                g.getMessage());
        } finally {
            enc.close(); // must not free the model under the running loop
        }
    }

    /** A vector of NaN would pass as an embedding: the encoder fails for the batch, naming the reason. */
    @Test
    void nonFiniteOutputsAreRefused() throws Exception {
        var file = m_dir.resolve("infinite.pt");
        TorchScriptArchive.write(file, "Infinite", """
              def forward(self: __torch__.Infinite,
                z: Tensor,
                x: Tensor,
                mask: Tensor) -> Tensor:
                oxygens = torch.sum(torch.eq(z, 8), [1], True)
                e = torch.embedding(self.w, z)
                return torch.div(torch.sum(e, [1]), torch.rsub(oxygens, 1))
            """, weights(10, 4, 6), 10, 4);
        try (var enc = TorchScriptEncoder.load(file, TorchScriptEncoder.Input.POINT_CLOUD, Device.cpu())) {
            var ethanol = TestMolecules.conformer("CCO");
            var ethane = TestMolecules.conformer("CC");
            var e = assertThrows(IllegalArgumentException.class, () -> enc.embed(List.of(ethane, ethanol)));
            assertTrue(e.getMessage().endsWith("failed on molecules 1–2: it returned NaN or infinite values"),
                e.getMessage());
            var v = enc.embed(List.of(ethane))[0];
            for (float f : v) {
                assertTrue(Float.isFinite(f));
            }
        }
    }

    /**
     * plugin.tests/fixtures/looping-encoder.pt (the OSGi test of the cancel button loads it) holds exactly what
     * {@link #looping} writes for 3·10^5 turns: each entry compared. {@code -Dflowmatch.writeFixtures=true} rewrites it.
     */
    @Test
    void theCommittedLoopingFixtureIsWhatTheWriterMakes() throws Exception {
        var fresh = looping(m_dir, 3e5f);
        var fixture = Path.of("").toAbsolutePath().getParent().resolve("plugin.tests/fixtures/looping-encoder.pt");
        if (Boolean.getBoolean("flowmatch.writeFixtures")) {
            Files.createDirectories(fixture.getParent());
            Files.copy(fresh, fixture, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try (var a = new java.util.zip.ZipFile(fresh.toFile()); var b = new java.util.zip.ZipFile(fixture.toFile())) {
            var names = java.util.Collections.list(a.entries()).stream().map(java.util.zip.ZipEntry::getName).toList();
            assertEquals(names, java.util.Collections.list(b.entries()).stream().map(java.util.zip.ZipEntry::getName)
                .toList());
            for (var n : names) {
                assertTrue(java.util.Arrays.equals(a.getInputStream(a.getEntry(n)).readAllBytes(),
                    b.getInputStream(b.getEntry(n)).readAllBytes()), n);
            }
        }
    }
}
