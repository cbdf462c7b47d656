package dev.flowmatch.engine.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import dev.flowmatch.engine.chem.Conformers;
import dev.flowmatch.engine.compute.NativeWork;
import dev.flowmatch.engine.compute.TorchRuntime;

/**
 * A user's TorchScript model (a {@code .pt} file from {@code torch.jit.script} or {@code torch.jit.trace}, e.g.
 * an exported MACE or Chemprop model wrapped to this contract) as a frozen encoder.
 *
 * <p>Input contract: {@code forward(z, second, mask)} for a batch of B molecules padded to N atoms, all atoms
 * as given (explicit hydrogens included when the molecule has them), in the molecule's atom order:
 * <ul>
 * <li>{@code z}: int64 [B, N], atomic numbers, 0 on padding;</li>
 * <li>{@code second}: {@link Input#POINT_CLOUD}: float32 [B, N, 3] coordinates in Å (0 on padding);
 * {@link Input#GRAPH}: float32 [B, N, N] bond orders (1, 2, 3; 1.5 aromatic; 0 = no bond);</li>
 * <li>{@code mask}: float32 [B, N], 1 for real atoms.</li>
 * </ul>
 * Output: a float tensor [B, E] of molecule vectors, or a tuple ([B, E], [B, N, E]) with per-atom vectors too.
 * The dimension E is read from a probe call (methane) when the file is loaded, so a model that breaks the
 * contract fails at once with PyTorch's message.
 */
public final class TorchScriptEncoder implements FrozenEncoder {

    /** What the second input tensor holds. */
    public enum Input {
        /** Coordinates [B, N, 3]: for 3D models (SchNet, MACE, …). */
        POINT_CLOUD,
        /** Bond-order matrix [B, N, N]: for 2D graph models. */
        GRAPH
    }

    private static final int BATCH = 64;

    private final Path m_file;

    private final Input m_input;

    private final Model m_model;

    private final ParameterStore m_store;

    private final String m_version;

    private final int m_dimension;

    private final boolean m_atoms;

    /** The thread every call of the file's code runs on; set once loaded. */
    private NativeWork m_work;

    private BooleanSupplier m_cancelled = () -> false;

    /** Longest a file may take to load and answer the probe. */
    static final Duration LOAD_LIMIT = Duration.ofMinutes(5);

    /** Longest one batch of {@value #BATCH} molecules may take. */
    static final Duration BATCH_LIMIT = Duration.ofMinutes(10);

    private TorchScriptEncoder(final Path file, final Input input, final Model model, final String version,
        final int dimension, final boolean atoms) {
        m_file = file;
        m_input = input;
        m_model = model;
        m_store = new ParameterStore(model.getNDManager(), false);
        m_version = version;
        m_dimension = dimension;
        m_atoms = atoms;
    }

    /** As {@link #load(Path, Input, Device, BooleanSupplier)}, never cancelled. */
    public static TorchScriptEncoder load(final Path file, final Input input, final Device device)
        throws IOException {
        return load(file, input, device, () -> false);
    }

