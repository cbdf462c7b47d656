package dev.flowmatch.nodes.learner;

import static dev.flowmatch.nodes.NodeTables.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.core.data.def.IntCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import dev.flowmatch.nodes.NodeDriver;

import dev.flowmatch.nodes.NodeTables;
import dev.flowmatch.nodes.port.FlowModelPortObject;
import dev.flowmatch.nodes.port.FlowModelPortObjectSpec;
import dev.flowmatch.nodes.sampler.SamplerNodeFactory;

/** The learner and the sampler on a small molecule set, with the real engine; the model port saved and loaded. */
class LearnerAndSamplerNodeTest {

    private static FlowModelPortObject s_model;

    private static BufferedDataTable s_curve;

    private static String s_warning;

    /** A tiny, fast model: these tests check the plumbing, the engine's own tests check the learning. */
    static NodeDriver<LearnerNodeModel> learner(final BufferedDataTable in) throws Exception {
        var d = NodeDriver.of(new LearnerNodeFactory());
        d.configure(in.getDataTableSpec());
        NodeTables.tinyModel(d, 3);
        return d;
    }

    @BeforeAll
    static void train() throws Exception {
        var smiles = new ArrayList<>(NodeTables.SMALL);
        smiles.add(null); // missing cell
        smiles.add("C1CC"); // invalid SMILES
        smiles.add("CCCCCCCCCCCC"); // 38 atoms with H: above the maximum set below
        var in = NodeTables.smiles(smiles);
        var d = learner(in);
        set(d, "representation/maxAtoms", 20);
        var out = d.execute(in);
        s_model = (FlowModelPortObject)out[0];
        s_curve = (BufferedDataTable)out[1];
        s_warning = d.getWarningMessage();
    }

    @Test
    void curveHasOneRowPerEpochAndTheWarningNamesEverySkippedRow() {
        assertEquals(3, s_curve.size());
        var rows = NodeTables.rows(s_curve);
        for (int e = 0; e < 3; e++) {
            assertEquals(e + 1, ((IntCell)rows.get(e).getCell(0)).getIntValue());
            assertTrue(rows.get(e).getCell(5).isMissing(), "no REPA loss without REPA");
            assertFalse(rows.get(e).getCell(2).isMissing(), "loss");
        }
        assertTrue(s_warning.startsWith("3 of 19 rows were not used for training"), s_warning);
        assertTrue(s_warning.contains("Row16") && s_warning.contains("Row17") && s_warning.contains("Row18"),
            s_warning);
        assertTrue(s_warning.contains("more than the maximum of 20"), s_warning);
    }

    @Test
    void modelSpecDescribesTheRepresentation() {
        var spec = s_model.getSpec();
        assertEquals(List.of("H", "C", "N", "O", "F"), spec.vocabulary(), "by atomic number");
        assertTrue(spec.explicitHydrogens());
        assertEquals(20, spec.maxAtoms(), "the user's maximum is the model's size");
        assertEquals(14, java.util.Arrays.stream(spec.atomCounts()).sum(),
            "histogram of the training split: 16 usable molecules less 2 held out for validation");
        assertTrue(s_model.getSummary().contains("parameters"), s_model.getSummary());
    }

    @Test
    void savedAndReloadedModelSamplesTheSameMolecules() throws Exception {
        // through KNIME's port type registry: it finds our serializers by the port type extension in plugin.xml
        var file = java.nio.file.Files.createTempFile("flowmodel", ".port").toFile();
        org.knime.core.node.port.PortUtil.writeObjectToFile(s_model, file, new org.knime.core.node.ExecutionMonitor());
        var reloaded = (FlowModelPortObject)org.knime.core.node.port.PortUtil.readObjectFromFile(file,
            new org.knime.core.node.ExecutionMonitor());
        file.delete();
        assertEquals(s_model.getSpec(), reloaded.getSpec());
        assertEquals(s_model.getSummary(), reloaded.getSummary());
        var a = sample(s_model, 12);
        var b = sample(reloaded, 12);
        assertEquals(12, a.size());
        var ra = NodeTables.rows(a);
        var rb = NodeTables.rows(b);
        for (int i = 0; i < 12; i++) {
            assertEquals(ra.get(i).getCell(0), rb.get(i).getCell(0), "SDF of molecule " + i);
            int atoms = ((IntCell)ra.get(i).getCell(a.getDataTableSpec().findColumnIndex("Atoms"))).getIntValue();
            assertTrue(atoms >= 3 && atoms <= 20, "atom count from the histogram: " + atoms);
        }
    }

    private static BufferedDataTable sample(final FlowModelPortObject model, final int n) throws Exception {
        var d = NodeDriver.of(new SamplerNodeFactory());
        d.configure(model.getSpec());
        set(d, "molecules", n);
        set(d, "solver", "EULER");
        set(d, "steps", 10);
        set(d, "device", "cpu");
        return (BufferedDataTable)d.execute(model)[0];
    }

