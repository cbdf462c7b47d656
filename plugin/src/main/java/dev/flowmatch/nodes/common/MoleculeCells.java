package dev.flowmatch.nodes.common;

import java.io.StringReader;
import java.util.Optional;

import org.knime.chem.types.MolValue;
import org.knime.chem.types.SdfCellFactory;
import org.knime.chem.types.SdfValue;
import org.knime.chem.types.SmilesCellFactory;
import org.knime.chem.types.SmilesValue;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.StringValue;
import org.knime.core.node.InvalidSettingsException;
import org.openscience.cdk.interfaces.IAtomContainer;

import dev.flowmatch.engine.chem.MoleculeReaders;
import dev.flowmatch.engine.chem.ReadResult;

/**
 * Molecule cells in and out. Columns are recognised through KNIME's value interfaces (SDF, Mol, SMILES, or
 * any string), never through cell classes, so RDKit, CDK and Indigo columns that adapt to these values work.
 */
public final class MoleculeCells {

    /** Column type of generated 3D molecules. */
    public static final DataType SDF_TYPE = SdfCellFactory.TYPE;

    /** Column type of SMILES output. */
    public static final DataType SMILES_TYPE = SmilesCellFactory.TYPE;

    private MoleculeCells() {
    }

    /** @return true if cells of the column can be read as molecules */
    public static boolean isMoleculeColumn(final DataColumnSpec c) {
        var t = c.getType();
        return t.isCompatible(SdfValue.class) || t.isCompatible(MolValue.class) || t.isCompatible(SmilesValue.class)
            || t.isCompatible(StringValue.class);
    }

    /** @return the best default molecule column: SDF, then Mol, then SMILES, then the first string column */
    public static Optional<String> defaultColumn(final DataTableSpec spec) {
        for (var value : new Class[]{SdfValue.class, MolValue.class, SmilesValue.class, StringValue.class}) {
            @SuppressWarnings("unchecked")
            var match = spec.stream().filter(c -> c.getType().isCompatible(value)).findFirst();
            if (match.isPresent()) {
                return Optional.of(match.get().getName());
            }
        }
        return Optional.empty();
    }

    /**
     * @param setting the setting's title, for the message
     * @return the column's index
     * @throws InvalidSettingsException naming the setting and column when it is absent or not molecules
     */
    public static int require(final DataTableSpec spec, final String column, final String setting)
        throws InvalidSettingsException {
        if (column == null || column.isBlank()) {
            throw new InvalidSettingsException("Setting \"" + setting + "\": no column selected" + suggestion(spec)
                + ".");
        }
        int i = spec.findColumnIndex(column);
        if (i < 0) {
            throw new InvalidSettingsException("Setting \"" + setting + "\": column \"" + column
                + "\" is not in the input table" + suggestion(spec) + ".");
        }
        if (!isMoleculeColumn(spec.getColumnSpec(i))) {
            throw new InvalidSettingsException("Setting \"" + setting + "\": column \"" + column + "\" holds "
                + spec.getColumnSpec(i).getType() + ", not molecules (SDF, Mol, SMILES or string)" + suggestion(spec)
                + ".");
        }
        return i;
    }

    private static String suggestion(final DataTableSpec spec) {
        return defaultColumn(spec).map(c -> " (e.g. \"" + c + "\")").orElse(" (the table has no molecule column)");
    }

    /**
     * @return the molecule of a non-missing cell (titled with the row key)
     * @throws IllegalArgumentException with the parser's reason
     */
    public static IAtomContainer read(final DataCell cell, final String title) {
        String text;
        MoleculeReaders.Format format;
        if (cell instanceof SdfValue v) {
            text = v.getSdfValue();
            format = MoleculeReaders.Format.SDF;
        } else if (cell instanceof MolValue v) {
            text = v.getMolValue();
            format = MoleculeReaders.Format.SDF;
        } else if (cell instanceof SmilesValue v) {
            text = v.getSmilesValue();
            format = MoleculeReaders.Format.SMILES;
        } else if (cell instanceof StringValue v) {
            text = v.getStringValue();
            format = looksLikeMolBlock(text) ? MoleculeReaders.Format.SDF : MoleculeReaders.Format.SMILES;
        } else {
            throw new IllegalArgumentException("a " + cell.getType() + " cell is not a molecule");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty molecule");
        }
        if (format == MoleculeReaders.Format.SMILES && text.strip().contains("\n")) {
            throw new IllegalArgumentException("a SMILES cell holds several lines");
        }
        ReadResult r;
        try (var records = MoleculeReaders.read(new StringReader(text), format, "the cell")) {
            r = records.findFirst().orElseThrow(() -> new IllegalArgumentException("no molecule in the cell"));
        } catch (java.io.UncheckedIOException e) { // e.g. a line beyond the readers' bound
            throw new IllegalArgumentException(e.getCause().getMessage(), e);
        }
        if (!r.isOk()) {
            throw new IllegalArgumentException(r.error());
        }
        var mol = r.molecule(); // a record without atoms is a failed record (ReadResult.ok)
        mol.setTitle(title);
        return mol;
    }

    private static boolean looksLikeMolBlock(final String s) {
        return s.contains("M  END") || s.contains("V2000") || s.contains("V3000");
    }

    public static DataCell sdfCell(final String sdf) {
        return SdfCellFactory.create(sdf);
    }

    public static DataCell smilesCell(final String smiles) {
        return SmilesCellFactory.create(smiles);
    }
}
