package dev.flowmatch.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

import org.openscience.cdk.interfaces.IAtomContainer;

import ai.djl.Device;
import dev.flowmatch.engine.encoder.DefaultEncoders;

/**
 * REPA targets for the QM9 runs: the shipped encoder's embedding of every training and validation molecule,
 * computed once and cached beside the runs (a file per encoder version and split), so that twelve study runs
 * and every resumed run use identical targets without re-embedding 117,744 molecules.
 */
final class Qm9Embeddings {

    private Qm9Embeddings() {
    }

    /** @return {training targets, validation targets} */
    static float[][][] of(final String encoder, final Qm9Full qm9, final Path runs) throws IOException {
        try (var e = DefaultEncoders.named(encoder, Device.cpu())) {
            var dir = runs.resolve("embeddings");
            Files.createDirectories(dir);
            var key = e.version().replaceAll("[^A-Za-z0-9@._-]", "_");
            return new float[][][]{cached(e, qm9.trainMolecules(), dir.resolve(key + "-train.bin")),
                cached(e, qm9.validationMolecules(), dir.resolve(key + "-validation.bin"))};
        }
    }

    private static float[][] cached(final dev.flowmatch.engine.encoder.FrozenEncoder e,
        final List<IAtomContainer> molecules, final Path file) throws IOException {
        if (Files.exists(file)) {
            try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                int n = in.readInt();
                int d = in.readInt();
                if (n == molecules.size() && d == e.dimension()) {
                    var out = new float[n][d];
                    for (var row : out) {
                        for (int j = 0; j < d; j++) {
                            row[j] = in.readFloat();
                        }
                    }
                    System.out.printf(Locale.ROOT, "%s targets for %d molecules from %s%n", e.name(), n, file);
                    return out;
                }
            }
        }
        long t0 = System.nanoTime();
        var out = e.embed(molecules);
        var tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (var o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            o.writeInt(out.length);
            o.writeInt(e.dimension());
            for (var row : out) {
                for (float v : row) {
                    o.writeFloat(v);
                }
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf(Locale.ROOT, "%s targets for %d molecules in %.0f s (cached in %s)%n", e.name(), out.length,
            (System.nanoTime() - t0) / 1e9, file);
        return out;
    }
}
