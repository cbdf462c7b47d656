package dev.flowmatch.nodes.learner;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataRow;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.openscience.cdk.interfaces.IAtomContainer;

import dev.flowmatch.engine.chem.AtomVocabulary;
import dev.flowmatch.engine.chem.Featurizer;
import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.nodes.common.MoleculeRows;
import dev.flowmatch.nodes.common.RowProblems;
import dev.flowmatch.nodes.common.VectorCells;

/**
 * The learner's input rows made ready for training: molecules read, given 3D coordinates where they have
 * none (with explicit hydrogens when the representation has them), featurized with the vocabulary of the
 * usable molecules, and, with REPA from a column, paired with their target vectors. Every row that cannot be
 * used is recorded with its reason.
 */
final class TrainingSet {

    final List<IAtomContainer> m_molecules = new ArrayList<>();

    final List<PointCloud> m_clouds = new ArrayList<>();

    final List<float[]> m_targets = new ArrayList<>();

    final RowProblems m_problems = new RowProblems();

    AtomVocabulary m_vocabulary;

    long m_rows;

    /**
     * @param targetColumn REPA target column index, or -1
     */
    static TrainingSet read(final BufferedDataTable table, final int moleculeColumn, final int targetColumn,
        final LearnerNodeParameters.RepresentationGroup rep, final long seed, final ExecutionMonitor exec)
        throws CanceledExecutionException {
        var set = new TrainingSet();
        set.m_rows = table.size();
        var keys = new ArrayList<org.knime.core.data.RowKey>();
        var prepared = new ArrayList<IAtomContainer>();
        var targets = new ArrayList<float[]>();
        long i = 0;
        try (var it = table.iterator()) {
            while (it.hasNext()) {
                exec.checkCanceled();
                var row = it.next();
                exec.setProgress(0.9 * ++i / Math.max(1, set.m_rows), "Preparing molecule " + i + " of " + set.m_rows);
                var mol = MoleculeRows.forPointCloud(row, moleculeColumn, rep.m_explicitHydrogens, seed + i,
                    set.m_problems);
                if (mol == null) {
                    continue;
                }
                float[] target = null;
                if (targetColumn >= 0) {
                    target = target(row, targetColumn, set.m_problems);
                    if (target == null) {
                        continue;
                    }
                }
                keys.add(row.getKey());
                prepared.add(mol);
                targets.add(target);
            }
        }
        set.m_vocabulary = AtomVocabulary.fromMolecules(prepared, rep.m_explicitHydrogens);
        var options = new Featurizer.Options(
            rep.m_explicitHydrogens ? Featurizer.Hydrogens.EXPLICIT : Featurizer.Hydrogens.NONE,
            rep.m_canonicalOrder ? Featurizer.AtomOrder.CANONICAL : Featurizer.AtomOrder.INPUT, rep.m_maxAtoms);
        var featurizer = new Featurizer(set.m_vocabulary, options);
        for (int k = 0; k < prepared.size(); k++) {
            try {
                set.m_clouds.add(featurizer.featurize(prepared.get(k), seed));
                set.m_molecules.add(prepared.get(k));
                set.m_targets.add(targets.get(k));
            } catch (IllegalArgumentException e) {
                set.m_problems.add(keys.get(k), e.getMessage());
            }
        }
        if (set.m_molecules.size() < prepared.size()) { // the vocabulary must not keep types of skipped molecules
            set.m_vocabulary = AtomVocabulary.fromMolecules(set.m_molecules, rep.m_explicitHydrogens);
            var again = new Featurizer(set.m_vocabulary, options);
            set.m_clouds.replaceAll(c -> null);
            for (int k = 0; k < set.m_molecules.size(); k++) {
                set.m_clouds.set(k, again.featurize(set.m_molecules.get(k), seed));
            }
        }
        return set;
    }

    private static float[] target(final DataRow row, final int column, final RowProblems problems) {
        var cell = row.getCell(column);
        if (cell.isMissing()) {
            problems.add(row.getKey(), "missing REPA target vector");
            return null;
        }
        try {
            return VectorCells.readFloats(cell);
        } catch (IllegalArgumentException e) {
            problems.add(row.getKey(), "REPA target: " + e.getMessage());
            return null;
        }
    }
}