    /**
     * Loads the file and calls it once on methane, on a thread of its own: loading compiles and runs the file's
     * code, which may never end; cancellation and {@link #LOAD_LIMIT} give control back (see {@link NativeWork}).
     *
     * @param cancelled polled while loading and, later, while encoding (a node's cancel button)
     * @throws IOException naming the file when it is missing, not TorchScript, or its forward breaks the contract
     * @throws java.util.concurrent.CancellationException when cancelled or past the limit
     */
    public static TorchScriptEncoder load(final Path file, final Input input, final Device device,
        final BooleanSupplier cancelled) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("TorchScript file " + file + " does not exist.");
        }
        if (!Files.isRegularFile(file)) { // a folder, or a pipe that could block loading for ever
            throw new IOException("TorchScript file " + file + " is not a regular file (a folder, pipe or device).");
        }
        TorchScriptInspection.check(file); // before libtorch compiles and runs any of it
        var work = new NativeWork("TorchScript file " + file.getFileName());
        try {
            var encoder = work.call(() -> loadHere(file, input, device), cancelled, LOAD_LIMIT, "loading");
            encoder.m_work = work;
            encoder.m_cancelled = cancelled;
            return encoder;
        } catch (IOException | RuntimeException e) {
            work.close();
            throw e;
        } catch (Exception e) {
            work.close();
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Loads and probes on the calling thread (the encoder's own). */
    private static TorchScriptEncoder loadHere(final Path file, final Input input, final Device device)
        throws IOException {
        var model = TorchRuntime.engine().newModel("torchscript-encoder", device);
        String sha;
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            model.load(in);
            in.transferTo(java.io.OutputStream.nullOutputStream());
            sha = HexFormat.of().formatHex(((DigestInputStream)in).getMessageDigest().digest(), 0, 6);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new IOException(file + " cannot be loaded as TorchScript: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            model.close();
            throw new IllegalStateException(e);
        }
        var probe = new TorchScriptEncoder(file, input, model, null, 0, false);
        try (var scope = model.getNDManager().newSubManager()) {
            var methane = Probe.methane();
            var out = probe.forward(scope, List.of(methane));
            var mol = out.get(0);
            if (mol.getShape().dimension() != 2 || mol.getShape().get(0) != 1) {
                throw new IOException(file + ": forward must return [B, E] (or ([B, E], [B, N, E])); for one molecule"
                    + " it returned " + mol.getShape() + ".");
            }
            int dimension = (int)mol.getShape().get(1);
            boolean atoms = out.size() > 1;
            if (atoms && !out.get(1).getShape().equals(new Shape(1, methane.getAtomCount(), dimension))) {
                throw new IOException(file + ": the per-atom output has shape " + out.get(1).getShape() + ", expected "
                    + new Shape(1, methane.getAtomCount(), dimension) + ".");
            }
            var name = file.getFileName().toString();
            return new TorchScriptEncoder(file, input, model, name + "@" + sha, dimension, atoms);
        } catch (IOException e) {
            model.close();
            throw e;
        } catch (RuntimeException e) {
            model.close();
            throw new IOException(file + ": forward(z, " + (input == Input.GRAPH ? "bond orders" : "coordinates")
                + ", mask) failed on methane: " + e.getMessage(), e);
        }
    }

    /** A one-molecule probe: methane with explicit hydrogens and tetrahedral coordinates. */
    private static final class Probe {
        static IAtomContainer methane() {
            var b = org.openscience.cdk.silent.SilentChemObjectBuilder.getInstance();
            var m = b.newAtomContainer();
            double s = 0.629;
            double[][] p = {{0, 0, 0}, {s, s, s}, {-s, -s, s}, {-s, s, -s}, {s, -s, -s}};
            for (int i = 0; i < p.length; i++) {
                var a = b.newInstance(org.openscience.cdk.interfaces.IAtom.class, i == 0 ? "C" : "H");
                a.setPoint3d(new javax.vecmath.Point3d(p[i][0], p[i][1], p[i][2]));
                a.setImplicitHydrogenCount(0);
                m.addAtom(a);
                if (i > 0) {
                    m.addBond(0, i, IBond.Order.SINGLE);
                }
            }
            return m;
        }
    }

    @Override
    public String name() {
        return "TorchScript " + m_file.getFileName();
    }

    @Override
    public String version() {
        return m_version;
    }

    @Override
    public int dimension() {
        return m_dimension;
    }

    /** @return the contract this file was loaded with */
    public Input input() {
        return m_input;
    }

    @Override
    public String check(final IAtomContainer molecule) {
        if (FrozenEncoder.super.check(molecule) != null) {
            return FrozenEncoder.super.check(molecule);
        }
        if (m_input == Input.POINT_CLOUD && !Conformers.has3D(molecule)) {
            return "it has no 3D coordinates (" + name() + " takes coordinates)";
        }
        for (var a : molecule.atoms()) {
            if (a.getAtomicNumber() == null) {
                return "atom " + (a.getIndex() + 1) + " (" + a.getSymbol() + ") has no atomic number";
            }
        }
        return null;
    }

    @Override
    public float[][] embed(final List<IAtomContainer> molecules) {
        var out = new float[molecules.size()][];
        run(molecules, (i, outputs, row) -> out[i] = BatchOutputs.molecule(outputs, row));
        return out;
    }

    @Override
    public boolean hasAtomEmbeddings() {
        return m_atoms;
    }

    @Override
    public List<float[][]> embedAtoms(final List<IAtomContainer> molecules) {
        if (!m_atoms) {
            return FrozenEncoder.super.embedAtoms(molecules);
        }
        var rows = new float[molecules.size()][][];
        run(molecules,
            (i, outputs, row) -> rows[i] = BatchOutputs.atoms(outputs, row, molecules.get(i).getAtomCount()));
        return List.of(rows);
    }

    private synchronized void run(final List<IAtomContainer> molecules, final BatchOutputs sink) {
        for (int i = 0; i < molecules.size(); i++) {
            var problem = check(molecules.get(i));
            if (problem != null) {
                throw new IllegalArgumentException(FrozenEncoder.describe(i, molecules.get(i)) + " cannot be encoded: "
                    + problem + ".");
            }
        }
        for (int start = 0; start < molecules.size(); start += BATCH) {
            int first = start;
            int end = Math.min(molecules.size(), start + BATCH);
            var step = String.format(Locale.ROOT, "encoding molecules %d–%d", start + 1, end);
            try {
                m_work.call(() -> {
                    try (var scope = m_model.getNDManager().newSubManager()) {
                        var outputs = forward(scope, molecules.subList(first, end));
                        for (int k = first; k < end; k++) {
                            sink.accept(k, outputs, k - first);
                        }
                    }
                    return null;
                }, m_cancelled, BATCH_LIMIT, step);
            } catch (java.util.concurrent.CancellationException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s failed on molecules %d–%d: %s",
                    name(), start + 1, end, e.getMessage()), e);
            }
        }
    }

    private NDList forward(final NDManager scope, final List<IAtomContainer> molecules) {
        int b = molecules.size();
        int n = 1;
        for (var m : molecules) {
            n = Math.max(n, m.getAtomCount());
        }
        var z = new long[b * n];
        var mask = new float[b * n];
        var second = new float[m_input == Input.GRAPH ? b * n * n : b * n * 3];
        for (int i = 0; i < b; i++) {
            var m = molecules.get(i);
            for (int a = 0; a < m.getAtomCount(); a++) {
                var atom = m.getAtom(a);
                z[i * n + a] = atom.getAtomicNumber();
                mask[i * n + a] = 1;
                if (m_input == Input.POINT_CLOUD) {
                    var p = atom.getPoint3d();
                    second[(i * n + a) * 3] = (float)p.x;
                    second[(i * n + a) * 3 + 1] = (float)p.y;
                    second[(i * n + a) * 3 + 2] = (float)p.z;
                }
            }
            if (m_input == Input.GRAPH) {
                for (var bond : m.bonds()) {
                    int u = bond.getBegin().getIndex();
                    int v = bond.getEnd().getIndex();
                    float order = bond.isAromatic() ? 1.5f : bond.getOrder() == null ? 1f : bond.getOrder().numeric();
                    second[(i * n + u) * n + v] = order;
                    second[(i * n + v) * n + u] = order;
                }
            }
        }
        var inputs = new NDList(scope.create(z, new Shape(b, n)),
            scope.create(second, m_input == Input.GRAPH ? new Shape(b, n, n) : new Shape(b, n, 3)),
            scope.create(mask, new Shape(b, n)));
        var out = m_model.getBlock().forward(m_store, inputs, false);
        var result = new NDList();
        for (var o : out) {
            o.attach(scope);
            var f = o.getDataType() == DataType.FLOAT32 ? o : o.toType(DataType.FLOAT32, false);
            if (f.isNaN().any().getBoolean() || f.isInfinite().any().getBoolean()) {
                // a vector of NaN would pass as an embedding and poison every distance computed from it
                throw new IllegalArgumentException("it returned NaN or infinite values");
            }
            result.add(f);
        }
        return result;
    }

    @Override
    public void close() {
        if (m_work == null || !m_work.abandoned()) { // an abandoned call still runs the model's code: freeing it would crash the JVM
            m_model.close();
        }
        if (m_work != null) {
            m_work.close();
        }
    }
}
