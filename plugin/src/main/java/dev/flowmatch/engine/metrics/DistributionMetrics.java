package dev.flowmatch.engine.metrics;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * Every metric of a generated set in one ordered table, as the Distribution Metrics node shows it: the
 * set's own metrics, the metrics against a reference set (when given), 3D geometry checks (when asked),
 * and bootstrap confidence intervals for the per-molecule rates (connected validity, validity, connectivity,
 * molecule stability). Names are the columns users see. Stability is reported two ways under names that cannot
 * be confused: EDM's rule on coordinates alone (what the papers report) and by the molecules' perceived bonds and
 * charges (lenient).
 */
public final class DistributionMetrics {

    /** The headline metric: valid and a single fragment. */
    public static final String CONNECTED_VALIDITY = "Connected validity";

    /** EDM's rule ({@link EdmStability}): the stability EDM, EquiFM and GeoLDM report. */
    public static final String MOLECULE_STABILITY_EDM = "Molecule stability (EDM)";

    public static final String ATOM_STABILITY_EDM = "Atom stability (EDM)";

    /** Stability by the molecules' perceived bonds and charges: lenient, not comparable with the papers'. */
    public static final String MOLECULE_STABILITY_PERCEIVED = "Molecule stability (perceived bonds)";

    public static final String ATOM_STABILITY_PERCEIVED = "Atom stability (perceived bonds)";

    /** Reference-count-weighted mean W1 of bond lengths per heavy-atom bond type ({@link BondGeometry}). */
    public static final String BOND_LENGTH_W1 = "Bond length W1, heavy atoms (Å)";

    public static final String BOND_ANGLE_W1 = "Bond angle W1 (°)";

    /** Names of the set's own metrics, EDM's stability first (see {@link SetMetrics} for each definition). */
    public static final List<String> SET_NAMES = List.of("Molecules", MOLECULE_STABILITY_EDM, ATOM_STABILITY_EDM,
        CONNECTED_VALIDITY, "Validity", "Valid & unique", "Uniqueness", "Novelty", "Connectivity",
        "Fragments per molecule", "Molecules EDM's rule cannot judge", MOLECULE_STABILITY_PERCEIVED,
        ATOM_STABILITY_PERCEIVED, "Molecule stability (perceived bonds, neutral table)",
        "Atom stability (perceived bonds, neutral table)", "IntDiv1", "IntDiv2");

    /** Names of the bond geometry against a reference (3D on both sides). */
    public static final List<String> BOND_GEOMETRY_NAMES = List.of(BOND_LENGTH_W1, BOND_ANGLE_W1,
        "Bonds of types absent from the reference");

    /** Bin width in Å of the bonded-distance histograms. */
    public static final double HISTOGRAM_WIDTH = 0.01;

    /** The per-molecule rates that get bootstrap intervals when asked. */
    public static final List<String> BOOTSTRAPPED = List.of(MOLECULE_STABILITY_EDM, CONNECTED_VALIDITY, "Validity",
        "Connectivity");

    private DistributionMetrics() {
    }

    /**
     * @param geometry run the 3D checks on generated molecules that have coordinates
     * @param bootstrapResamples 0 for none, else e.g. 1,000 (95% percentile intervals)
     * @param seed for the bootstrap
     */
    public record Options(boolean geometry, int bootstrapResamples, long seed) {
        public static Options defaults() {
            return new Options(true, 0, 1);
        }
    }

    /**
     * @param values metric name → value (NaN where undefined)
     * @param intervals metric name → 95% bootstrap interval, for the rates that have one
     * @param profiles per generated molecule
     * @param geometry per generated molecule (empty when not asked)
     * @param bondGeometry bond lengths and angles by type against the reference, or null (no reference, no 3D,
     *            or geometry not asked)
     * @param histograms bonded distances per element pair, generated against reference (empty when not asked)
     * @param missing for every value that is NaN, why it could not be computed (one sentence)
     */
    public record Result(Map<String, Double> values, Map<String, Bootstrap.Interval> intervals,
        List<MoleculeProfile> profiles, List<GeometryChecks.Report> geometry, BondGeometry.Comparison bondGeometry,
        List<BondGeometry.HistogramBin> histograms, Map<String, String> missing) {
    }

