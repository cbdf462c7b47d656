package dev.flowmatch.nodes.learner;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataRow;
import org.knime.core.data.RowKey;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.openscience.cdk.interfaces.IAtomContainer;

import dev.flowmatch.engine.chem.AtomVocabulary;
import dev.flowmatch.engine.chem.Featurizer;
import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.nodes.common.MoleculeRows;
import dev.flowmatch.nodes.common.ConditionCells;
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

    /** REPA targets (null entries without REPA from a column, until {@link RepaTargets} fills them). */
    final List<float[]> m_targets = new ArrayList<>();

    /** Property values of each molecule (NaN where the cell is missing); empty arrays when unconditioned. */
    final List<double[]> m_conditions = new ArrayList<>();

    /** Rows that train without their condition (a missing value), with the columns. */
    final RowProblems m_unconditioned = new RowProblems();

    /** The row of each molecule, for warnings. */
    final List<RowKey> m_keys = new ArrayList<>();

    final RowProblems m_problems = new RowProblems();

    /** Rows of several fragments whose largest organic fragment was kept, with what was removed. */
    final RowProblems m_stripped = new RowProblems();

    AtomVocabulary m_vocabulary;

    /** The vocabulary is a start model's: it stays, whatever the molecules hold. */
    private boolean m_fixedVocabulary;

    long m_rows;

    private Featurizer.Options m_options;

    private long m_seed;

    /**
     * Keeps only the given molecules (indices into the current lists). When the dropped molecules took an atom
     * type with them, the vocabulary shrinks and the clouds are featurized again: the model must not learn
     * types no training molecule has.
     */
    void keep(final List<Integer> indices) {
        select(m_molecules, indices);
        select(m_keys, indices);
        select(m_targets, indices);
        select(m_conditions, indices);
        select(m_clouds, indices);
        if (m_fixedVocabulary) {
            return;
        }
        var vocabulary =
            AtomVocabulary.fromMolecules(m_molecules, m_options.hydrogens() == Featurizer.Hydrogens.EXPLICIT);
        if (!vocabulary.equals(m_vocabulary)) {
            m_vocabulary = vocabulary;
            var featurizer = new Featurizer(vocabulary, m_options);
            m_clouds.clear();
            m_molecules.forEach(m -> m_clouds.add(featurizer.featurize(m, m_seed)));
        }
    }

    private static <T> void select(final List<T> list, final List<Integer> indices) {
        var kept = indices.stream().map(list::get).toList();
        list.clear();
        list.addAll(kept);
    }

    /**
     * @param targetColumn REPA target column index, or -1
     * @param conditionColumns indices of the numeric condition columns (empty: none)
     * @param vocabulary a start model's atom vocabulary (molecules with other types are skipped), or null: the
     *            vocabulary of the usable molecules
     */
    static TrainingSet read(final BufferedDataTable table, final int moleculeColumn, final int targetColumn,
        final int[] conditionColumns, final LearnerNodeParameters.RepresentationGroup rep, final long seed,
        final AtomVocabulary vocabulary, final ExecutionMonitor exec) throws CanceledExecutionException {
        var set = new TrainingSet();
        set.m_rows = table.size();
        var conditionNames = java.util.Arrays.stream(conditionColumns)
            .mapToObj(c -> table.getDataTableSpec().getColumnSpec(c).getName()).toList();
        long i = 0;
        try (var it = table.iterator()) {
            while (it.hasNext()) {
                exec.checkCanceled();
                var row = it.next();
                exec.setProgress(0.9 * ++i / Math.max(1, set.m_rows), "Preparing molecule " + i + " of " + set.m_rows);
                var mol = MoleculeRows.molecule(row, moleculeColumn, set.m_problems);
                if (mol != null && !rep.m_keepFragments) { // salts and mixtures: no counter-ion joins the vocabulary
                    mol = MoleculeRows.parent(mol, row.getKey(), set.m_problems, set.m_stripped);
                }
                mol = mol == null ? null : MoleculeRows.forPointCloud(mol, row.getKey(), rep.m_explicitHydrogens,
                    seed + i, set.m_problems);
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
                set.m_keys.add(row.getKey());
                set.m_molecules.add(mol);
                set.m_targets.add(target);
                set.m_conditions.add(ConditionCells.read(row, conditionColumns, conditionNames,
                    set.m_unconditioned));
            }
        }
        set.m_options = new Featurizer.Options(
            rep.m_explicitHydrogens ? Featurizer.Hydrogens.EXPLICIT : Featurizer.Hydrogens.NONE,
            rep.m_canonicalOrder ? Featurizer.AtomOrder.CANONICAL : Featurizer.AtomOrder.INPUT, rep.m_maxAtoms);
        set.m_seed = seed;
        set.m_fixedVocabulary = vocabulary != null;
        set.m_vocabulary = vocabulary != null ? vocabulary
            : AtomVocabulary.fromMolecules(set.m_molecules, rep.m_explicitHydrogens);
        var featurizer = new Featurizer(set.m_vocabulary, set.m_options);
        var keep = new ArrayList<Integer>();
        for (int k = 0; k < set.m_molecules.size(); k++) {
            try {
                set.m_clouds.add(featurizer.featurize(set.m_molecules.get(k), seed));
                keep.add(k);
            } catch (IllegalArgumentException e) { // more atoms than the maximum, a type outside a start model's
                set.m_clouds.add(null);
                set.m_problems.add(set.m_keys.get(k), e.getMessage());
            }
        }
        set.keep(keep);
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
