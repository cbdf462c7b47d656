package dev.flowmatch.nodes.sampler;

import java.util.Random;

import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeModel;

import dev.flowmatch.engine.chem.AtomVocabulary;
import dev.flowmatch.engine.chem.Reconstruction;
import dev.flowmatch.engine.flow.solver.Dopri5Solver;
import dev.flowmatch.engine.flow.solver.OdeSolver;
import dev.flowmatch.engine.flow.solver.SolverKind;
import dev.flowmatch.engine.flow.solver.TimeGrid;
import dev.flowmatch.engine.metrics.EdmStability;
import dev.flowmatch.nodes.common.Cells;
import dev.flowmatch.nodes.common.Checks;
import dev.flowmatch.nodes.common.MoleculeCells;
import dev.flowmatch.nodes.common.VectorCells;
import dev.flowmatch.nodes.port.FlowModelPortObject;
import dev.flowmatch.nodes.port.FlowModelPortObjectSpec;

/** Generates molecules by integrating the model's field from noise; bonds are perceived from the geometry. */
final class SamplerNodeModel extends WebUINodeModel<SamplerNodeParameters> {

    /** Molecules integrated together. */
    private static final int CHUNK = 64;

    /** Molecules per generate call: sorted by size inside, so its chunks pad little; progress and cancel per block. */
    private static final int BLOCK = 512;

    SamplerNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, SamplerNodeParameters.class);
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] in, final SamplerNodeParameters s)
        throws InvalidSettingsException {
        s.validate();
        boolean targets = in.length > 1 && in[1] != null;
        if (in[0] instanceof FlowModelPortObjectSpec model) { // unknown until the learner has run
            checkAtomCount(s, model.maxAtoms());
            if (targets) {
                SamplerTargets.columns((DataTableSpec)in[1], model.conditions());
                return new PortObjectSpec[]{moleculeSpec(model.conditions()), trajectorySpec()};
            }
        }
        // with targets, the output repeats them in columns named by the model: known once the model is
        return new PortObjectSpec[]{targets ? null : moleculeSpec(), trajectorySpec()};
    }

    private static void checkAtomCount(final SamplerNodeParameters s, final int maxAtoms)
        throws InvalidSettingsException {
        if (s.m_sizes == SamplerNodeParameters.Sizes.FIXED) {
            Checks.check(s.m_atoms <= maxAtoms, "Atom count",
                s.m_atoms + " atoms requested; the model generates at most " + maxAtoms);
        }
    }

    /** @return the molecule table with a "NAME (target)" column per condition after the standard ones */
    static DataTableSpec moleculeSpec(final java.util.List<String> conditions) {
        var cols = new java.util.ArrayList<org.knime.core.data.DataColumnSpec>();
        moleculeSpec().forEach(cols::add);
        cols.addAll(SamplerTargets.outputColumns(conditions));
        return new DataTableSpec(cols.toArray(org.knime.core.data.DataColumnSpec[]::new));
    }

    static DataTableSpec moleculeSpec() {
        return new DataTableSpec(new DataColumnSpecCreator("Molecule", MoleculeCells.SDF_TYPE).createSpec(),
            new DataColumnSpecCreator("SMILES", MoleculeCells.SMILES_TYPE).createSpec(),
            new DataColumnSpecCreator("Valid", BooleanCell.TYPE).createSpec(),
            new DataColumnSpecCreator("Connected", BooleanCell.TYPE).createSpec(),
            new DataColumnSpecCreator("Stable (EDM)", BooleanCell.TYPE).createSpec(),
            new DataColumnSpecCreator("Stable (perceived bonds)", BooleanCell.TYPE).createSpec(),
            new DataColumnSpecCreator("Atoms", IntCell.TYPE).createSpec(),
            new DataColumnSpecCreator("NFE", IntCell.TYPE).createSpec());
    }

    static DataTableSpec trajectorySpec() {
        return new DataTableSpec(new DataColumnSpecCreator("Molecule index", IntCell.TYPE).createSpec(),
            new DataColumnSpecCreator("t", DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator("Atom types", VectorCells.STRING_LIST).createSpec(),
            new DataColumnSpecCreator("Coordinates", VectorCells.TYPE).createSpec());
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec, final SamplerNodeParameters s)
        throws Exception {
        var port = (FlowModelPortObject)in[0];
        var device = Checks.device(s.m_device, "Device");
        var trajectory = exec.createDataContainer(trajectorySpec());
        org.knime.core.node.BufferedDataContainer molecules;
        try (var model = port.open(device)) {
            var rep = model.representation();
            checkAtomCount(s, rep.maxAtoms());
            var vocabulary = AtomVocabulary.parse(rep.vocabulary());
            var table = in.length > 1 ? (org.knime.core.node.BufferedDataTable)in[1] : null;
            var targets = table == null ? null : SamplerTargets.read(table, model.conditions());
            molecules = exec.createDataContainer(targets == null ? moleculeSpec()
                : moleculeSpec(model.conditions().names()));
            int n = targets == null ? s.m_molecules : targets.values().length;
            var counts = new int[n];
            if (s.m_sizes == SamplerNodeParameters.Sizes.FIXED) {
                java.util.Arrays.fill(counts, s.m_atoms);
            } else {
                // with targets, sizes that fit them: p(N | c) where the model learnt it
                counts = targets == null ? model.sampleAtomCounts(n, new Random(s.m_seed))
                    : model.sampleAtomCounts(targets.values(), new Random(s.m_seed));
            }
            var solver = solver(s);
            var grid = s.m_solver == SolverKind.DOPRI5 ? TimeGrid.endpoints(0, 1)
                : s.m_steps > 0 ? TimeGrid.uniform(s.m_steps) : s.m_solver.defaultGrid();
            int invalid = 0;
            for (int start = 0, c = 0; start < counts.length; start += BLOCK, c++) {
                exec.checkCanceled();
                int end = Math.min(counts.length, start + BLOCK);
                boolean traced = s.m_trajectory && start < s.m_trajectoryMolecules;
                var wanted = targets == null ? null : new dev.flowmatch.engine.train.PropertyTargets(
                    java.util.Arrays.copyOfRange(targets.values(), start, end), s.m_guidance);
                var g = model.generate(java.util.Arrays.copyOfRange(counts, start, end), solver, grid,
                    s.m_seed * 7919 + c, CHUNK, traced, start + 1, null, wanted);
                for (int i = 0; i < g.clouds().size(); i++) {
                    var r = Reconstruction.rebuild(g.clouds().get(i), vocabulary, rep.explicitHydrogens());
                    var edm = EdmStability.check(r.molecule()); // not judged (missing) for models without hydrogens
                    invalid += r.report().valid() ? 0 : 1;
                    var cells = new java.util.ArrayList<org.knime.core.data.DataCell>(java.util.List.of(
                        r.sdf() == null ? DataType.getMissingCell() : MoleculeCells.sdfCell(r.sdf()),
                        r.smiles() == null ? DataType.getMissingCell() : MoleculeCells.smilesCell(r.smiles()),
                        Cells.bool(r.report().valid()), Cells.bool(r.report().connected()),
                        edm.judged() ? Cells.bool(edm.moleculeStable()) : DataType.getMissingCell(),
                        Cells.bool(r.report().perceivedMoleculeStable()),
                        new IntCell(counts[start + i]), new IntCell(g.nfe())));
                    if (targets != null) { // the values asked for, beside what came out
                        for (double v : targets.values()[start + i]) {
                            cells.add(Cells.number(v));
                        }
                    }
                    molecules.addRowToTable(new DefaultRow(new RowKey("Molecule " + (start + i + 1)), cells));
                    if (traced && start + i < s.m_trajectoryMolecules) {
                        addTrajectory(trajectory, start + i, g.trajectories().get(i), vocabulary);
                    }
                }
                exec.setProgress((double)end / counts.length, "Generated " + end + " of " + counts.length
                    + " molecules (" + invalid + " invalid so far)");
            }
            if (targets != null) {
                setWarningMessage(targets.warnings());
            }
        }
        molecules.close();
        trajectory.close();
        return new PortObject[]{molecules.getTable(), trajectory.getTable()};
    }

    private static void addTrajectory(final BufferedDataContainer out, final int molecule,
        final java.util.List<dev.flowmatch.engine.train.FlowModel.Frame> frames, final AtomVocabulary vocabulary) {
        int f = 0;
        for (var frame : frames) {
            var types = new java.util.ArrayList<String>();
            for (int t : frame.cloud().types()) {
                types.add(vocabulary.get(t).toString());
            }
            out.addRowToTable(new DefaultRow(new RowKey("Molecule " + (molecule + 1) + " frame " + f++),
                new IntCell(molecule + 1), new DoubleCell(frame.t()), VectorCells.strings(types),
                VectorCells.cell(frame.cloud().coords())));
        }
    }


    private static OdeSolver solver(final SamplerNodeParameters s) {
        return s.m_solver == SolverKind.DOPRI5 ? new Dopri5Solver(s.m_rtol, s.m_atol, 10_000) : s.m_solver.create();
    }

}