    /**
     * @param reference molecules to compare with, or null
     * @param training training molecules for novelty, or null
     * @param embeddingName name of the given embeddings (e.g. "ECFP4" or an encoder); null to use ECFP4 bits
     * @param genEmbeddings, refEmbeddings vectors for the Fréchet distance and RBF MMD², or null
     */
    public static Result compute(final List<IAtomContainer> generated, final List<IAtomContainer> reference,
        final Collection<IAtomContainer> training, final String embeddingName, final double[][] genEmbeddings,
        final double[][] refEmbeddings, final Options options) {
        return compute(generated, reference == null ? null : ReferenceSet.of(reference),
            training == null ? null : canonical(training), embeddingName, genEmbeddings, refEmbeddings, options);
    }

    /**
     * As above against a reference prepared once ({@link ReferenceSet}), which is how a reference table is
     * compared with many generated sets without profiling it again.
     *
     * @param trainingSmiles canonical SMILES of the training set for novelty (e.g. {@link ReferenceSet#smiles()}),
     *            or null
     */
    public static Result compute(final List<IAtomContainer> generated, final ReferenceSet reference,
        final java.util.Set<String> trainingSmiles, final String embeddingName, final double[][] genEmbeddings,
        final double[][] refEmbeddings, final Options options) {
        var profiles = MoleculeProfiler.profile(generated);
        var genFp = profiles.stream().filter(MoleculeProfile::valid).map(MoleculeProfile::ecfp).toList();
        Tanimoto.PairStats genPairs = null;
        if (genFp.size() >= 2) { // shared by IntDiv and the reference metrics
            // the RBF MMD² on ECFP4 bits is needed only against a reference, with its bandwidth
            double h = reference != null && genEmbeddings == null ? reference.bandwidth() : Double.NaN;
            genPairs = Tanimoto.pairs(genFp, genFp, h);
        }
        var set = SetMetrics.of(profiles, trainingSmiles, genPairs);
        var values = new LinkedHashMap<String, Double>();
        double[] setValues = {set.molecules(), set.edmMoleculeStability(), set.edmAtomStability(),
            set.connectedValidity(), set.validity(), set.validUnique(), set.uniqueness(), set.novelty(),
            set.connectivity(), set.fragmentsPerMolecule(), set.edmNotJudged(), set.perceivedMoleculeStability(),
            set.perceivedAtomStability(), set.perceivedNeutralMoleculeStability(),
            set.perceivedNeutralAtomStability(), set.intDiv1(), set.intDiv2()};
        for (int i = 0; i < SET_NAMES.size(); i++) {
            values.put(SET_NAMES.get(i), setValues[i]);
        }
        if (reference != null && genFp.size() < 2) {
            // too few valid molecules to compare distributions: the reference metrics are undefined, not an error
            var all = names(true, embeddingName, false);
            all.subList(SET_NAMES.size(), all.size()).forEach(name -> values.put(name, Double.NaN));
        } else if (reference != null) {
            var ref = ReferenceMetrics.of(profiles, reference, embeddingName, genEmbeddings, refEmbeddings, genPairs);
            values.put("Fréchet distance (" + ref.embedding() + ")", ref.frechetDistance());
            values.put("MMD² (RBF, " + (genEmbeddings == null ? "ECFP4" : ref.embedding()) + ")", ref.mmdRbf());
            values.put("MMD² (Tanimoto, ECFP4)", ref.mmdTanimoto());
            values.put("SNN", ref.snn());
            values.put("Frag", ref.fragments());
            values.put("Scaf", ref.scaffolds());
            for (int d = 0; d < ReferenceMetrics.DESCRIPTORS.size(); d++) {
                values.put("KL " + ReferenceMetrics.DESCRIPTORS.get(d), ref.klPerDescriptor()[d]);
            }
            values.put("KL score", ref.klScore());
        }
        List<GeometryChecks.Report> geometry = List.of();
        var intervals = new LinkedHashMap<String, Bootstrap.Interval>();
        BondGeometry.Comparison bonds = null;
        List<BondGeometry.HistogramBin> histograms = List.of();
        if (options.geometry()) {
            var genGeometry = BondGeometry.of(generated);
            var refGeometry = reference == null ? null : reference.geometry();
            if (refGeometry != null && genGeometry.molecules() > 0 && refGeometry.molecules() > 0) {
                bonds = BondGeometry.compare(genGeometry, refGeometry);
                values.put(BOND_LENGTH_W1, bonds.bondLengthW1());
                values.put(BOND_ANGLE_W1, bonds.bondAngleW1());
                values.put(BOND_GEOMETRY_NAMES.get(2), bonds.unmatchedBonds());
            } else if (reference != null) {
                BOND_GEOMETRY_NAMES.forEach(name -> values.put(name, Double.NaN));
            }
            histograms = BondGeometry.histograms(genGeometry, refGeometry, HISTOGRAM_WIDTH);
            geometry = generated.parallelStream().map(GeometryChecks::check).toList();
            var with3d = geometry.stream().filter(GeometryChecks.Report::has3d).toList();
            double n = with3d.size();
            values.put("Bond lengths OK", with3d.stream().filter(GeometryChecks.Report::bondLengths).count() / n);
            values.put("Bond angles OK", with3d.stream().filter(GeometryChecks.Report::bondAngles).count() / n);
            values.put("No clashes", with3d.stream().filter(GeometryChecks.Report::noClash).count() / n);
            values.put("Flat aromatic rings", with3d.stream().filter(GeometryChecks.Report::flatRings).count() / n);
            values.put("Geometry OK", with3d.stream().filter(GeometryChecks.Report::allPass).count() / n);
        }
        if (options.bootstrapResamples() > 0) {
            int r = options.bootstrapResamples();
            var edm = profiles.stream().filter(p -> p.edm().judged()).toList();
            if (!edm.isEmpty()) {
                intervals.put(MOLECULE_STABILITY_EDM, Bootstrap.interval(edm.size(),
                    Bootstrap.mean(flags(edm, MoleculeProfile::edmMoleculeStable)), r, 0.95, options.seed()));
            }
            intervals.put(CONNECTED_VALIDITY, Bootstrap.interval(profiles.size(),
                Bootstrap.mean(flags(profiles, MoleculeProfile::connectedValid)), r, 0.95, options.seed()));
            intervals.put("Validity", Bootstrap.interval(profiles.size(),
                Bootstrap.mean(flags(profiles, MoleculeProfile::valid)), r, 0.95, options.seed()));
            intervals.put("Connectivity", Bootstrap.interval(profiles.size(),
                Bootstrap.mean(flags(profiles, MoleculeProfile::connected)), r, 0.95, options.seed()));
        }
        return new Result(values, intervals, profiles, geometry, bonds, histograms,
            MissingReasons.of(values, trainingSmiles != null, genFp.size()));
    }

