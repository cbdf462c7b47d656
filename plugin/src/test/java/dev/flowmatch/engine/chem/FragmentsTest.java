package dev.flowmatch.engine.chem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;
import org.openscience.cdk.smiles.SmilesParser;

/** Salts, solvates and mixtures give up their parent compound; single molecules stay as they are. */
class FragmentsTest {

    private static IAtomContainer mol(final String smiles) throws Exception {
        return new SmilesParser(SilentChemObjectBuilder.getInstance()).parseSmiles(smiles);
    }

    private static String smiles(final IAtomContainer m) throws Exception {
        return new SmilesGenerator(SmiFlavor.Canonical).create(m);
    }

    @Test
    void theLargestOrganicFragmentIsKeptAndTheOthersNamed() throws Exception {
        var salt = mol("[Na+].[O-]C(=O)c1ccccc1.O");
        salt.setTitle("sodium benzoate hydrate");
        var p = Fragments.largestOrganic(salt);
        assertTrue(p.stripped());
        assertEquals(smiles(mol("[O-]C(=O)c1ccccc1")), smiles(p.molecule()));
        assertEquals(List.of("[Na+]", "O"), p.removed());
        assertEquals("sodium benzoate hydrate", p.molecule().getTitle());
        // the largest by heavy atoms, not the first: the HCl salt of an amine
        var hcl = Fragments.largestOrganic(mol("Cl.CCN(CC)CC"));
        assertEquals(smiles(mol("CCN(CC)CC")), smiles(hcl.molecule()));
        assertEquals(List.of("Cl"), hcl.removed());
        // a carbon-free counter-ion larger than the organic part still goes: carbon decides "organic"
        var big = Fragments.largestOrganic(mol("C.[O-]S(=O)(=O)[O-]"));
        assertEquals("C", smiles(big.molecule()));
    }

    @Test
    void singleMoleculesAndInorganicSaltsAreNotParents() throws Exception {
        var water = mol("O");
        var p = Fragments.largestOrganic(water);
        assertSame(water, p.molecule(), "one fragment, carbon or not, is the record itself");
        assertFalse(p.stripped());
        var nacl = Fragments.largestOrganic(mol("[Na+].[Cl-]"));
        assertNull(nacl.molecule(), "an inorganic salt has no organic parent");
        assertEquals(List.of("[Na+]", "[Cl-]"), nacl.removed());
    }

    /**
     * A chain of 6,800 carbons (20,405 atoms with hydrogens) is refused by its size before CDK's component search,
     * which recurses once per atom and overflowed the stack of a loaded machine; run here on a thread with a small
     * stack, where that search overflows every time.
     */
    @Test
    void recordsAboveTheAtomLimitAreRefusedBeforeTheComponentSearch() throws Exception {
        var chain = mol("C" + "(C".repeat(6800) + ")".repeat(6800));
        var error = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        var t = new Thread(null, () -> {
            try {
                Fragments.largestOrganic(chain);
            } catch (Throwable e) {
                error.set(e);
            }
        }, "small stack", 256 * 1024);
        t.start();
        t.join();
        assertTrue(error.get() instanceof IllegalArgumentException, String.valueOf(error.get()));
        assertEquals("it has 20,405 atoms with hydrogens, more than the 1,024 a molecule may have here",
            error.get().getMessage());
        var fits = Fragments.largestOrganic(mol("C".repeat(300) + ".O"));
        assertEquals(List.of("O"), fits.removed(), "902 atoms with hydrogens: below the limit, stripped as usual");
    }
}
