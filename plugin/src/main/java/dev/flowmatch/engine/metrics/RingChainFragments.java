package dev.flowmatch.engine.metrics;

import java.util.ArrayList;
import java.util.List;

import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.ConnectivityChecker;
import org.openscience.cdk.graph.Cycles;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;

/**
 * Fragments for MOSES-style fragment similarity: the molecule cut at every acyclic bond between a ring
 * atom and a non-ring atom, giving ring systems and chains, each as canonical SMILES. MOSES cuts at BRICS
 * bonds, which CDK does not provide; ring/chain cuts are simpler and comparable in spirit (they separate
 * cyclic cores from substituents) but not numerically equal to MOSES' Frag.
 */
final class RingChainFragments {

    private static final SmilesGenerator SMILES = new SmilesGenerator(SmiFlavor.Unique | SmiFlavor.UseAromaticSymbols);

    private RingChainFragments() {
    }

    static List<String> of(final IAtomContainer mol) throws CDKException {
        IAtomContainer copy;
        try {
            copy = mol.clone();
        } catch (CloneNotSupportedException e) {
            throw new CDKException("Cannot copy molecule for fragmentation", e);
        }
        Cycles.markRingAtomsAndBonds(copy);
        var cut = new ArrayList<IBond>();
        for (var b : copy.bonds()) {
            if (!b.isInRing() && b.getBegin().isInRing() != b.getEnd().isInRing()) {
                cut.add(b);
            }
        }
        for (var b : cut) {
            // each side keeps an implicit hydrogen where the bond was, so fragments are whole molecules
            b.getBegin().setImplicitHydrogenCount(b.getBegin().getImplicitHydrogenCount() + b.getOrder().numeric());
            b.getEnd().setImplicitHydrogenCount(b.getEnd().getImplicitHydrogenCount() + b.getOrder().numeric());
            copy.removeBond(b);
        }
        var out = new ArrayList<String>();
        for (var part : ConnectivityChecker.partitionIntoMolecules(copy).atomContainers()) {
            out.add(SMILES.create(part));
        }
        return out;
    }
}