    /**
     * The names {@link #compute} gives its values, in its order, known before any molecule is seen (for table
     * specs).
     *
     * @param reference a reference set is given
     * @param embeddingName name of the given embeddings, or null for ECFP4 bits
     * @param geometry the 3D checks are asked for
     */
    public static java.util.List<String> names(final boolean reference, final String embeddingName,
        final boolean geometry) {
        var names = new java.util.ArrayList<>(SET_NAMES);
        if (reference) {
            names.add("Fréchet distance (" + (embeddingName == null ? "ECFP4-" + ReferenceMetrics.FD_BITS
                : embeddingName) + ")");
            names.add("MMD² (RBF, " + (embeddingName == null ? "ECFP4" : embeddingName) + ")");
            names.addAll(java.util.List.of("MMD² (Tanimoto, ECFP4)", "SNN", "Frag", "Scaf"));
            for (var d : ReferenceMetrics.DESCRIPTORS) {
                names.add("KL " + d);
            }
            names.add("KL score");
        }
        if (geometry && reference) {
            names.addAll(BOND_GEOMETRY_NAMES);
        }
        if (geometry) {
            names.addAll(java.util.List.of("Bond lengths OK", "Bond angles OK", "No clashes", "Flat aromatic rings",
                "Geometry OK"));
        }
        return names;
    }

    private static double[] flags(final List<MoleculeProfile> p,
        final java.util.function.Predicate<MoleculeProfile> f) {
        return p.stream().mapToDouble(x -> f.test(x) ? 1 : 0).toArray();
    }

    /** @return canonical SMILES of the valid molecules, as profiles write them */
    public static java.util.Set<String> canonical(final Collection<IAtomContainer> molecules) {
        var out = java.util.concurrent.ConcurrentHashMap.<String>newKeySet();
        molecules.parallelStream().forEach(m -> {
            try {
                out.add(MoleculeProfiler.canonicalSmiles(m));
            } catch (org.openscience.cdk.exception.CDKException | RuntimeException e) {
                // an unreadable training molecule cannot make a generated one less novel
            }
        });
        return out;
    }
}
