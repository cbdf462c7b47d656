package dev.flowmatch.nodes;

import static dev.flowmatch.nodes.NodeTables.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.node.BufferedDataTable;
import dev.flowmatch.nodes.NodeDriver;

import dev.flowmatch.nodes.embed.EmbedNodeFactory;
import dev.flowmatch.nodes.learner.LearnerNodeFactory;
import dev.flowmatch.nodes.metrics.MetricsNodeFactory;
import dev.flowmatch.nodes.path.PathNodeFactory;
import dev.flowmatch.nodes.port.FlowModelPortObject;
import dev.flowmatch.nodes.sampler.SamplerNodeFactory;

/**
 * The whole chain as a workflow wires it: path samples of the data, embeddings, training with REPA on the
 * embedding column, sampling, and metrics of the generated molecules against the training set.
 */
class FullChainTest {

    @Test
    void pathEmbedLearnWithRepaSampleAndMeasure() throws Exception {
        long start = System.nanoTime();
        var smiles = new ArrayList<>(NodeTables.SMALL);
        smiles.addAll(List.of("CCOC", "CC(N)C", "OC=O", "CC=C", "NCCO", "CN(C)C", "OCC#C", "C1CCOC1"));
        var data = NodeTables.smiles(smiles);

        var path = NodeDriver.of(new PathNodeFactory());
        path.configure(data.getDataTableSpec());
        var samples = (BufferedDataTable)path.execute(data)[0];
        assertEquals(smiles.size(), samples.size());

        var embed = NodeDriver.of(new EmbedNodeFactory());
        embed.configure(data.getDataTableSpec());
        set(embed, "encoder/kind", "MPNN");
        var embedded = (BufferedDataTable)embed.execute(data)[0];
        assertTrue(embedded.getDataTableSpec().containsName("MPNN embedding"));

        var learn = NodeDriver.of(new LearnerNodeFactory());
        learn.configure(embedded.getDataTableSpec());
        NodeTables.tinyModel(learn, 4);
        set(learn, "repa/enabled", true);
        set(learn, "repa/layer", 1);
        set(learn, "repa/tMin", 0.5);
        set(learn, "repa/targets", "COLUMN");
        set(learn, "repa/targetColumn", "MPNN embedding");
        var learned = learn.execute(embedded);
        var model = (FlowModelPortObject)learned[0];
        var curve = NodeTables.rows((BufferedDataTable)learned[1]);
        assertEquals(4, curve.size());
        assertFalse(curve.get(3).getCell(5).isMissing(), "REPA loss recorded");
        double cosine = ((DoubleValue)curve.get(3).getCell(6)).getDoubleValue();
        assertTrue(cosine > -1 && cosine <= 1, "alignment cosine " + cosine);
        assertEquals("column \"MPNN embedding\", centred", model.getSpec().repaEncoder(), "centred by default");

        var sampler = NodeDriver.of(new SamplerNodeFactory());
        sampler.configure(model.getSpec());
        set(sampler, "molecules", 24);
        set(sampler, "solver", "EULER");
        set(sampler, "steps", 20);
        var generated = (BufferedDataTable)sampler.execute(model)[0];
        assertEquals(24, generated.size());

        var metrics = NodeDriver.of(new MetricsNodeFactory());
        metrics.configure(generated.getDataTableSpec(), data.getDataTableSpec());
        var out = metrics.execute(generated, data);
        var row = (BufferedDataTable)out[0];
        assertEquals(1, row.size());
        assertEquals(24, ((IntValue)NodeTables.cell(row, 0, "Molecules")).getIntValue());
        double validity = ((DoubleValue)NodeTables.cell(row, 0, "Validity")).getDoubleValue();
        assertTrue(validity >= 0 && validity <= 1, "validity " + validity);
        assertEquals(24, ((BufferedDataTable)out[1]).size());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("full chain: %.1f s, validity of 24 generated molecules %.3f%n", seconds, validity);
    }
}