    @Test
    void samplerChecksAtomCountsAgainstTheModelAndWritesTrajectories() throws Exception {
        var d = NodeDriver.of(new SamplerNodeFactory());
        d.configure((FlowModelPortObjectSpec)s_model.getSpec());
        set(d, "sizes", "FIXED");
        set(d, "atoms", 21);
        var e = assertThrows(InvalidSettingsException.class, () -> d.configure(s_model.getSpec()));
        assertTrue(e.getMessage().contains("Atom count") && e.getMessage().contains("20"), e.getMessage());
        set(d, "atoms", 9);
        set(d, "molecules", 3);
        set(d, "solver", "EULER");
        set(d, "steps", 4);
        set(d, "trajectory", true);
        set(d, "trajectoryMolecules", 2);
        var out = d.execute(s_model);
        var molecules = (BufferedDataTable)out[0];
        assertEquals(3, molecules.size());
        assertEquals(4, ((IntCell)NodeTables.cell(molecules, 0, "NFE")).getIntValue(), "Euler: 1 per step");
        var trajectory = (BufferedDataTable)out[1];
        assertEquals(2 * 5, trajectory.size(), "2 molecules × 5 grid times");
        assertEquals(27, NodeTables.vector(NodeTables.cell(trajectory, 4, "Coordinates")).length);
        assertNull(d.getWarningMessage());
    }

    @Test
    void cancelDuringTrainingStopsPromptly() throws Exception {
        var in = NodeTables.smiles(NodeTables.SMALL);
        var d = learner(in);
        set(d, "optimizer/epochs", 1000);
        // KNIME delivers progress from a timer thread, a few times a second: cancel at the first training report
        d.onProgress(p -> {
            if (p.message() != null && p.message().contains("ETA")) {
                d.cancel();
            }
        });
        var e = assertThrows(CanceledExecutionException.class, () -> d.execute(in));
        var m = java.util.regex.Pattern.compile("after (\\d+) of (\\d+)").matcher(e.getMessage());
        assertTrue(m.find(), e.getMessage());
        int done = Integer.parseInt(m.group(1));
        int total = Integer.parseInt(m.group(2));
        // the trainer checks after every step, but the request comes from KNIME's progress timer (a few per
        // second): on a fast machine some dozens of steps pass between the report and the cancel
        assertTrue(done >= 1 && done < total / 10, "stopped after " + done + " of " + total + " steps");
        var last = d.getProgress().get(d.getProgress().size() - 1).message();
        assertTrue(last.contains("of 1000") && last.contains("ETA"), last);
    }

    @Test
    void tooFewUsableMoleculesAndBadSettingsFailWithClearMessages() throws Exception {
        var in = NodeTables.smiles(java.util.Arrays.asList("CCO", null, "X"));
        var d = learner(in);
        var e = assertThrows(InvalidSettingsException.class, () -> d.execute(in));
        assertTrue(e.getMessage().contains("Only 1 of 3"), e.getMessage());
        var s = d.saveSettings();
        s.getNodeSettings("architecture").addInt("heads", 3);
        var bad = assertThrows(InvalidSettingsException.class, () -> d.loadSettings(s));
        assertTrue(bad.getMessage().contains("Width"), bad.getMessage());
        var empty = NodeTables.smiles(List.of());
        var e2 = assertThrows(InvalidSettingsException.class, () -> learner(empty).execute(empty));
        assertTrue(e2.getMessage().contains("Only 0 of 0"), e2.getMessage());
    }

    @Test
    void wrongColumnsAndRepaTargetsAreNamed() throws Exception {
        var numbers = NodeTables.numbers(1, 2);
        var d = NodeDriver.of(new LearnerNodeFactory());
        assertThrows(InvalidSettingsException.class, () -> d.configure(numbers.getDataTableSpec()));
        set(d, "moleculeColumn", "Value");
        var e = assertThrows(InvalidSettingsException.class, () -> d.configure(numbers.getDataTableSpec()));
        assertTrue(e.getMessage().contains("\"Value\"") && e.getMessage().contains("Molecule column"), e.getMessage());

        var in = NodeTables.smiles(NodeTables.SMALL);
        var repa = learner(in);
        set(repa, "repa/enabled", true);
        set(repa, "repa/targets", "COLUMN");
        set(repa, "repa/targetColumn", "Name");
        var t = assertThrows(InvalidSettingsException.class, () -> repa.configure(in.getDataTableSpec()));
        assertTrue(t.getMessage().contains("Target column") && t.getMessage().contains("not a list of numbers"),
            t.getMessage());
        var l = assertThrows(InvalidSettingsException.class, () -> set(repa, "repa/layer", 3));
        assertTrue(l.getMessage().contains("Aligned block") && l.getMessage().contains("depth 2"), l.getMessage());
    }

