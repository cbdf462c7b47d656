package dev.flowmatch.nodes.common;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataRow;
import org.knime.core.data.RowKey;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtomContainer;

import dev.flowmatch.engine.chem.Conformers;
import dev.flowmatch.engine.chem.Fragments;

/**
 * The molecules of one column, read row by row; unreadable and missing cells become {@link RowProblems}
 * (the caller decides between a missing output cell and skipping the row, and says so in its warning).
 *
 * @param rows every input row in order, with its molecule or null
 * @param problems the rows without a molecule, and why
 */
public record MoleculeRows(List<Row> rows, RowProblems problems) {

    /** @param molecule null when the cell was missing or unreadable */
    public record Row(RowKey key, long index, IAtomContainer molecule) {
    }

    public static MoleculeRows read(final BufferedDataTable table, final int column, final ExecutionMonitor exec)
        throws CanceledExecutionException {
        var rows = new ArrayList<Row>();
        var problems = new RowProblems();
        long n = Math.max(1, table.size());
        long i = 0;
        try (var it = table.iterator()) {
            while (it.hasNext()) {
                exec.checkCanceled();
                var row = it.next();
                rows.add(new Row(row.getKey(), i, molecule(row, column, problems)));
                i++;
                exec.setProgress((double)i / n, "Reading molecule " + i + " of " + n);
            }
        }
        return new MoleculeRows(rows, problems);
    }

    /**
     * The one reading of a molecule cell every node shares.
     *
     * @return the row's molecule (titled with the row key), or null after recording why there is none
     */
    public static IAtomContainer molecule(final DataRow row, final int column, final RowProblems problems) {
        var cell = row.getCell(column);
        if (cell.isMissing()) {
            problems.add(row.getKey(), "missing molecule");
            return null;
        }
        IAtomContainer mol;
        try {
            mol = MoleculeCells.read(cell, row.getKey().getString());
        } catch (RuntimeException e) {
            problems.add(row.getKey(), "unreadable molecule (" + RowProblems.detail(e) + ")");
            return null;
        }
        // a polymer or protein in a small-molecule table is named here, before any node's CDK graph search
        var tooLarge = Conformers.tooLarge(mol);
        if (tooLarge != null) {
            problems.add(row.getKey(), "too large: " + tooLarge);
            return null;
        }
        return mol;
    }

    /**
     * {@link #molecule} made ready for a point cloud ({@link Conformers#forPointCloud}).
     *
     * @return the molecule, or null after recording why there is none
     */
    public static IAtomContainer forPointCloud(final DataRow row, final int column, final boolean explicitHydrogens,
        final long seed, final RowProblems problems) {
        var mol = molecule(row, column, problems);
        return mol == null ? null : forPointCloud(mol, row.getKey(), explicitHydrogens, seed, problems);
    }

    /** Title of the setting that keeps every fragment of a salt or mixture (the learner and the path node). */
    public static final String KEEP_FRAGMENTS = "Keep all fragments";

    /** Its description, one text for every node that has it. */
    public static final String KEEP_FRAGMENTS_DESCRIPTION = "Off (default): a record of several fragments (a salt,"
        + " solvate or mixture) is used as its largest organic fragment (most heavy atoms among those with carbon),"
        + " each such row named in a warning with what was removed, and a record with no carbon-holding fragment is"
        + " skipped; so counter-ions never join the atom vocabulary. On: every fragment is kept, as in workflows"
        + " saved before this option existed.";

    /**
     * The parent compound of a salt or mixture ({@link Fragments#largestOrganic}).
     *
     * @param mol a molecule {@link #molecule} read (so within the size limit largestOrganic refuses beyond)
     * @param stripped where a row whose counter-ions were removed is named, with what was removed
     * @return the largest organic fragment (the molecule itself when it is one fragment), or null after recording
     *         in {@code problems} that no fragment holds carbon
     */
    public static IAtomContainer parent(final IAtomContainer mol, final org.knime.core.data.RowKey key,
        final RowProblems problems, final RowProblems stripped) {
        var parent = Fragments.largestOrganic(mol);
        if (parent.molecule() == null) {
            problems.add(key, "no fragment holds carbon (" + String.join(", ", parent.removed())
                + "): an inorganic salt or mixture");
        } else if (parent.stripped()) {
            stripped.add(key, "removed " + String.join(", ", parent.removed()));
        }
        return parent.molecule();
    }

    /** The warning about rows whose largest organic fragment was kept, or null when there were none. */
    public static String strippedWarning(final RowProblems stripped, final long rows) {
        return stripped.warning(rows, "are salts or mixtures whose largest organic fragment was kept (setting \""
            + KEEP_FRAGMENTS + "\")");
    }

    /** As above for a molecule already read (e.g. the parent compound of a salt). */
    public static IAtomContainer forPointCloud(final IAtomContainer mol, final org.knime.core.data.RowKey key,
        final boolean explicitHydrogens, final long seed, final RowProblems problems) {
        try {
            return Conformers.forPointCloud(mol, explicitHydrogens, seed);
        } catch (CDKException | RuntimeException e) {
            problems.add(key, "no 3D conformer (" + RowProblems.detail(e) + ")");
            return null;
        }
    }

    /** @return the rows that have a molecule */
    public List<Row> readable() {
        return rows.stream().filter(r -> r.molecule() != null).toList();
    }
}
