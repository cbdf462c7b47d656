package dev.flowmatch.engine.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.openscience.cdk.interfaces.IAtomContainer;

import com.google.gson.JsonObject;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import dev.flowmatch.engine.chem.Conformers;
import dev.flowmatch.engine.compute.SeededInitializer;
import dev.flowmatch.engine.compute.TorchRuntime;
import dev.flowmatch.engine.compute.ZipArchive;

/**
 * A message-passing (2D) or SchNet (3D) network with fixed weights, as a {@link FrozenEncoder}. Molecules
 * become heavy-atom graphs ({@link MolecularGraph}), are batched by size to keep padding small, and pass the
 * network in inference mode in a scoped manager per batch. The weights come from a file: the ones the project
 * trained and ships ({@link DefaultEncoders}) or any saved by {@link #save}. The version names the weights by
 * their SHA-256, so a model records exactly which encoder it was aligned to.
 */
public final class NeuralEncoder implements FrozenEncoder {

    static final String FORMAT = "flowmatch-encoder";

    static final int FORMAT_VERSION = 1;

    static final String HEADER = "encoder.json";

    static final String WEIGHTS = "weights.params";

    private static final int BATCH = 64;

    private final EncoderArchitecture m_architecture;

    private final String m_name;

    private final NDManager m_manager;

    private final AbstractBlock m_network;

    private final ParameterStore m_store;

    private String m_version;

    private final Map<String, String> m_provenance;

    private NeuralEncoder(final EncoderArchitecture architecture, final String name, final Device device,
        final Map<String, String> provenance) {
        m_architecture = architecture;
        m_name = name;
        m_provenance = provenance;
        m_manager = TorchRuntime.newManager(device);
        m_network = architecture.kind() == EncoderArchitecture.Kind.MPNN ? new MessagePassingNetwork(architecture)
            : new ContinuousFilterNetwork(architecture);
        m_store = new ParameterStore(m_manager, false);
    }

    /** @return an encoder with Java-seeded random weights (to be trained by {@code EncoderPretrainer}) */
    public static NeuralEncoder initialize(final EncoderArchitecture architecture, final String name, final long seed,
        final Device device) {
        var e = new NeuralEncoder(architecture, name, device, new LinkedHashMap<>());
        e.m_network.setInitializer(new SeededInitializer(seed), Parameter.Type.WEIGHT);
        e.m_network.initialize(e.m_manager, DataType.FLOAT32, e.inputShapes());
        e.m_version = "untrained";
        return e;
    }

    /** Reads an encoder file (from disk). */
    public static NeuralEncoder load(final Path file, final Device device) throws IOException {
        try (var in = java.nio.file.Files.newInputStream(file)) {
            return load(in, file, device);
        }
    }

    /** @param label what to call the source in messages */
    public static NeuralEncoder load(final InputStream in, final Path label, final Device device) throws IOException {
        var zip = ZipArchive.read(in, label, HEADER, java.util.Set.of(WEIGHTS));
        var json = zip.header(HEADER, FORMAT, FORMAT_VERSION);
        var architecture = zip.field(json, "architecture", EncoderArchitecture.class);
        if (!json.has("name")) {
            throw new IOException(label + ": the header lacks \"name\".");
        }
        var provenance = new LinkedHashMap<String, String>();
        if (json.has("provenance")) {
            json.getAsJsonObject("provenance").entrySet()
                .forEach(e -> provenance.put(e.getKey(), e.getValue().getAsString()));
        }
        var weights = zip.bytes(WEIGHTS);
        var e = new NeuralEncoder(architecture, json.get("name").getAsString(), device, provenance);
        try {
            e.m_network.initialize(e.m_manager, DataType.FLOAT32, e.inputShapes());
            ZipArchive.loadParameters(e.m_network, e.m_manager, weights);
        } catch (IOException | MalformedModelException | RuntimeException ex) {
            e.close();
            throw new IOException(label + ": the weights are damaged or do not fit the architecture " + architecture
                + ": " + ex.getMessage(), ex);
        }
        e.m_version = e.m_name + "@" + ZipArchive.sha256(weights).substring(0, 12); // first 6 bytes
        return e;
    }

    /** Writes the architecture, name, provenance (how the weights were made) and weights. */
    public void save(final Path file) throws IOException {
        var json = new JsonObject();
        json.addProperty("format", FORMAT);
        json.addProperty("version", FORMAT_VERSION);
        json.addProperty("name", m_name);
        json.add("architecture", ZipArchive.GSON.toJsonTree(m_architecture));
        json.add("provenance", ZipArchive.GSON.toJsonTree(m_provenance));
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put(WEIGHTS, ZipArchive.parameters(m_network));
        ZipArchive.write(file, HEADER, json, entries);
    }

