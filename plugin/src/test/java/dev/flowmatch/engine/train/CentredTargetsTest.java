package dev.flowmatch.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.flowmatch.engine.model.TinyClouds;

/** Centred REPA targets: the training mean is removed from training and validation targets alike. */
class CentredTargetsTest {

    @Test
    void trainingTargetsAverageZeroAndValidationTargetsShiftByTheTrainingMean() {
        var clouds = TinyClouds.of(5, 3);
        var train = clouds.subList(0, 3);
        var val = clouds.subList(3, 5);
        float[][] t = {{1, 10, -2}, {3, 10, 0}, {5, 10, 8}}; // mean (3, 10, 2)
        float[][] v = {{3, 11, 2}, {0, 0, 0}};
        var data = new TrainingData(train, val, () -> t, () -> v).withCentredTargets();
        assertEquals(train, data.train());
        assertEquals(val, data.validation());
        var ct = data.trainTargets();
        for (int k = 0; k < 3; k++) {
            double sum = 0;
            for (var row : ct) {
                sum += row[k];
            }
            assertEquals(0, sum, 1e-6, "training mean of dimension " + k);
        }
        assertEquals(List.of(-2f, 0f, -4f), List.of(ct[0][0], ct[0][1], ct[0][2]));
        var cv = data.validationTargets();
        assertEquals(List.of(0f, 1f, 0f), List.of(cv[0][0], cv[0][1], cv[0][2]));
        assertEquals(List.of(-3f, -10f, -2f), List.of(cv[1][0], cv[1][1], cv[1][2]));
        assertEquals(1f, t[0][0], "the caller's arrays are not changed");
    }

    @Test
    void validationTargetsOfAnotherLengthAreNamed() {
        var clouds = TinyClouds.of(3, 3);
        float[][] t = {{1, 2}, {3, 4}};
        float[][] v = {{1, 2, 3}};
        var data = new TrainingData(clouds.subList(0, 2), clouds.subList(2, 3), () -> t, () -> v)
            .withCentredTargets();
        var e = assertThrows(IllegalArgumentException.class, data::validationTargets);
        assertTrue(e.getMessage().contains("target 1 has 3"), e.getMessage());
    }
}
