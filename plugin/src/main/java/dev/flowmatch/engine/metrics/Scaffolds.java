package dev.flowmatch.engine.metrics;

import java.util.ArrayList;

import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;

/**
 * Bemis–Murcko scaffolds: ring systems and the linkers between them, side chains pruned, with the
 * hydrogens of atoms that lost a side chain restored (CDK's MurckoFragmenter leaves those atoms as
 * radicals, so its SMILES would not compare with other sources). Exocyclic double bonds to ring or linker
 * atoms are kept, as in RDKit's MurckoScaffold that MOSES uses.
 */
final class Scaffolds {

    private Scaffolds() {
    }

    /** @return the scaffold (a new container; empty for acyclic molecules) of a hydrogen-suppressed molecule */
    static IAtomContainer bemisMurcko(final IAtomContainer heavy) {
        IAtomContainer s;
        try {
            s = heavy.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("Cannot copy molecule", e);
        }
        boolean pruned = true;
        while (pruned) {
            pruned = false;
            var terminal = new ArrayList<IAtom>();
            for (var a : s.atoms()) {
                var bonds = s.getConnectedBondsList(a);
                if (bonds.size() == 0) {
                    terminal.add(a); // no ring is a single atom
                } else if (bonds.size() == 1 && !isExocyclicDouble(s, bonds.get(0), a)) {
                    terminal.add(a);
                }
            }
            for (var a : terminal) {
                for (var b : s.getConnectedBondsList(a)) {
                    var other = b.getOther(a);
                    int h = other.getImplicitHydrogenCount() == null ? 0 : other.getImplicitHydrogenCount();
                    other.setImplicitHydrogenCount(h + b.getOrder().numeric());
                }
                s.removeAtom(a);
                pruned = true;
            }
        }
        return s;
    }

    /** A double bond from a terminal atom to an atom with three or more bonds (a ring or linker atom). */
    private static boolean isExocyclicDouble(final IAtomContainer s, final IBond b, final IAtom terminal) {
        return b.getOrder() == IBond.Order.DOUBLE && s.getConnectedBondsCount(b.getOther(terminal)) >= 3;
    }
}
