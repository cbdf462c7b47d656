package dev.flowmatch.nodes.common;

import org.knime.core.data.DataColumnSpec;
import org.knime.node.parameters.widget.choices.util.FilteredInputTableColumnsProvider;

/**
 * The dropdowns of our column settings: each offers only the columns its node can read (the same tests the
 * nodes apply at configure time), so a user picks from molecule or vector columns instead of typing a name.
 */
public final class ColumnChoices {

    private ColumnChoices() {
    }

    /** Molecule columns (SDF, Mol, SMILES or string) of the first input. */
    public static class Molecules implements FilteredInputTableColumnsProvider {
        @Override
        public boolean isIncluded(final DataColumnSpec col) {
            return MoleculeCells.isMoleculeColumn(col);
        }
    }

    /** Molecule columns of the second input (e.g. a reference table). */
    public static final class SecondInputMolecules extends Molecules {
        @Override
        public int getInputTableIndex() {
            return 1;
        }
    }

    /** Vector columns (collections of numbers) of the first input. */
    public static final class Vectors implements FilteredInputTableColumnsProvider {
        @Override
        public boolean isIncluded(final DataColumnSpec col) {
            return VectorCells.isVectorColumn(col);
        }
    }

    /** Molecule or vector columns of the first input. */
    public static final class MoleculesOrVectors implements FilteredInputTableColumnsProvider {
        @Override
        public boolean isIncluded(final DataColumnSpec col) {
            return MoleculeCells.isMoleculeColumn(col) || VectorCells.isVectorColumn(col);
        }
    }

    /** Numeric columns (integers and doubles) of the first input. */
    public static final class Numbers implements FilteredInputTableColumnsProvider {
        @Override
        public boolean isIncluded(final DataColumnSpec col) {
            return col.getType().isCompatible(org.knime.core.data.DoubleValue.class);
        }
    }
}
