package dev.flowmatch.nodes.learner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeModel;

import ai.djl.Device;
import dev.flowmatch.engine.chem.AtomVocabulary;
import dev.flowmatch.engine.train.EpochMetrics;
import dev.flowmatch.engine.train.FlowModel;
import dev.flowmatch.engine.train.Representation;
import dev.flowmatch.engine.train.Conditions;
import dev.flowmatch.engine.train.Trainer;
import dev.flowmatch.engine.train.TrainingData;
import dev.flowmatch.nodes.common.MoleculeRows;
import dev.flowmatch.nodes.common.RowProblems;
import dev.flowmatch.nodes.common.Cells;
import dev.flowmatch.nodes.common.Checks;
import dev.flowmatch.nodes.common.MoleculeCells;
import dev.flowmatch.nodes.port.FlowModelPortObject;
import dev.flowmatch.nodes.port.FlowModelPortObjectSpec;

/** Trains the velocity transformer on the input molecules; outputs the model and its training curve. */
final class LearnerNodeModel extends WebUINodeModel<LearnerNodeParameters> {

    /** The curve table's columns, as DESIGN.md names them. */
    static final String[] CURVE = {"Epoch", "Step", "Loss", "Coordinate loss", "Type loss", "REPA loss",
        "Alignment cosine", "Validation loss", "Learning rate", "Seconds"};

    LearnerNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, LearnerNodeParameters.class);
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] in, final LearnerNodeParameters s)
        throws InvalidSettingsException {
        s.validate();
        var spec = (DataTableSpec)in[0];
        MoleculeCells.require(spec, s.m_moleculeColumn, "Molecule column");
        if (s.m_repa.m_enabled && s.m_repa.m_targets == LearnerNodeParameters.RepaTargets.COLUMN) {
            LearnerSettings.requireVectorColumn(spec, s.m_repa.m_targetColumn);
        }
        var conditionCols = LearnerSettings.conditionColumns(spec, s);
        StartModel.check(in.length > 1 ? (FlowModelPortObjectSpec)in[1] : null, s, names(spec, conditionCols));
        // the model spec depends on the data (vocabulary, sizes): known after execution
        return new PortObjectSpec[]{null, curveSpec()};
    }

    private static List<String> names(final DataTableSpec spec, final int[] columns) {
        return java.util.Arrays.stream(columns).mapToObj(c -> spec.getColumnSpec(c).getName()).toList();
    }

    static DataTableSpec curveSpec() {
        var cols = new ArrayList<org.knime.core.data.DataColumnSpec>();
        for (int i = 0; i < CURVE.length; i++) {
            cols.add(new DataColumnSpecCreator(CURVE[i], i < 2 ? IntCell.TYPE : DoubleCell.TYPE).createSpec());
        }
        return new DataTableSpec(cols.toArray(org.knime.core.data.DataColumnSpec[]::new));
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec, final LearnerNodeParameters s)
        throws Exception {
        var table = (BufferedDataTable)in[0];
        var spec = table.getDataTableSpec();
        int molCol = MoleculeCells.require(spec, s.m_moleculeColumn, "Molecule column");
        boolean repa = s.m_repa.m_enabled;
        boolean fromColumn = repa && s.m_repa.m_targets == LearnerNodeParameters.RepaTargets.COLUMN;
        int targetCol = fromColumn ? LearnerSettings.requireVectorColumn(spec, s.m_repa.m_targetColumn) : -1;
        Device device = Checks.device(s.m_device, "Device");
        var conditionCols = LearnerSettings.conditionColumns(spec, s);
        var startPort = in.length > 1 ? (FlowModelPortObject)in[1] : null;
        if (startPort != null) {
            StartModel.check(startPort.getSpec(), s, names(spec, conditionCols));
        }
        try (var start = startPort == null ? null : startPort.open(device)) {
            return train(table, start, molCol, targetCol, conditionCols, device, exec, s);
        }
    }

    /** Training proper, from random weights or from the start model's ({@code start}, null: none). */
    private PortObject[] train(final BufferedDataTable table, final FlowModel start, final int molCol,
        final int targetCol, final int[] conditionCols, final Device device, final ExecutionContext exec,
        final LearnerNodeParameters s) throws Exception {
        var spec = table.getDataTableSpec();
        boolean repa = s.m_repa.m_enabled;
        boolean fromColumn = targetCol >= 0;
        var set = TrainingSet.read(table, molCol, targetCol, conditionCols, s.m_representation, s.m_seed,
            start == null ? null : AtomVocabulary.parse(start.representation().vocabulary()),
            exec.createSubExecutionContext(0.1));
        exec.setProgress(0.1);
        String encoderName = "";
        if (repa && !fromColumn) {
            encoderName = RepaTargets.computeWithEncoder(set, s.m_repa.m_encoder, device,
                exec.createSubExecutionContext(0.1));
        } else if (fromColumn) {
            encoderName = "column \"" + s.m_repa.m_targetColumn + "\"";
            RepaTargets.checkDimensions(set, s.m_repa.m_targetColumn);
        }
        exec.setProgress(0.2);
        if (set.m_clouds.size() < 2) {
            throw new InvalidSettingsException("Only " + set.m_clouds.size() + " of " + set.m_rows
                + " molecules can be used for training; at least 2 are needed."
                + (set.m_problems.count() > 0 ? " " + set.m_problems.warning(set.m_rows, "were skipped") : ""));
        }
        var split = TrainingData.split(set.m_clouds.size(), s.m_representation.m_validationFraction, s.m_seed);
        var train = TrainingData.pick(set.m_clouds, split[0]);
        var val = TrainingData.pick(set.m_clouds, split[1]);
        TrainingData data;
        if (repa) {
            var tt = TrainingData.pick(set.m_targets, split[0]).toArray(float[][]::new);
            var vt = TrainingData.pick(set.m_targets, split[1]).toArray(float[][]::new);
            data = new TrainingData(train, val, () -> tt, () -> vt);
            if (s.m_repa.m_centreTargets) {
                data = data.withCentredTargets();
                encoderName += ", centred";
            }
        } else {
            data = TrainingData.of(train, val);
        }
        Conditions conditions = null;
        if (conditionCols.length > 0) {
            var names = names(spec, conditionCols);
            var trainValues = TrainingData.pick(set.m_conditions, split[0]).toArray(double[][]::new);
            try {
                conditions = Conditions.of(names, java.util.Collections.nCopies(names.size(), ""), trainValues,
                    s.m_conditioning.m_dropout).withAtomCounts(train.stream().mapToInt(c -> c.size()).toArray(),
                        trainValues);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingsException("Setting \"Condition columns\": " + e.getMessage(), e);
            }
            data = data.withConditions(trainValues, TrainingData.pick(set.m_conditions, split[1])
                .toArray(double[][]::new));
        }
        // sized for the validation molecules too; the user's maximum atom count, when larger, is the model's size
        boolean hydrogens = s.m_representation.m_explicitHydrogens;
        var rep = (start == null ? Representation.of(set.m_vocabulary.tokens(), hydrogens, train, Double.NaN, 1.0)
            : StartModel.representation(start, hydrogens, train)).covering(val).withMaxAtoms(
                s.m_representation.m_maxAtoms);
        var arch = start == null ? LearnerSettings.architecture(s, rep.vocabulary().size(), rep.coordScale(),
            conditionCols.length) : start.architecture().withConditions(conditionCols.length);
        int repaDim = repa ? set.m_targets.get(0).length : 0;
        var cfg = LearnerSettings.training(s, train.size());
        if (start != null) {
            cfg = StartModel.training(start, cfg);
        }
        setWarningMessage(RowProblems.join(set.m_problems.warning(set.m_rows, "were not used for training"),
            MoleculeRows.strippedWarning(set.m_stripped, set.m_rows),
            set.m_unconditioned.warning(set.m_rows, "trained without their condition")));
        var listener = new ProgressListener(exec.createSubExecutionContext(0.78), cfg.steps(),
            (train.size() + cfg.batchSize() - 1) / cfg.batchSize());
        FlowModelPortObject model;
        List<EpochMetrics> curve;
        try (var trainer = new Trainer(rep, arch, cfg, repaDim, device, conditions)) {
            if (start != null) {
                StartModel.apply(start, trainer);
            }
            try {
                trainer.train(data, listener);
            } catch (CancellationException e) {
                throw new CanceledExecutionException("Training cancelled after " + trainer.step() + " of "
                    + cfg.steps() + " steps.");
            }
            exec.setProgress(0.98, "Saving the model");
            try (var flow = FlowModel.of(trainer, encoderName, device)) {
                model = FlowModelPortObject.of(flow);
                curve = flow.curve();
            }
        }
        return new PortObject[]{model, curveTable(curve, exec)};
    }

    private static BufferedDataTable curveTable(final List<EpochMetrics> curve, final ExecutionContext exec) {
        var out = exec.createDataContainer(curveSpec());
        for (var e : curve) {
            out.addRowToTable(new DefaultRow(new RowKey("Epoch " + e.epoch()), new IntCell(e.epoch()),
                new IntCell(e.step()), Cells.number(e.loss()), Cells.number(e.coordLoss()), Cells.number(e.typeLoss()),
                Cells.number(e.repaLoss()), Cells.number(e.cosine()), Cells.number(e.validationLoss()),
                Cells.number(e.learningRate()), Cells.number(e.seconds())));
        }
        out.close();
        return out.getTable();
    }

    static String eta(final double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
            : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