    /** @return how the weights were made (command, data, objective, …); mutable until saved */
    public Map<String, String> provenance() {
        return m_provenance;
    }

    public EncoderArchitecture architecture() {
        return m_architecture;
    }

    /** @return the network, for pretraining; the encoder's contract is that nothing else changes it */
    public AbstractBlock network() {
        return m_network;
    }

    public NDManager manager() {
        return m_manager;
    }

    @Override
    public String name() {
        return m_name;
    }

    @Override
    public String version() {
        return m_version;
    }

    @Override
    public int dimension() {
        return m_architecture.width();
    }

    private boolean is3d() {
        return m_architecture.kind() == EncoderArchitecture.Kind.SCHNET;
    }

    @Override
    public String check(final IAtomContainer molecule) {
        if (missing3d(molecule) != null) {
            return missing3d(molecule);
        }
        try {
            MolecularGraph.of(molecule);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private String missing3d(final IAtomContainer molecule) {
        return is3d() && !Conformers.has3D(molecule) ? "it has no 3D coordinates (" + m_name
            + " is a 3D encoder)" : null;
    }

    /** @return the graph of every molecule; errors name the molecule */
    public List<MolecularGraph> graphs(final List<IAtomContainer> molecules) {
        var graphs = new ArrayList<MolecularGraph>(molecules.size());
        for (int i = 0; i < molecules.size(); i++) {
            var problem = missing3d(molecules.get(i));
            try {
                if (problem == null) {
                    graphs.add(MolecularGraph.of(molecules.get(i)));
                }
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
            if (problem != null) {
                throw new IllegalArgumentException(FrozenEncoder.describe(i, molecules.get(i)) + " cannot be encoded: "
                    + problem + ".");
            }
        }
        return graphs;
    }

    /**
     * @param manager where the inputs and outputs live (a scope of the caller)
     * @return molecule vectors [B, E] and atom vectors [B, N, E] for the graphs (padded to the largest)
     */
    public NDList forward(final ParameterStore store, final NDManager manager, final List<MolecularGraph> graphs,
        final boolean training) {
        var inputs = is3d() ? GraphBatch.points(manager, graphs) : GraphBatch.graphs(manager, graphs);
        return m_network.forward(store, inputs, training);
    }

    @Override
    public float[][] embed(final List<IAtomContainer> molecules) {
        var out = new float[molecules.size()][];
        run(graphs(molecules), (index, outputs, row) -> out[index] = BatchOutputs.molecule(outputs, row));
        return out;
    }

    @Override
    public boolean hasAtomEmbeddings() {
        return true;
    }

    @Override
    public List<float[][]> embedAtoms(final List<IAtomContainer> molecules) {
        var graphs = graphs(molecules);
        var out = new ArrayList<float[][]>(molecules.size());
        var heavy = new float[molecules.size()][][];
        run(graphs, (index, outputs, row) -> heavy[index] = BatchOutputs.atoms(outputs, row, graphs.get(index).size()));
        for (int i = 0; i < graphs.size(); i++) {
            var heavyOf = graphs.get(i).heavyOf();
            var rows = new float[heavyOf.length][];
            for (int a = 0; a < heavyOf.length; a++) {
                rows[a] = heavyOf[a] >= 0 ? heavy[i][heavyOf[a]].clone() : new float[dimension()];
            }
            out.add(rows);
        }
        return out;
    }

    /** Runs the network over size-sorted batches; hands each molecule's outputs to the sink. */
    private synchronized void run(final List<MolecularGraph> graphs, final BatchOutputs sink) {
        var order = IntStream.range(0, graphs.size()).boxed()
            .sorted(Comparator.comparingInt(i -> graphs.get(i).size())).mapToInt(Integer::intValue).toArray();
        for (int start = 0; start < order.length; start += BATCH) {
            int end = Math.min(order.length, start + BATCH);
            var batch = new ArrayList<MolecularGraph>(end - start);
            for (int k = start; k < end; k++) {
                batch.add(graphs.get(order[k]));
            }
            try (var scope = m_manager.newSubManager()) {
                var outputs = forward(m_store, scope, batch, false);
                for (int k = start; k < end; k++) {
                    sink.accept(order[k], outputs, k - start);
                }
            }
        }
    }

    private Shape[] inputShapes() {
        if (is3d()) {
            return new Shape[] {new Shape(1, 2, GraphBatch.SPECIES), new Shape(1, 2, 3), new Shape(1, 2)};
        }
        return new Shape[] {new Shape(1, 2, MolecularGraph.ATOM_FEATURES),
            new Shape(1, 2, 1, MolecularGraph.BOND_FEATURES), new Shape(1, 2, 1), new Shape(2), new Shape(1, 2)};
    }

    @Override
    public void close() {
        m_manager.close();
    }
}
