package dev.flowmatch.engine.encoder;

import java.util.List;

import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * A pretrained encoder whose weights never change: molecules to fixed-size vectors. Used as REPA targets
 * (embeddings of the clean training molecules, computed once) and for Fréchet distances between sets.
 * Implementations are deterministic: the same molecule always gives the same vector.
 */
public interface FrozenEncoder {

    /** @return a short name for column headers and model files, e.g. "ECFP counts r=1 (64)" */
    String name();

    /** @return version of the encoder (weights or algorithm), stored with every model trained against it */
    String version();

    /** @return the embedding dimension E */
    int dimension();

    /**
     * @param molecules molecules (with or without coordinates, as the encoder needs)
     * @return one vector of length E per molecule, in input order
     * @throws IllegalArgumentException naming the molecule the encoder cannot handle
     */
    float[][] embed(List<IAtomContainer> molecules);
}
