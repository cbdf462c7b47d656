package dev.flowmatch.engine.metrics;

import java.util.List;
import java.util.stream.IntStream;

import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.fingerprint.CircularFingerprinter;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;

import dev.flowmatch.engine.chem.MoleculeChecks;
import dev.flowmatch.engine.chem.MoleculeOutput;

/** Computes {@link MoleculeProfile}s in parallel, one set of CDK helpers per thread. */
public final class MoleculeProfiler {

    /** ECFP4 length, as MOSES (Morgan radius 2, 1024 bits). */
    public static final int ECFP_BITS = 1024;

    private static final ThreadLocal<Helpers> HELPERS = ThreadLocal.withInitial(Helpers::new);

    private MoleculeProfiler() {
    }

    private static final class Helpers {
        final CircularFingerprinter ecfp = new CircularFingerprinter(CircularFingerprinter.CLASS_ECFP4, ECFP_BITS);

        final Descriptors descriptors = new Descriptors();

        final SmilesGenerator unique = new SmilesGenerator(SmiFlavor.Unique | SmiFlavor.UseAromaticSymbols);

        final SmilesGenerator canonical = new SmilesGenerator(SmiFlavor.Canonical | SmiFlavor.UseAromaticSymbols);
    }

    /** @return one profile per molecule, in order; never throws for a bad molecule */
    public static List<MoleculeProfile> profile(final List<IAtomContainer> molecules) {
        return IntStream.range(0, molecules.size()).parallel().mapToObj(i -> profile(molecules.get(i))).toList();
    }

    public static MoleculeProfile profile(final IAtomContainer mol) {
        var report = MoleculeChecks.check(mol);
        var edm = EdmStability.check(mol);
        if (!report.valid()) {
            return invalid(report, edm, report.problem());
        }
        var h = HELPERS.get();
        try {
            var heavy = MoleculeOutput.heavyAromaticCopy(MoleculeChecks.largestFragment(mol));
            var smiles = h.canonical.create(heavy);
            var bits = h.ecfp.getBitFingerprint(heavy).asBitSet().toLongArray();
            var words = java.util.Arrays.copyOf(bits, ECFP_BITS / 64);
            var scaffold = h.unique.create(Scaffolds.bemisMurcko(heavy));
            return new MoleculeProfile(true, report.fragments(), edm, report.stableAtoms(), report.neutralStableAtoms(),
                report.atoms(), null, smiles, words, scaffold, RingChainFragments.of(heavy), descriptors(heavy, h));
        } catch (CDKException | RuntimeException e) {
            return invalid(report, edm, "cannot be profiled: " + e.getMessage());
        }
    }

    private static MoleculeProfile invalid(final MoleculeChecks.Report report, final EdmStability.Result edm,
        final String problem) {
        return new MoleculeProfile(false, report.fragments(), edm, report.stableAtoms(), report.neutralStableAtoms(),
            report.atoms(), problem, null, null, null, null, null);
    }

    /**
     * @return the canonical SMILES profiles use (largest fragment, hydrogen-suppressed, aromatic symbols), e.g.
     *         for a training
     *         set's novelty lookup
     */
    public static String canonicalSmiles(final IAtomContainer mol) throws CDKException {
        var largest = MoleculeChecks.largestFragment(mol);
        return HELPERS.get().canonical.create(MoleculeOutput.heavyAromaticCopy(largest));
    }

    /** @return the descriptors, or null where CDK cannot compute one (e.g. an atom type its logP model lacks) */
    private static double[] descriptors(final IAtomContainer heavy, final Helpers h) {
        try {
            return h.descriptors.compute(heavy);
        } catch (CDKException | RuntimeException e) {
            return null;
        }
    }
}
