package dev.flowmatch.engine.metrics;

import java.util.List;

import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.Cycles;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IRing;
import org.openscience.cdk.qsar.descriptors.molecular.ALOGPDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.HBondAcceptorCountDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.HBondDonorCountDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.RotatableBondsCountDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.TPSADescriptor;
import org.openscience.cdk.qsar.result.DoubleArrayResult;
import org.openscience.cdk.qsar.result.DoubleResult;
import org.openscience.cdk.qsar.result.IntegerResult;
import org.openscience.cdk.tools.manipulator.AtomContainerManipulator;

/**
 * The physico-chemical descriptors whose distributions GuacaMol compares (molecular weight, logP, TPSA,
 * H-bond donors and acceptors, rotatable bonds, aliphatic and aromatic rings), computed with CDK
 * (logP by CDK's ALOGP, Ghose–Crippen atom contributions, the same family as the Wildman–Crippen logP of RDKit
 * that GuacaMol uses, and about 3× faster than CDK's XLogP). One instance per thread: CDK descriptor objects
 * keep state.
 */
final class Descriptors {

    /** Names, in the order of {@link #compute}; the first {@link #CONTINUOUS} are continuous. */
    static final List<String> NAMES = List.of("Molecular weight", "logP", "TPSA", "H-bond acceptors", "H-bond donors",
        "Rotatable bonds", "Aliphatic rings", "Aromatic rings");

    static final int CONTINUOUS = 3;

    private final ALOGPDescriptor m_logP;

    private final TPSADescriptor m_tpsa = new TPSADescriptor();

    private final HBondAcceptorCountDescriptor m_hba = new HBondAcceptorCountDescriptor();

    private final HBondDonorCountDescriptor m_hbd = new HBondDonorCountDescriptor();

    private final RotatableBondsCountDescriptor m_rot = new RotatableBondsCountDescriptor();

    Descriptors() {
        try {
            m_logP = new ALOGPDescriptor();
        } catch (CDKException e) {
            throw new IllegalStateException("CDK's ALOGP tables cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** @param mol a valid molecule with aromaticity perceived (not changed) */
    double[] compute(final IAtomContainer mol) throws CDKException {
        var d = new double[NAMES.size()];
        d[0] = AtomContainerManipulator.getMass(mol, AtomContainerManipulator.MolWeight);
        d[1] = ((DoubleArrayResult)m_logP.calculate(mol).getValue()).get(0); // ALogP, before ALogP² and AMR
        if (!Double.isFinite(d[1])) {
            throw new CDKException("ALOGP has no value for this molecule"); // CDK reports failure as NaN
        }
        d[2] = ((DoubleResult)m_tpsa.calculate(mol).getValue()).doubleValue();
        d[3] = ((IntegerResult)m_hba.calculate(mol).getValue()).intValue();
        d[4] = ((IntegerResult)m_hbd.calculate(mol).getValue()).intValue();
        d[5] = ((IntegerResult)m_rot.calculate(mol).getValue()).intValue();
        int aromatic = 0;
        int aliphatic = 0;
        for (var ring : Cycles.sssr(mol).toRingSet().atomContainers()) {
            if (isAromatic((IRing)ring)) {
                aromatic++;
            } else {
                aliphatic++;
            }
        }
        d[6] = aliphatic;
        d[7] = aromatic;
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                throw new CDKException(NAMES.get(i) + " is not finite (" + d[i] + ").");
            }
        }
        return d;
    }

    private static boolean isAromatic(final IRing ring) {
        for (var b : ring.bonds()) {
            if (!b.isAromatic()) {
                return false;
            }
        }
        return true;
    }
}