    @Test
    void repaTargetsAreCentredInNewNodesAndNotInSettingsSavedBeforeTheOption() throws Exception {
        var in = NodeTables.smiles(NodeTables.SMALL);
        var fresh = learner(in).saveSettings();
        assertTrue(fresh.getNodeSettings("repa").getBoolean("centreTargets"), "a new learner centres");
        var old = learner(in).saveSettings();
        assertTrue(old.getNodeSettings("repa").removeConfig("centreTargets") != null);
        var d = learner(in);
        d.loadSettings(old); // settings.xml of a workflow saved before the option: loads without error
        assertFalse(d.saveSettings().getNodeSettings("repa").getBoolean("centreTargets"),
            "older workflows keep training on uncentred targets");
    }

    @Test
    void geometryIsChosenInTheDialogAndSettingsSavedBeforeItTrainTodaysNetwork() throws Exception {
        var in = NodeTables.smiles(NodeTables.SMALL);
        var old = learner(in).saveSettings();
        assertEquals("DISTANCES_AND_RELATIVE", old.getNodeSettings("architecture").getString("geometry"),
            "a new learner trains the geometry ablation's choice");
        assertTrue(old.getNodeSettings("architecture").removeConfig("geometry") != null);
        var d = learner(in);
        d.loadSettings(old);
        assertEquals("COORDINATES", d.saveSettings().getNodeSettings("architecture").getString("geometry"),
            "older workflows keep training today's network");

        var g = learner(in);
        set(g, "architecture/geometry", "DISTANCES_AND_RELATIVE");
        set(g, "optimizer/epochs", 1);
        var model = (FlowModelPortObject)g.execute(in)[0];
        assertTrue(model.getDescription().contains("distance attention bias, both coordinate head"),
            model.getDescription());
        var molecules = sample(model, 4);
        assertEquals(4, molecules.size(), "a geometry-aware model samples");
        var spec = molecules.getDataTableSpec();
        assertTrue(spec.containsName("Stable (EDM)") && spec.containsName("Stable (perceived bonds)")
            && !spec.containsName("Stable"), "two stabilities under names that cannot be confused: " + spec);
    }

    /**
     * Salts train as their parent compound, named in the warning with what was removed; an inorganic salt is
     * skipped; no counter-ion joins the vocabulary. Workflows saved before the option keep every fragment.
     */
    @Test
    void saltsTrainAsTheirLargestOrganicFragment() throws Exception {
        var smiles = new ArrayList<>(NodeTables.SMALL);
        smiles.add("[Na+].[O-]C(=O)C");
        smiles.add("[K+].[Cl-]");
        var in = NodeTables.smiles(smiles);
        var d = learner(in);
        set(d, "optimizer/epochs", 1);
        var model = (FlowModelPortObject)d.execute(in)[0];
        var w = d.getWarningMessage();
        assertTrue(w.contains("Row" + NodeTables.SMALL.size()) && w.contains("removed [Na+]"), w);
        assertTrue(w.contains("Row" + (NodeTables.SMALL.size() + 1)) && w.contains("no fragment holds carbon"), w);
        var vocabulary = model.getSpec().vocabulary();
        assertFalse(vocabulary.stream().anyMatch(t -> t.startsWith("Na") || t.startsWith("K")), vocabulary.toString());

        var old = learner(in).saveSettings();
        assertTrue(old.getNodeSettings("representation").removeConfig("keepFragments") != null);
        var e = learner(in);
        e.loadSettings(old);
        assertTrue(e.saveSettings().getNodeSettings("representation").getBoolean("keepFragments"),
            "older workflows keep every fragment, as they trained");
    }

    @Test
    void aValidationMoleculeLargerThanEveryTrainingMoleculeIsTakenByTheModel() throws Exception {
        var smiles = new ArrayList<>(NodeTables.SMALL.subList(0, 9));
        smiles.add("CCCCCCCC"); // 26 atoms with H; every other molecule has at most 16
        // a seed whose split puts the octane (the last of 10) into validation, found with the learner's own split
        long seed = java.util.stream.LongStream.rangeClosed(1, 1000).filter(s -> java.util.Arrays.stream(
            dev.flowmatch.engine.train.TrainingData.split(10, 0.2, s)[1]).anyMatch(i -> i == 9)).findFirst()
            .orElseThrow();
        var in = NodeTables.smiles(smiles);
        var d = learner(in);
        set(d, "optimizer/epochs", 1);
        set(d, "representation/validationFraction", 0.2);
        set(d, "seed", seed);
        var model = (FlowModelPortObject)d.execute(in)[0];
        assertEquals(26, model.getSpec().maxAtoms(), "sized for the octane it validates on");
    }

    @Test
    void anAtomTypeOnlySkippedMoleculesHaveIsNotInTheModel() throws Exception {
        var smiles = new ArrayList<>(NodeTables.SMALL);
        smiles.add("ClCCCCCCCCCCCCCl"); // the only chlorine, and above the maximum below
        var in = NodeTables.smiles(smiles);
        var d = learner(in);
        set(d, "optimizer/epochs", 1);
        set(d, "representation/maxAtoms", 20);
        var model = (FlowModelPortObject)d.execute(in)[0];
        assertEquals(List.of("H", "C", "N", "O", "F"), model.getSpec().vocabulary());
        assertTrue(d.getWarningMessage().contains("Row16"), d.getWarningMessage());
    }
}
