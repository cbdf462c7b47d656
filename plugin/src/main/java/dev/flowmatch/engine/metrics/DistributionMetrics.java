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
 * molecule stability). Names are the columns users see; stability uses the charges the molecules carry.
 */
public final class DistributionMetrics {

    /** The headline metric: valid and a single fragment. */
    public static final String CONNECTED_VALIDITY = "Connected validity";

    /** Names of the set's own metrics, headline first (see {@link SetMetrics} for each definition). */
    public static final List<String> SET_NAMES = List.of("Molecules", CONNECTED_VALIDITY, "Molecule stability",
        "Atom stability", "Validity", "Valid & unique", "Uniqueness", "Novelty", "Connectivity",
        "Fragments per molecule", "Molecule stability (neutral table)", "Atom stability (neutral table)", "IntDiv1",
        "IntDiv2");

    /** The per-molecule rates that get bootstrap intervals when asked. */
    public static final List<String> BOOTSTRAPPED = List.of(CONNECTED_VALIDITY, "Validity", "Connectivity",
        "Molecule stability");

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
     */
    public record Result(Map<String, Double> values, Map<String, Bootstrap.Interval> intervals,
        List<MoleculeProfile> profiles, List<GeometryChecks.Report> geometry) {
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
        double[] setValues = {set.molecules(), set.connectedValidity(), set.moleculeStability(), set.atomStability(),
            set.validity(), set.validUnique(), set.uniqueness(), set.novelty(), set.connectivity(),
            set.fragmentsPerMolecule(), set.neutralMoleculeStability(), set.neutralAtomStability(), set.intDiv1(),
            set.intDiv2()};
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
        if (options.geometry()) {
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
            intervals.put(CONNECTED_VALIDITY, Bootstrap.interval(profiles.size(),
                Bootstrap.mean(flags(profiles, MoleculeProfile::connectedValid)), r, 0.95, options.seed()));
            intervals.put("Validity", Bootstrap.interval(profiles.size(),
                Bootstrap.mean(flags(profiles, MoleculeProfile::valid)), r, 0.95, options.seed()));
            intervals.put("Connectivity", Bootstrap.interval(profiles.size(),
                Bootstrap.mean(flags(profiles, MoleculeProfile::connected)), r, 0.95, options.seed()));
            intervals.put("Molecule stability", Bootstrap.interval(profiles.size(),
                Bootstrap.mean(flags(profiles, MoleculeProfile::moleculeStable)), r, 0.95, options.seed()));
        }
        return new Result(values, intervals, profiles, geometry);
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
