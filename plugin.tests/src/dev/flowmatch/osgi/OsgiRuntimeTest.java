package dev.flowmatch.osgi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;
import org.openscience.cdk.smiles.SmilesParser;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.wiring.BundleWiring;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import dev.flowmatch.engine.compute.TorchRuntime;

/** The deployment decisions of the README, checked inside a real OSGi framework (Equinox). */
class OsgiRuntimeTest {

    @Test
    void pluginIsLoadedByOsgiWithItsNativesFragment() {
        var plugin = FrameworkUtil.getBundle(TorchRuntime.class);
        assertNotNull(plugin, "TorchRuntime must be loaded by the plugin bundle, not the system class path");
        assertEquals("dev.flowmatch.knime", plugin.getSymbolicName());
        var fragments = plugin.adapt(BundleWiring.class).getProvidedWires(HostNamespace.HOST_NAMESPACE).stream()
            .map(w -> w.getRequirer().getBundle().getSymbolicName()).toList();
        assertTrue(fragments.contains("dev.flowmatch.knime.pytorch.linux.x86_64"), fragments.toString());
    }

    @Test
    void pytorchStartsFromTheFragmentNatives() {
        try (var m = TorchRuntime.newManager(Device.cpu())) {
            var a = m.create(new float[]{1, 2, 3, 4}, new Shape(2, 2));
            // [1 2; 3 4]^2 = [7 10; 15 22]
            assertArrayEquals(new float[]{7, 10, 15, 22}, a.matMul(a).toFloatArray());
        }
    }

    @Test
    void cdkCanonicalSmilesWorksDespiteSplitPackages() throws Exception {
        var parser = new SmilesParser(SilentChemObjectBuilder.getInstance());
        var generator = new SmilesGenerator(SmiFlavor.Canonical);
        var phenolA = parser.parseSmiles("Oc1ccccc1");
        var phenolB = parser.parseSmiles("c1ccc(cc1)O");
        assertEquals(7, phenolA.getAtomCount());
        assertEquals(generator.create(phenolA), generator.create(phenolB), "canonical SMILES is order-free");
    }

    @Test
    void defaultEncoderWeightsLoadFromTheBundle() throws Exception {
        var benzene = new SmilesParser(SilentChemObjectBuilder.getInstance()).parseSmiles("c1ccccc1");
        try (var mpnn = dev.flowmatch.engine.encoder.DefaultEncoders.mpnn(Device.cpu())) {
            var v = mpnn.embed(java.util.List.of(benzene))[0];
            assertEquals(128, v.length);
            assertTrue(java.util.stream.IntStream.range(0, v.length).anyMatch(k -> v[k] != 0), "a non-zero embedding");
        }
        assertEquals(43, dev.flowmatch.engine.encoder.DescriptorEncoder.standardized().dimension());
    }
}
