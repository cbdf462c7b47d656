package dev.flowmatch.engine.encoder;

import java.util.List;

import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * A pretrained encoder whose weights never change: molecules to fixed-size vectors. Used as REPA targets
 * (embeddings of the clean training molecules, computed once) and for Fréchet distances between sets.
 * Implementations are deterministic (the same molecule always gives the same vector), batch internally, and
 * never modify the molecules they are given.
 */
public interface FrozenEncoder extends AutoCloseable {

    /** @return a short name for column headers and model files, e.g. "ECFP2 counts (64)" */
    String name();

    /** @return version of the encoder (weights or algorithm), stored with every model trained against it */
    String version();

    /** @return the embedding dimension E */
    int dimension();

    /**
     * @return null when {@link #embed} can handle the molecule, else why not (for per-row warnings), e.g.
     *         "it has no 3D coordinates"
     */
    default String check(final IAtomContainer molecule) {
        return molecule.getAtomCount() == 0 ? "it has no atoms" : null;
    }

    /**
     * @param molecules molecules (with or without coordinates, as the encoder needs)
     * @return one vector of length E per molecule, in input order
     * @throws IllegalArgumentException naming the molecule the encoder cannot handle
     */
    float[][] embed(List<IAtomContainer> molecules);

    /** @return whether {@link #embedAtoms} gives per-atom vectors */
    default boolean hasAtomEmbeddings() {
        return false;
    }

    /**
     * @return per molecule, one vector of length E per input atom (in the molecule's atom order)
     * @throws UnsupportedOperationException if the encoder has only molecule-level vectors
     */
    default List<float[][]> embedAtoms(final List<IAtomContainer> molecules) {
        throw new UnsupportedOperationException(name() + " gives molecule-level vectors only.");
    }

    /** Frees native memory the encoder holds; it cannot be used afterwards. */
    @Override
    default void close() {
    }

    /** @return "molecule 3 (title)": how errors name a molecule of a batch (1-based) */
    static String describe(final int index, final IAtomContainer molecule) {
        var title = molecule.getTitle();
        return "Molecule " + (index + 1) + (title == null || title.isBlank() ? "" : " (" + title + ")");
    }
}
