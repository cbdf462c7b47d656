package dev.flowmatch.engine.metrics;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * A reference set prepared once and compared with any number of generated sets, as FCD's reference
 * statistics are: the CDK profile of every molecule, the ECFP4 pair statistics of the set with itself, the
 * RBF bandwidth (median heuristic on the reference alone, so MMD² values of different generated sets use
 * one kernel and stay comparable), the canonical SMILES (for novelty when it is also the training set) and the
 * bond lengths and angles by type of its 3D molecules ({@link BondGeometry}).
 */
public final class ReferenceSet {

    private final List<MoleculeProfile> m_valid;

    private final List<long[]> m_fingerprints;

    private final double m_bandwidth;

    private final Tanimoto.PairStats m_self;

    private final BondGeometry.Samples m_geometry;

    private ReferenceSet(final List<MoleculeProfile> profiles, final BondGeometry.Samples geometry) {
        m_valid = profiles.stream().filter(MoleculeProfile::valid).toList();
        if (m_valid.size() < 2) {
            throw new IllegalArgumentException(
                "A reference set needs at least 2 valid molecules; got " + m_valid.size() + " of " + profiles.size() + ".");
        }
        m_fingerprints = m_valid.stream().map(MoleculeProfile::ecfp).toList();
        m_bandwidth = Mmd.medianHeuristicBits(m_fingerprints, m_fingerprints);
        m_self = Tanimoto.pairs(m_fingerprints, m_fingerprints, m_bandwidth);
        m_geometry = geometry;
    }

    /** Profiles the molecules (in parallel) and computes the set's own statistics. */
    public static ReferenceSet of(final List<IAtomContainer> molecules) {
        return new ReferenceSet(MoleculeProfiler.profile(molecules), BondGeometry.of(molecules));
    }

    /** @return a reference from profiles already computed (without bond geometry: profiles hold no coordinates) */
    public static ReferenceSet ofProfiles(final List<MoleculeProfile> profiles) {
        return new ReferenceSet(profiles, null);
    }

    /** @return bond lengths and angles of the 3D molecules, or null for a reference made from profiles */
    public BondGeometry.Samples geometry() {
        return m_geometry;
    }

    List<MoleculeProfile> valid() {
        return m_valid;
    }

    List<long[]> fingerprints() {
        return m_fingerprints;
    }

    /** @return the RBF bandwidth on ECFP4 bits fixed by this reference */
    public double bandwidth() {
        return m_bandwidth;
    }

    Tanimoto.PairStats self() {
        return m_self;
    }

    /** @return canonical SMILES of the valid molecules (novelty against this set) */
    public Set<String> smiles() {
        return m_valid.stream().map(MoleculeProfile::smiles).collect(Collectors.toUnmodifiableSet());
    }
}
