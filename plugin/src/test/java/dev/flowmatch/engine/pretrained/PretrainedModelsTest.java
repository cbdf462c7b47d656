package dev.flowmatch.engine.pretrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import ai.djl.Device;

/** The shipped models: listed, checked against their SHA-256, loadable, each with a card. */
class PretrainedModelsTest {

    @Test
    void everyShippedModelLoadsAndHasACard() throws Exception {
        var all = PretrainedModels.list();
        assertFalse(all.isEmpty());
        for (var m : all) {
            var bytes = PretrainedModels.bytes(m);
            assertTrue(bytes.length < 10 * 1024 * 1024, m + ": " + bytes.length + " bytes, at most 10 MB");
            try (var model = PretrainedModels.open(m, Device.cpu())) {
                assertTrue(model.summary().steps() > 0, m.toString());
                assertTrue(m.summary().contains(String.format(java.util.Locale.ROOT, "%,d steps",
                    model.summary().steps())), m.summary());
            }
            var card = PretrainedModels.card(m);
            assertTrue(card.contains("Connected validity") && card.contains("Molecule stability (EDM)"), card);
            assertTrue(m.steps() > 0 && !m.solver().isBlank(), m.toString());
        }
    }

    @Test
    void aFileThatDoesNotMatchItsRecordedHashIsRejectedByName() {
        var real = PretrainedModels.list().get(0);
        var wrong = new PretrainedModel(real.id(), real.title(), real.file(), real.card(),
            "0".repeat(64), real.solver(), real.steps(), real.summary());
        var e = assertThrows(IOException.class, () -> PretrainedModels.bytes(wrong));
        assertTrue(e.getMessage().contains(real.file()) && e.getMessage().contains("damaged"), e.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class, () -> PretrainedModels.get("nope"));
        assertTrue(unknown.getMessage().contains("nope") && unknown.getMessage().contains(real.id()));
        assertEquals(64, dev.flowmatch.engine.compute.ZipArchive.sha256(new byte[0]).length());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            dev.flowmatch.engine.compute.ZipArchive.sha256(new byte[0]), "SHA-256 of nothing");
    }
}
