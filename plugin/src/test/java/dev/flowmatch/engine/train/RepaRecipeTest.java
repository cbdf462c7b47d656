package dev.flowmatch.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.flowmatch.engine.model.RepaLoss;
import dev.flowmatch.engine.model.TinyClouds;

/** A REPA recipe: what the trainer gets from it, what it does to the targets, and what it refuses. */
class RepaRecipeTest {

    @Test
    void configCarriesLambdaBlockAndWindowWithTheCosineLoss() {
        var r = new RepaRecipe("schnet", false, 0.25, 3, 0.5, 0.9);
        var c = r.config();
        assertEquals(0.25, c.lambda());
        assertEquals(3, c.layer());
        assertEquals(0.5, c.tMin());
        assertEquals(0.9, c.tMax());
        assertEquals(RepaLoss.Kind.NEGATIVE_COSINE, c.loss());
        assertEquals(0.75, r.withLambda(0.75).config().lambda());
        assertEquals("mpnn", r.withEncoder("mpnn").encoder());
        assertEquals("λ=0.25 against schnet, block 3, uncentred targets, t in [0.5, 0.9]", r.describe());
        assertEquals("block 2, centred targets, t ≥ 0.5", new RepaRecipe("mpnn", true, 1, 2, 0.5, 1).alignment());
    }

    @Test
    void targetsAreCentredExactlyWhenTheRecipeSaysSo() {
        var clouds = TinyClouds.of(3, 3);
        float[][] t = {{1, 4}, {3, 8}};
        float[][] v = {{2, 2}};
        var data = new TrainingData(clouds.subList(0, 2), clouds.subList(2, 3), () -> t, () -> v);
        assertSame(data, new RepaRecipe("mpnn", false, 0.5, 2, 0, 1).targets(data));
        var centred = new RepaRecipe("mpnn", true, 0.5, 2, 0, 1).targets(data);
        assertArrayEquals(new float[]{-1, -2}, centred.trainTargets()[0]);
        assertArrayEquals(new float[]{0, -4}, centred.validationTargets()[0]);
    }

    @Test
    void theRecommendedSettingIsOneTheTrainerAccepts() {
        var r = RepaRecipe.RECOMMENDED;
        assertTrue(r.lambda() > 0 && r.config().enabled(), "recommended REPA is on when a λ is given");
    }

    @Test
    void unknownEncodersAndBadSettingsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> new RepaRecipe("ecfp", true, 0.5, 2, 0, 1));
        assertTrue(e.getMessage().contains("\"ecfp\"") && e.getMessage().contains("mpnn"), e.getMessage());
        var w = assertThrows(IllegalArgumentException.class, () -> new RepaRecipe("mpnn", true, 0.5, 2, 0.8, 0.2));
        assertTrue(w.getMessage().contains("window"), w.getMessage());
        var l = assertThrows(IllegalArgumentException.class, () -> new RepaRecipe("mpnn", true, -1, 2, 0, 1));
        assertTrue(l.getMessage().contains("λ"), l.getMessage());
        var b = assertThrows(IllegalArgumentException.class, () -> new RepaRecipe("mpnn", true, 0.5, 0, 0, 1));
        assertTrue(b.getMessage().contains("layer"), b.getMessage());
    }
}
