package dev.flowmatch.engine.encoder;

import java.util.List;

import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.fingerprint.MACCSFingerprinter;
import org.openscience.cdk.interfaces.IAtomContainer;

import dev.flowmatch.engine.chem.MoleculeOutput;

/** The 166 MACCS structural keys (CDK's SMARTS definitions) as a 0/1 vector: key k at index k − 1. */
public final class MaccsEncoder implements FrozenEncoder {

    /** Number of MACCS keys. */
    public static final int KEYS = 166;

    private final MACCSFingerprinter m_fingerprinter = new MACCSFingerprinter();

    @Override
    public String name() {
        return "MACCS keys";
    }

    @Override
    public String version() {
        return "cdk-maccs-1";
    }

    @Override
    public int dimension() {
        return KEYS;
    }

    @Override
    public synchronized float[][] embed(final List<IAtomContainer> molecules) {
        var out = new float[molecules.size()][];
        for (int i = 0; i < out.length; i++) {
            var v = new float[KEYS];
            try {
                var heavy = MoleculeOutput.heavyAromaticCopy(molecules.get(i));
                var bits = m_fingerprinter.getBitFingerprint(heavy).asBitSet();
                for (int k = bits.nextSetBit(0); k >= 0 && k < KEYS; k = bits.nextSetBit(k + 1)) {
                    v[k] = 1;
                }
            } catch (CDKException | RuntimeException e) {
                throw new IllegalArgumentException(FrozenEncoder.describe(i, molecules.get(i))
                    + " cannot be fingerprinted (MACCS): " + e.getMessage(), e);
            }
            out[i] = v;
        }
        return out;
    }
}
