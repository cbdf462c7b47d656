package dev.flowmatch.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.flowmatch.engine.chem.PointCloud;

/** Sizing a representation: from the training molecules, then for larger validation molecules or a user limit. */
class RepresentationTest {

    @Test
    void coveringLargerMoleculesKeepsTheTrainingHistogram() {
        var small = List.of(cloud(4), cloud(4), cloud(4));
        var large = List.of(cloud(7));
        var rep = Representation.of(List.of("H", "C", "N", "O"), true, small, Double.NaN, 1.0);
        assertEquals(4, rep.maxAtoms());
        var covering = rep.covering(large);
        assertEquals(7, covering.maxAtoms(), "the model must take the 7-atom validation molecule");
        assertArrayEquals(new int[]{0, 0, 0, 0, 3, 0, 0, 0}, covering.atomCounts(), "sizes are drawn as trained");
        assertEquals(rep.coordScale(), covering.coordScale());
        assertSame(rep, rep.covering(small));
        assertSame(rep, rep.withMaxAtoms(0), "no user limit (0) keeps the size");
        assertEquals(9, covering.withMaxAtoms(9).maxAtoms());
    }

    /** @return a cloud of n atoms of type 0 on a line, 1 Å apart */
    private static PointCloud cloud(final int n) {
        var coords = new float[3 * n];
        for (int i = 0; i < n; i++) {
            coords[3 * i] = i;
        }
        return new PointCloud(new int[n], coords, n + " atoms");
    }
}
