package dev.flowmatch.nodes.pretrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import dev.flowmatch.nodes.NodeDriver;

import ai.djl.Device;
import dev.flowmatch.engine.pretrained.PretrainedModels;
import dev.flowmatch.engine.train.FlowModel;
import dev.flowmatch.nodes.NodeTables;
import dev.flowmatch.nodes.port.FlowModelPortObject;
import dev.flowmatch.nodes.sampler.SamplerNodeFactory;

/** The Pretrained Flow Model node: a shipped model on the port, sampled like a trained one. */
public class PretrainedNodeTest {

    /** @return the shipped model with this id, from the node */
    public static FlowModelPortObject model(final String id) throws Exception {
        var d = NodeDriver.of(new PretrainedNodeFactory());
        NodeTables.set(d, "model", id);
        return (FlowModelPortObject)d.execute()[0];
    }

    private static BufferedDataTable sample(final FlowModelPortObject model, final long seed) throws Exception {
        var d = NodeDriver.of(new SamplerNodeFactory());
        d.configure(model.getSpec());
        NodeTables.set(d, "molecules", 24);
        NodeTables.set(d, "solver", "EULER");
        NodeTables.set(d, "steps", 8);
        NodeTables.set(d, "seed", seed);
        NodeTables.set(d, "device", "cpu");
        return (BufferedDataTable)d.execute(model)[0];
    }

    @Test
    void outputsTheShippedFileAndSamplesAsTheModelFileLoadedDirectly() throws Exception {
        var shipped = PretrainedModels.list();
        assertFalse(shipped.isEmpty(), "the plugin ships at least one model");
        var entry = shipped.get(0);
        var port = model(entry.id());
        var bytes = PretrainedModels.bytes(entry);
        assertArrayEquals(bytes, port.fileBytes(), "the port holds the shipped file byte for byte");
        // the same file, loaded by the engine from disk and put on a port the way the learner does
        var file = Files.createTempFile("shipped", ".zip");
        FlowModelPortObject direct;
        try {
            Files.write(file, bytes);
            try (var model = FlowModel.load(file, Device.cpu())) {
                direct = FlowModelPortObject.of(model);
                assertTrue(port.getSummary().contains(String.format(java.util.Locale.ROOT, "%,d parameters",
                    model.summary().parameters())), port.getSummary());
            }
        } finally {
            Files.deleteIfExists(file);
        }
        assertEquals(direct.getSpec(), port.getSpec());
        var a = NodeTables.rows(sample(port, 5));
        var b = NodeTables.rows(sample(direct, 5));
        assertEquals(24, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(b.get(i).getCell(0), a.get(i).getCell(0), "SDF of molecule " + i);
        }
        var other = NodeTables.rows(sample(port, 6));
        int same = 0;
        for (int i = 0; i < a.size(); i++) {
            same += a.get(i).getCell(0).equals(other.get(i).getCell(0)) ? 1 : 0;
        }
        assertTrue(same < a.size(), "another seed, other molecules");
    }

    @Test
    void dropdownOffersTheShippedModelsAndAnUnknownIdIsNamed() throws Exception {
        var choices = new PretrainedNodeParameters.ShippedModels().computeState(null);
        assertEquals(PretrainedModels.list().stream().map(m -> m.id()).toList(),
            choices.stream().map(c -> c.id()).toList());
        assertEquals(PretrainedModels.list().get(0).title(), choices.get(0).text());
        var d = NodeDriver.of(new PretrainedNodeFactory());
        var e = assertThrows(InvalidSettingsException.class, () -> NodeTables.set(d, "model", "no-such-model"));
        assertTrue(e.getMessage().contains("no-such-model") && e.getMessage().contains(PretrainedModels.list().get(0)
            .id()), e.getMessage());
    }
}
