package dev.flowmatch.nodes.metrics;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeModel;

import dev.flowmatch.engine.metrics.DistributionMetrics;
import dev.flowmatch.engine.metrics.GeometryChecks;
import dev.flowmatch.engine.metrics.MoleculeProfile;
import dev.flowmatch.engine.metrics.ReferenceSet;
import dev.flowmatch.nodes.common.Cells;
import dev.flowmatch.nodes.common.Checks;
import dev.flowmatch.nodes.common.Embeddings;
import dev.flowmatch.nodes.common.MoleculeCells;
import dev.flowmatch.nodes.common.MoleculeRows;

/** One row of distribution metrics for generated vs reference molecules, and a per-molecule checks table. */
final class MetricsNodeModel extends WebUINodeModel<MetricsNodeParameters> {

    MetricsNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, MetricsNodeParameters.class);
    }

    @Override
    protected DataTableSpec[] configure(final DataTableSpec[] in, final MetricsNodeParameters s)
        throws InvalidSettingsException {
        s.validate();
        MoleculeCells.require(in[0], s.m_generatedColumn, "Generated molecule column");
        if (in[1] != null) {
            MoleculeCells.require(in[1], s.m_referenceColumn, "Reference molecule column");
        }
        return new DataTableSpec[]{metricsSpec(s, in[1] != null), checksSpec(s), BondGeometryTables.TYPES_SPEC,
            BondGeometryTables.HISTOGRAM_SPEC};
    }

    private static List<String> names(final MetricsNodeParameters s, final boolean reference) {
        return DistributionMetrics.names(reference && s.m_distances, s.embeddingName(), s.m_geometry);
    }

    static DataTableSpec metricsSpec(final MetricsNodeParameters s, final boolean reference) {
        var cols = new ArrayList<DataColumnSpec>();
        for (var n : names(s, reference)) {
            cols.add(new DataColumnSpecCreator(n, n.equals("Molecules") ? IntCell.TYPE : DoubleCell.TYPE)
                .createSpec());
        }
        if (s.m_bootstrap > 0) {
            for (var n : DistributionMetrics.BOOTSTRAPPED) {
                cols.add(new DataColumnSpecCreator(n + " low", DoubleCell.TYPE).createSpec());
                cols.add(new DataColumnSpecCreator(n + " high", DoubleCell.TYPE).createSpec());
            }
        }
        return new DataTableSpec(cols.toArray(DataColumnSpec[]::new));
    }

    static DataTableSpec checksSpec(final MetricsNodeParameters s) {
        var cols = new ArrayList<DataColumnSpec>(List.of(
            new DataColumnSpecCreator("SMILES", MoleculeCells.SMILES_TYPE).createSpec(),
            new DataColumnSpecCreator("Valid", BooleanCell.TYPE).createSpec(),
            new DataColumnSpecCreator("Connected", BooleanCell.TYPE).createSpec(),
            new DataColumnSpecCreator("Fragments", IntCell.TYPE).createSpec(),
            new DataColumnSpecCreator("Stable (EDM)", BooleanCell.TYPE).createSpec(),
            new DataColumnSpecCreator("Stable atoms (EDM)", IntCell.TYPE).createSpec(),
            new DataColumnSpecCreator("Atoms", IntCell.TYPE).createSpec(),
            new DataColumnSpecCreator("Stable (perceived bonds)", BooleanCell.TYPE).createSpec(),
            new DataColumnSpecCreator("Stable atoms (perceived bonds)", IntCell.TYPE).createSpec(),
            new DataColumnSpecCreator("Problem", StringCell.TYPE).createSpec()));
        if (s.m_geometry) {
            for (var n : List.of("Bond lengths OK", "Bond angles OK", "No clashes", "Flat aromatic rings")) {
                cols.add(new DataColumnSpecCreator(n, BooleanCell.TYPE).createSpec());
            }
            cols.add(new DataColumnSpecCreator("Geometry problem", StringCell.TYPE).createSpec());
        }
        return new DataTableSpec(cols.toArray(DataColumnSpec[]::new));
    }

    @Override
    protected BufferedDataTable[] execute(final BufferedDataTable[] in, final ExecutionContext exec,
        final MetricsNodeParameters s) throws Exception {
        int genCol = MoleculeCells.require(in[0].getDataTableSpec(), s.m_generatedColumn, "Generated molecule column");
        var gen = MoleculeRows.read(in[0], genCol, exec.createSubExecutionContext(0.1));
        exec.setProgress(0.1);
        MoleculeRows ref = null;
        if (in[1] != null) {
            int refCol = MoleculeCells.require(in[1].getDataTableSpec(), s.m_referenceColumn,
                "Reference molecule column");
            ref = MoleculeRows.read(in[1], refCol, exec.createSubExecutionContext(0.1));
        }
        exec.setProgress(0.2, "Computing metrics");
        var genMols = gen.readable().stream().map(MoleculeRows.Row::molecule).toList();
        var refMols = ref == null ? null : ref.readable().stream().map(MoleculeRows.Row::molecule).toList();
        double[][] genEmb = null;
        double[][] refEmb = null;
        var warnings = new ArrayList<String>();
        if (ref != null && s.m_distances && s.m_embedding == MetricsNodeParameters.Embedding.ENCODER) {
            try (var encoder = s.m_encoder.create(Checks.device(s.m_device, "Device"), exec)) {
                genEmb = usable(Embeddings.embed(encoder, s.m_encoder.needs3D(), true, gen,
                    exec.createSubExecutionContext(0.2)));
                exec.setProgress(0.4);
                refEmb = usable(Embeddings.embed(encoder, s.m_encoder.needs3D(), true, ref,
                    exec.createSubExecutionContext(0.2)));
            }
        }
        exec.setProgress(0.6, "Computing metrics");
        exec.checkCanceled();
        var options = new DistributionMetrics.Options(s.m_geometry, s.m_bootstrap, s.m_seed);
        DistributionMetrics.Result result;
        try {
            if (refMols != null && s.m_distances) {
                var prepared = ReferenceSet.of(refMols);
                result = DistributionMetrics.compute(genMols, prepared, prepared.smiles(), s.embeddingName(), genEmb,
                    refEmb, options);
            } else {
                result = DistributionMetrics.compute(genMols, (ReferenceSet)null,
                    refMols == null ? null : DistributionMetrics.canonical(refMols), null, null, null, options);
            }
        } catch (IllegalArgumentException e) { // too few valid molecules to compare the sets
            warnings.add("Reference metrics are missing: " + e.getMessage());
            result = DistributionMetrics.compute(genMols, (ReferenceSet)null,
                refMols == null ? null : DistributionMetrics.canonical(refMols), null, null, null, options);
        }
        var problems = new ArrayList<String>();
        if (gen.problems().count() > 0) {
            problems.add(gen.problems().warning(in[0].size(), "of the generated table were not evaluated"));
        }
        if (ref != null && ref.problems().count() > 0) {
            problems.add(ref.problems().warning(in[1].size(), "of the reference table were not used"));
        }
        warnings.addAll(0, problems);
        setWarningMessage(warnings.isEmpty() ? null : String.join(" ", warnings));
        return new BufferedDataTable[]{metricsTable(s, in[1] != null, result, exec),
            checksTable(s, gen, result, exec), BondGeometryTables.types(result.bondGeometry(), exec),
            BondGeometryTables.histograms(result.histograms(), exec)};
    }

    /** @return the vectors of the rows that have one (the Fréchet distance compares sets, not rows) */
    private static double[][] usable(final float[][] v) {
        var out = new ArrayList<double[]>();
        for (var f : v) {
            if (f != null) {
                var d = new double[f.length];
                for (int k = 0; k < f.length; k++) {
                    d[k] = f[k];
                }
                out.add(d);
            }
        }
        return out.toArray(double[][]::new);
    }

    private static BufferedDataTable metricsTable(final MetricsNodeParameters s, final boolean reference,
        final DistributionMetrics.Result r, final ExecutionContext exec) {
        var spec = metricsSpec(s, reference);
        var cells = new DataCell[spec.getNumColumns()];
        int i = 0;
        for (var n : names(s, reference)) {
            var v = r.values().get(n);
            // a metric that cannot be computed is a missing cell that says why (shown in KNIME's table view)
            cells[i++] = v == null || Double.isNaN(v) ? new org.knime.core.data.MissingCell(r.missing().getOrDefault(n,
                "not computed")) : n.equals("Molecules") ? new IntCell(v.intValue()) : new DoubleCell(v);
        }
        if (s.m_bootstrap > 0) {
            for (var n : DistributionMetrics.BOOTSTRAPPED) {
                var interval = r.intervals().get(n);
                cells[i++] = interval == null ? DataType.getMissingCell() : new DoubleCell(interval.lower());
                cells[i++] = interval == null ? DataType.getMissingCell() : new DoubleCell(interval.upper());
            }
        }
        var out = exec.createDataContainer(spec);
        out.addRowToTable(new DefaultRow(new RowKey("Metrics"), cells));
        out.close();
        return out.getTable();
    }

    private static BufferedDataTable checksTable(final MetricsNodeParameters s, final MoleculeRows gen,
        final DistributionMetrics.Result r, final ExecutionContext exec) {
        var spec = checksSpec(s);
        var out = exec.createDataContainer(spec);
        int k = 0;
        for (var row : gen.rows()) {
            var cells = new DataCell[spec.getNumColumns()];
            java.util.Arrays.fill(cells, DataType.getMissingCell());
            if (row.molecule() != null) {
                MoleculeProfile p = r.profiles().get(k);
                cells[0] = p.smiles() == null ? DataType.getMissingCell() : MoleculeCells.smilesCell(p.smiles());
                cells[1] = Cells.bool(p.valid());
                cells[2] = Cells.bool(p.connected());
                cells[3] = new IntCell(p.fragmentCount());
                if (p.edm().judged()) { // else missing: the problem column says why EDM's rule cannot judge it
                    cells[4] = Cells.bool(p.edmMoleculeStable());
                    cells[5] = new IntCell(p.edm().stableAtoms());
                }
                cells[6] = new IntCell(p.atoms());
                cells[7] = Cells.bool(p.perceivedMoleculeStable());
                cells[8] = new IntCell(p.stableAtoms());
                cells[9] = problem(p);
                if (s.m_geometry && !r.geometry().isEmpty()) {
                    GeometryChecks.Report g = r.geometry().get(k);
                    if (g.has3d()) {
                        cells[10] = Cells.bool(g.bondLengths());
                        cells[11] = Cells.bool(g.bondAngles());
                        cells[12] = Cells.bool(g.noClash());
                        cells[13] = Cells.bool(g.flatRings());
                    }
                    cells[14] = g.problem() == null ? DataType.getMissingCell() : new StringCell(g.problem());
                }
                k++;
            } else {
                cells[9] = new StringCell("missing or unreadable molecule");
            }
            out.addRowToTable(new DefaultRow(row.key(), cells));
        }
        out.close();
        return out.getTable();
    }

    /** @return why the molecule is invalid and, when EDM's rule cannot judge it, why not; missing when neither */
    private static DataCell problem(final MoleculeProfile p) {
        var parts = new ArrayList<String>();
        if (p.problem() != null) {
            parts.add(p.problem());
        }
        if (!p.edm().judged()) {
            parts.add("not judged by EDM's rule: " + p.edm().notJudged());
        }
        return parts.isEmpty() ? DataType.getMissingCell() : new StringCell(String.join("; ", parts));
    }
}
