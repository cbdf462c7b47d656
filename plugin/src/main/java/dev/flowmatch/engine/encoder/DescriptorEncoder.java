package dev.flowmatch.engine.encoder;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.ConnectivityChecker;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.qsar.IMolecularDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.AromaticAtomsCountDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.AromaticBondsCountDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.BondCountDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.CarbonTypesDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.EccentricConnectivityIndexDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.FMFDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.HBondAcceptorCountDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.HBondDonorCountDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.HybridizationRatioDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.KappaShapeIndicesDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.LargestChainDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.LargestPiSystemDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.MannholdLogPDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.PetitjeanNumberDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.RotatableBondsCountDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.SmallRingDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.TPSADescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.VABCDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.WeightDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.WienerNumbersDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.XLogPDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.ZagrebIndexDescriptor;
import org.openscience.cdk.qsar.result.DoubleArrayResult;
import org.openscience.cdk.qsar.result.DoubleResult;
import org.openscience.cdk.qsar.result.IDescriptorResult;
import org.openscience.cdk.qsar.result.IntegerArrayResult;
import org.openscience.cdk.qsar.result.IntegerResult;

import com.google.gson.JsonObject;

import dev.flowmatch.engine.chem.MoleculeOutput;
import dev.flowmatch.engine.compute.ZipArchive;

/**
 * A vector of 2D CDK molecular descriptors (size, polarity, logP, H-bonding, rings, shape and connectivity
 * indices, carbon types), standardized with fixed means and standard deviations so that every descriptor
 * weighs alike and the same molecule always gives the same vector. The shipped statistics were measured on
 * QM9 and MOSES molecules by the pretraining command; {@link #raw()} gives unstandardized values. Salts and
 * solvates are described by their largest fragment. A value CDK cannot compute for a molecule becomes the
 * reference mean (0 after standardizing); standardized values are clipped to ±10 SD.
 */
public final class DescriptorEncoder implements FrozenEncoder {

    /** Resource with the standardization statistics: names, mean, sd. */
    public static final String STATISTICS = "defaults/descriptor-statistics.json";

    private final List<IMolecularDescriptor> m_descriptors = List.of(new WeightDescriptor(), new XLogPDescriptor(),
        new MannholdLogPDescriptor(), new TPSADescriptor(), new HBondAcceptorCountDescriptor(),
        new HBondDonorCountDescriptor(), new RotatableBondsCountDescriptor(), new AromaticAtomsCountDescriptor(),
        new AromaticBondsCountDescriptor(), new BondCountDescriptor(), new HybridizationRatioDescriptor(),
        new KappaShapeIndicesDescriptor(), new WienerNumbersDescriptor(), new ZagrebIndexDescriptor(),
        new PetitjeanNumberDescriptor(), new EccentricConnectivityIndexDescriptor(), new LargestChainDescriptor(),
        new LargestPiSystemDescriptor(), new SmallRingDescriptor(), new VABCDescriptor(), new FMFDescriptor(),
        new CarbonTypesDescriptor());

    /** Standardized values are clipped to ±CLIP SDs, so one extreme molecule cannot dominate distances. */
    static final double CLIP = 10;

    private final List<String> m_names = new ArrayList<>();

    private final double[] m_mean;

    private final double[] m_sd;

    private final boolean m_standardize;

    private DescriptorEncoder(final double[] mean, final double[] sd) {
        for (var d : m_descriptors) {
            m_names.addAll(List.of(d.getDescriptorNames()));
        }
        m_standardize = mean != null;
        m_mean = mean == null ? new double[m_names.size()] : mean;
        m_sd = sd == null ? ones(m_names.size()) : sd;
    }

