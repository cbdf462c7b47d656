package dev.flowmatch.nodes.learner;

import static dev.flowmatch.nodes.NodeTables.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;

import dev.flowmatch.nodes.NodeDriver;
import dev.flowmatch.nodes.NodeTables;
import dev.flowmatch.nodes.port.FlowModelPortObject;
import dev.flowmatch.nodes.sampler.SamplerNodeFactory;

/**
 * Property conditioning through the nodes (the engine's ConditioningTest checks what is learnt): the learner takes
 * a numeric condition column and names the rows without a value; the model port lists its conditions; the sampler
 * takes a targets table, generates one molecule per row, repeats the targets, and names the rows it samples
 * without targets or outside the training range; bad tables are refused at configure time by name.
 */
class ConditioningNodeTest {

    private static FlowModelPortObject s_model;

    private static String s_learnerWarning;

    @BeforeAll
    static void train() throws Exception {
        var smiles = new ArrayList<>(NodeTables.SMALL);
        var in = withScores(NodeTables.smiles(smiles), i -> i == 3 ? Double.NaN : i % 2 == 0 ? 0 : 10);
        var d = LearnerAndSamplerNodeTest.learner(in);
        var s = d.saveSettings();
        ((NodeSettings)s.getNodeSettings("conditioning").getNodeSettings("columns")
            .getNodeSettings("manualFilter")).addStringArray("manuallySelected", "Score");
        d.loadSettings(s);
        s_model = (FlowModelPortObject)d.execute(in)[0];
        s_learnerWarning = d.getWarningMessage();
    }

    /** @return the table with a numeric column "Score" (a NaN score: a missing cell) */
    static BufferedDataTable withScores(final BufferedDataTable in, final java.util.function.IntToDoubleFunction score) {
        var spec = new DataTableSpec(in.getDataTableSpec(), new DataTableSpec(new DataColumnSpecCreator("Score",
            DoubleCell.TYPE).createSpec()));
        var rows = new ArrayList<DataRow>();
        int i = 0;
        for (var r : NodeTables.rows(in)) {
            double v = score.applyAsDouble(i++);
            rows.add(new DefaultRow(r.getKey(), r.getCell(0), r.getCell(1), Double.isNaN(v) ? DataType.getMissingCell()
                : new DoubleCell(v)));
        }
        return NodeDriver.createTable(spec, rows.toArray(DataRow[]::new));
    }

    static BufferedDataTable targets(final String column, final double... values) {
        var spec = new DataTableSpec(new DataColumnSpecCreator(column, DoubleCell.TYPE).createSpec());
        var rows = new ArrayList<DataRow>();
        for (int i = 0; i < values.length; i++) {
            rows.add(new DefaultRow("Target" + i, Double.isNaN(values[i]) ? DataType.getMissingCell()
                : new DoubleCell(values[i])));
        }
        return NodeDriver.createTable(spec, rows.toArray(DataRow[]::new));
    }

    @Test
    void theLearnerConditionsOnTheColumnAndNamesRowsWithoutAValue() {
        assertEquals(List.of("Score"), s_model.getSpec().conditions());
        assertTrue(s_learnerWarning != null && s_learnerWarning.contains("trained without their condition")
            && s_learnerWarning.contains("Row3") && s_learnerWarning.contains("no value in Score"), s_learnerWarning);
        assertTrue(s_model.getDescription().contains("Conditioned on Score 0..10"), s_model.getDescription());
    }

    @Test
    void theSamplerGeneratesOneMoleculePerTargetRowAndRepeatsTheTargets() throws Exception {
        var d = NodeDriver.of(new SamplerNodeFactory());
        var t = targets("Score", 0, 10, 25, Double.NaN);
        d.configure(s_model.getSpec(), t.getDataTableSpec());
        set(d, "solver", "EULER");
        set(d, "steps", 4);
        set(d, "guidance", 1.5);
        set(d, "device", "cpu");
        var out = (BufferedDataTable)d.execute(s_model, t)[0];
        assertEquals(4, out.size(), "one molecule per target row, whatever the molecule count says");
        assertEquals(10.0, ((DoubleCell)NodeTables.cell(out, 1, "Score (target)")).getDoubleValue());
        assertTrue(NodeTables.cell(out, 3, "Score (target)").isMissing());
        var w = d.getWarningMessage();
        assertTrue(w != null && w.contains("were sampled without targets") && w.contains("Target3")
            && w.contains("outside the training range") && w.contains("row \"Target2\": Score = 25.0 (trained on 0.0..10.0)"),
            w);
    }

    @Test
    void badTargetTablesAreRefusedByName() throws Exception {
        var d = NodeDriver.of(new SamplerNodeFactory());
        var wrong = targets("Weight", 1);
        var e = assertThrows(InvalidSettingsException.class, () -> d.configure(s_model.getSpec(),
            wrong.getDataTableSpec()));
        assertTrue(e.getMessage().contains("conditioned on [Score]; the table lacks Score"), e.getMessage());
        // an unconditional model takes no targets
        var plain = LearnerAndSamplerNodeTest.learner(NodeTables.smiles(NodeTables.SMALL));
        var model = (FlowModelPortObject)plain.execute(NodeTables.smiles(NodeTables.SMALL))[0];
        var f = assertThrows(InvalidSettingsException.class, () -> d.configure(model.getSpec(),
            targets("Score", 1).getDataTableSpec()));
        assertTrue(f.getMessage().contains("not conditioned on properties"), f.getMessage());
    }
}
