package dev.flowmatch.engine.metrics;

import java.util.ArrayList;

import org.openscience.cdk.aromaticity.Aromaticity;
import org.openscience.cdk.aromaticity.ElectronDonation;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.Cycles;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;
import org.openscience.cdk.tools.manipulator.AtomContainerManipulator;

/**
 * Bemis–Murcko scaffolds: ring systems and the linkers between them, side chains pruned, with the
 * hydrogens of atoms that lost a side chain restored (CDK's MurckoFragmenter leaves those atoms as
 * radicals, so its SMILES would not compare with other sources). Exocyclic double bonds to ring or linker
 * atoms are kept, as in RDKit's MurckoScaffold that MOSES uses.
 */
public final class Scaffolds {

    private Scaffolds() {
    }

    /**
     * @return the canonical SMILES of the Bemis–Murcko scaffold of any molecule (hydrogens explicit or not; not
     *         modified), "" for an acyclic one
     * @throws IllegalArgumentException if CDK cannot write the scaffold
     */
    public static String smiles(final IAtomContainer molecule) {
        try {
            var heavy = molecule.clone();
            for (var a : heavy.atoms()) {
                if (a.getImplicitHydrogenCount() == null) {
                    a.setImplicitHydrogenCount(0);
                }
            }
            heavy = AtomContainerManipulator.suppressHydrogens(heavy);
            var scaffold = bemisMurcko(heavy);
            if (scaffold.isEmpty()) {
                return "";
            }
            // aromatic symbols: the two Kekulé forms of a ring must give one scaffold
            new Aromaticity(ElectronDonation.daylight(), Cycles.or(Cycles.all(), Cycles.all(6))).apply(scaffold);
            return new SmilesGenerator(SmiFlavor.Unique | SmiFlavor.UseAromaticSymbols).create(scaffold);
        } catch (CloneNotSupportedException | CDKException e) {
            throw new IllegalArgumentException("No scaffold SMILES: " + e.getMessage(), e);
        }
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