    /** @return the encoder with the shipped standardization */
    public static DescriptorEncoder standardized() {
        try (var in = DescriptorEncoder.class.getResourceAsStream(STATISTICS)) {
            if (in == null) {
                throw new IllegalStateException("The plugin lacks " + STATISTICS + "; the installation is incomplete.");
            }
            var json = ZipArchive.GSON.fromJson(new InputStreamReader(in, StandardCharsets.UTF_8), JsonObject.class);
            var names = ZipArchive.GSON.fromJson(json.get("names"), String[].class);
            var e = new DescriptorEncoder(ZipArchive.GSON.fromJson(json.get("mean"), double[].class),
                ZipArchive.GSON.fromJson(json.get("sd"), double[].class));
            if (!List.of(names).equals(e.m_names)) {
                throw new IllegalStateException(STATISTICS + " lists descriptors " + List.of(names)
                    + ", the encoder computes " + e.m_names + ".");
            }
            return e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the encoder without standardization (to measure statistics); NaN where CDK has no value */
    public static DescriptorEncoder raw() {
        return new DescriptorEncoder(null, null);
    }

    /** @return the statistics file content for these means and standard deviations */
    public static JsonObject statistics(final List<String> names, final double[] mean, final double[] sd,
        final String source) {
        var json = new JsonObject();
        json.add("names", ZipArchive.GSON.toJsonTree(names));
        json.add("mean", ZipArchive.GSON.toJsonTree(mean));
        json.add("sd", ZipArchive.GSON.toJsonTree(sd));
        json.addProperty("source", source);
        return json;
    }

    /** @return the descriptor names, in vector order */
    public List<String> names() {
        return List.copyOf(m_names);
    }

    @Override
    public String name() {
        return "CDK descriptors (" + m_names.size() + ")";
    }

    @Override
    public String version() {
        return "cdk-descriptors-1";
    }

    @Override
    public int dimension() {
        return m_names.size();
    }

    /** CDK descriptor objects keep state, hence synchronized. */
    @Override
    public synchronized float[][] embed(final List<IAtomContainer> molecules) {
        var out = new float[molecules.size()][];
        for (int i = 0; i < out.length; i++) {
            IAtomContainer mol;
            try {
                mol = largestFragment(MoleculeOutput.heavyAromaticCopy(molecules.get(i)));
            } catch (CDKException | RuntimeException e) {
                throw new IllegalArgumentException(FrozenEncoder.describe(i, molecules.get(i))
                    + " cannot be prepared for CDK descriptors: " + e.getMessage(), e);
            }
            var v = new float[m_names.size()];
            int k = 0;
            for (var d : m_descriptors) {
                IDescriptorResult r;
                try {
                    r = d.calculate(mol).getValue();
                } catch (RuntimeException e) {
                    r = null; // counted as the reference mean below
                }
                int length = d.getDescriptorNames().length;
                for (int j = 0; j < length; j++, k++) {
                    double x = value(r, j);
                    if (!m_standardize) {
                        v[k] = (float)x;
                    } else {
                        double z = (x - m_mean[k]) / m_sd[k];
                        v[k] = Double.isFinite(z) ? (float)Math.max(-CLIP, Math.min(CLIP, z)) : 0f;
                    }
                }
            }
            out[i] = v;
        }
        return out;
    }

    /** @return the connected component with the most atoms (the parent of a salt or solvate), or the molecule */
    private static IAtomContainer largestFragment(final IAtomContainer molecule) {
        if (ConnectivityChecker.isConnected(molecule)) {
            return molecule;
        }
        IAtomContainer best = null;
        for (var part : ConnectivityChecker.partitionIntoMolecules(molecule).atomContainers()) {
            if (best == null || part.getAtomCount() > best.getAtomCount()) {
                best = part;
            }
        }
        return best;
    }

    private static double value(final IDescriptorResult r, final int j) {
        if (r instanceof DoubleResult d) {
            return d.doubleValue();
        }
        if (r instanceof IntegerResult n) {
            return n.intValue();
        }
        if (r instanceof DoubleArrayResult a) {
            return a.get(j);
        }
        if (r instanceof IntegerArrayResult a) {
            return a.get(j);
        }
        return Double.NaN;
    }

    private static double[] ones(final int n) {
        var a = new double[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }
}
