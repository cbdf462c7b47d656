package dev.flowmatch.engine.chem;

import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * One record of an input file: the molecule, or why it could not be read. Readers never drop a record,
 * so {@code index} (0-based position in the file) always lines up with the input.
 *
 * @param index 0-based record number in the input
 * @param line 1-based line on which the record starts (0 if the source has no lines)
 * @param title the record's name (SDF title line, XYZ comment, SMILES title) or "" if none
 * @param molecule the molecule, null if the record is bad
 * @param error why the record is bad, null if it is fine
 */
public record ReadResult(long index, long line, String title, IAtomContainer molecule, String error) {

    /** @return the molecule read, or a failed record when it has no atoms (the SMILES ".") or a pseudo-atom */
    static ReadResult ok(final long index, final long line, final String title, final IAtomContainer molecule) {
        if (molecule.getAtomCount() == 0) {
            return failed(index, line, title, "record starting at line " + line + " has no atoms");
        }
        for (var a : molecule.atoms()) { // a placeholder is no atom a model can learn or a chemist can make
            if (AtomSpec.isPlaceholder(a)) {
                return failed(index, line, title, "record starting at line " + line + " has a "
                    + AtomSpec.placeholder(a));
            }
        }
        return new ReadResult(index, line, title == null ? "" : title, molecule, null);
    }

    static ReadResult failed(final long index, final long line, final String title, final String error) {
        return new ReadResult(index, line, title == null ? "" : title, null, error);
    }

    public boolean isOk() {
        return error == null;
    }

    @Override
    public String toString() {
        return isOk() ? "record " + index + " (" + title + ")" : "record " + index + ": " + error;
    }
}
