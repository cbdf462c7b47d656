package dev.flowmatch.engine.chem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Rotation augmentation and padding. */
class PointCloudGeometryTest {

    @Test
    void randomRotationsAreProperAndPreserveDistances() throws Exception {
        var mol = FeaturizerTest.molecule("CC(=O)Nc1ccc(O)cc1");
        var cloud = new Featurizer(AtomVocabulary.fromMolecules(List.of(mol), true), Featurizer.Options.defaults())
            .featurize(mol, 0);
        var rnd = new Random(7);
        var mean = new double[9];
        int samples = 20_000;
        for (int s = 0; s < samples; s++) {
            var r = Rotations.random(rnd);
            for (int k = 0; k < 9; k++) {
                mean[k] += r[k] / samples;
            }
            if (s < 20) {
                double det = r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6])
                    + r[2] * (r[3] * r[7] - r[4] * r[6]);
                assertEquals(1.0, det, 1e-12, "a rotation, not a reflection");
                var rotated = cloud.rotated(r);
                for (int i = 0; i < cloud.size(); i++) {
                    for (int j = i + 1; j < cloud.size(); j++) {
                        assertEquals(cloud.distance(i, j), rotated.distance(i, j), 1e-5);
                    }
                }
            }
        }
        // Uniform on SO(3): every matrix entry averages to 0 (standard error ~ 0.004 here).
        for (double m : mean) {
            assertEquals(0, m, 0.02);
        }
    }

    @Test
    void paddingAndMasks() {
        var a = new PointCloud(new int[]{1, 2}, new float[]{1, 2, 3, 4, 5, 6}, "a");
        var b = new PointCloud(new int[]{3, 3, 3}, new float[]{7, 8, 9, 1, 1, 1, 2, 2, 2}, "b");
        var batch = PaddedBatch.of(List.of(a, b), 4);
        assertArrayEquals(new int[]{1, 2, 0, 0, 3, 3, 3, 0}, batch.types());
        assertArrayEquals(new float[]{1, 1, 0, 0, 1, 1, 1, 0}, batch.mask());
        assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0, 0, 7, 8, 9, 1, 1, 1, 2, 2, 2, 0, 0, 0},
            batch.coords());
        var e = assertThrows(IllegalArgumentException.class, () -> PaddedBatch.of(List.of(a, b), 2));
        assertTrue(e.getMessage().contains("b has 3 atoms"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PointCloud(new int[]{1}, new float[2], "bad"));
    }
}
