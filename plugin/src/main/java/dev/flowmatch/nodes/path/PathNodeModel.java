package dev.flowmatch.nodes.path;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeModel;

import dev.flowmatch.engine.chem.AtomVocabulary;
import dev.flowmatch.engine.chem.Featurizer;
import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.flow.PathSampling;
import dev.flowmatch.engine.flow.coupling.CouplingKind;
import dev.flowmatch.engine.train.Representation;
import dev.flowmatch.nodes.common.Checks;
import dev.flowmatch.nodes.common.MoleculeCells;
import dev.flowmatch.nodes.common.MoleculeRows;
import dev.flowmatch.nodes.common.RowProblems;
import dev.flowmatch.nodes.common.VectorCells;

/** Samples points of a probability path for each input molecule or vector, as the learner sees them. */
final class PathNodeModel extends WebUINodeModel<PathNodeParameters> {

    PathNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, PathNodeParameters.class);
    }

    @Override
    protected DataTableSpec[] configure(final DataTableSpec[] in, final PathNodeParameters s)
        throws InvalidSettingsException {
        s.validate();
        boolean vectors = isVectorInput(in[0], s);
        if (vectors) {
            Checks.check(s.m_coupling == CouplingKind.INDEPENDENT || s.m_coupling == CouplingKind.MINIBATCH_OT,
                "Coupling", s.m_coupling + " aligns 3D molecules; vectors take INDEPENDENT or MINIBATCH_OT");
        } else {
            MoleculeCells.require(in[0], s.m_inputColumn, "Input column");
        }
        return new DataTableSpec[]{samplesSpec(), MarginalGrid.spec()};
    }

    private static boolean isVectorInput(final DataTableSpec spec, final PathNodeParameters s) {
        var c = spec.getColumnSpec(s.m_inputColumn == null ? "" : s.m_inputColumn);
        return c != null && VectorCells.isVectorColumn(c);
    }

    static DataTableSpec samplesSpec() {
        return new DataTableSpec(new DataColumnSpecCreator("Source row", StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator("t", DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator("x0", VectorCells.TYPE).createSpec(),
            new DataColumnSpecCreator("x_t", VectorCells.TYPE).createSpec(),
            new DataColumnSpecCreator("Target", VectorCells.TYPE).createSpec(),
            new DataColumnSpecCreator("Atom types", VectorCells.STRING_LIST).createSpec());
    }

    /** Items read from the table: flat values, their source rows, and (molecules) atom-type tokens. */
    /** @param scale noise scale: the molecules' RMS coordinate (Å) as the learner uses, 1 for vectors */
    private record Items(List<float[]> values, List<RowKey> keys, List<List<String>> types, int dim, double scale) {
    }

    @Override
    protected BufferedDataTable[] execute(final BufferedDataTable[] in, final ExecutionContext exec,
        final PathNodeParameters s) throws Exception {
        var spec = in[0].getDataTableSpec();
        boolean vectors = isVectorInput(spec, s);
        int col = vectors ? spec.findColumnIndex(s.m_inputColumn)
            : MoleculeCells.require(spec, s.m_inputColumn, "Input column");
        var problems = new RowProblems();
        var stripped = new RowProblems();
        var items = vectors ? vectors(in[0], col, problems) : molecules(in[0], col, s, problems, stripped, exec);
        exec.setProgress(0.3);
        var warning = RowProblems.join(problems.warning(in[0].size(), "gave no path sample"),
            MoleculeRows.strippedWarning(stripped, in[0].size()));
        var out = exec.createDataContainer(samplesSpec());
        var grid = exec.createDataContainer(MarginalGrid.spec());
        if (!items.values().isEmpty()) {
            int total = items.values().size() * s.m_samplesPerMolecule;
            List<PathSampling.Sample> samples;
            try {
                samples = PathSampling.sample(items.values(), items.dim(), !vectors, items.scale(), s.path().path(),
                    s.path().sampler(), s.m_coupling.create(), s.m_couplingBatch, s.m_samplesPerMolecule, s.m_seed,
                    done -> progress(exec, 0.3 + 0.6 * done / total));
            } catch (CancelledSampling e) {
                throw (CanceledExecutionException)e.getCause();
            }
            int k = 0;
            for (var p : samples) {
                var key = items.keys().get(p.item());
                out.addRowToTable(new DefaultRow(new RowKey(key + "#" + (k++ / items.values().size() + 1)),
                    new StringCell(key.getString()), new DoubleCell(p.t()), VectorCells.cell(p.x0()),
                    VectorCells.cell(p.xt()), VectorCells.cell(p.target()),
                    vectors ? DataType.getMissingCell() : VectorCells.strings(items.types().get(p.item()))));
            }
            if (s.m_marginalField) {
                if (vectors && items.dim() == 2) {
                    MarginalGrid.write(items.values(), s, grid, exec);
                } else {
                    warning = RowProblems.join(warning,
                        "The marginal field is computed for 2-D vector input only; its table is empty.");
                }
            }
        }
        out.close();
        grid.close();
        setWarningMessage(warning);
        return new BufferedDataTable[]{out.getTable(), grid.getTable()};
    }

    private static void progress(final ExecutionContext exec, final double f) {
        try {
            exec.checkCanceled();
        } catch (CanceledExecutionException e) {
            throw new CancelledSampling(e);
        }
        exec.setProgress(Math.min(1, f), "Sampling the path");
    }

    private static Items vectors(final BufferedDataTable table, final int col, final RowProblems problems) {
        var values = new ArrayList<float[]>();
        var keys = new ArrayList<RowKey>();
        int dim = -1;
        try (var it = table.iterator()) {
            while (it.hasNext()) {
                var row = it.next();
                var cell = row.getCell(col);
                if (cell.isMissing()) {
                    problems.add(row.getKey(), "missing vector");
                    continue;
                }
                try {
                    var v = VectorCells.readFloats(cell);
                    if (dim < 0) {
                        dim = v.length;
                    }
                    if (v.length != dim || dim == 0) {
                        problems.add(row.getKey(), "vector of length " + v.length + ", the first row's has " + dim);
                        continue;
                    }
                    values.add(v);
                    keys.add(row.getKey());
                } catch (IllegalArgumentException e) {
                    problems.add(row.getKey(), e.getMessage());
                }
            }
        }
        return new Items(values, keys, List.of(), Math.max(1, dim), 1);
    }

    private static Items molecules(final BufferedDataTable table, final int col, final PathNodeParameters s,
        final RowProblems problems, final RowProblems stripped, final ExecutionContext exec)
        throws CanceledExecutionException {
        var mols = new ArrayList<org.openscience.cdk.interfaces.IAtomContainer>();
        var keys = new ArrayList<RowKey>();
        long i = 0;
        try (var it = table.iterator()) {
            while (it.hasNext()) {
                exec.checkCanceled();
                var row = it.next();
                exec.setProgress(0.25 * ++i / Math.max(1, table.size()), "Preparing molecule " + i);
                var mol = MoleculeRows.molecule(row, col, problems);
                if (mol != null && !s.m_keepFragments) { // salts and mixtures: no counter-ion joins the vocabulary
                    mol = MoleculeRows.parent(mol, row.getKey(), problems, stripped);
                }
                mol = mol == null ? null : MoleculeRows.forPointCloud(mol, row.getKey(), s.m_explicitHydrogens,
                    s.m_seed + i, problems);
                if (mol != null) {
                    mols.add(mol);
                    keys.add(row.getKey());
                }
            }
        }
        var vocabulary = AtomVocabulary.fromMolecules(mols, s.m_explicitHydrogens);
        var featurizer = new Featurizer(vocabulary, new Featurizer.Options(s.m_explicitHydrogens
            ? Featurizer.Hydrogens.EXPLICIT : Featurizer.Hydrogens.NONE, Featurizer.AtomOrder.CANONICAL, 0));
        var clouds = new ArrayList<PointCloud>();
        var types = new ArrayList<List<String>>();
        var usedKeys = new ArrayList<RowKey>();
        for (int k = 0; k < mols.size(); k++) {
            try {
                var cloud = featurizer.featurize(mols.get(k), s.m_seed);
                clouds.add(cloud);
                var t = new ArrayList<String>();
                for (int type : cloud.types()) {
                    t.add(vocabulary.get(type).toString());
                }
                types.add(t);
                usedKeys.add(keys.get(k));
            } catch (IllegalArgumentException e) {
                problems.add(keys.get(k), e.getMessage());
            }
        }
        return new Items(clouds.stream().map(PointCloud::coords).toList(), usedKeys, types, 3,
            Representation.coordinateRms(clouds));
    }

    /** Carries a cancel out of the engine's progress callback. */
    static final class CancelledSampling extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CancelledSampling(final CanceledExecutionException e) {
            super(e);
        }
    }
}
