package dev.flowmatch.engine.encoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import ai.djl.Device;

/**
 * The neural encoders whose weights ship inside the plugin, trained by the project (see the README section
 * "Default encoder weights" for the command, data and objective). They load from the bundle's class path, so
 * they need no network.
 */
public final class DefaultEncoders {

    /** Resource of the 2D message-passing encoder's weights. */
    public static final String MPNN = "defaults/mpnn.zip";

    /** Resource of the 3D SchNet encoder's weights. */
    public static final String SCHNET = "defaults/schnet.zip";

    private DefaultEncoders() {
    }

    /** @return the 2D message-passing encoder with the project's weights */
    public static NeuralEncoder mpnn(final Device device) {
        return load(MPNN, device);
    }

    /** @return the 3D SchNet encoder with the project's weights */
    public static NeuralEncoder schnet(final Device device) {
        return load(SCHNET, device);
    }

    /** The names {@link #named} knows, as command lines and recipes spell them. */
    public static final java.util.List<String> NAMES = java.util.List.of("mpnn", "schnet");

    /**
     * @param name "mpnn" or "schnet"
     * @return that encoder with the project's weights
     * @throws IllegalArgumentException naming the known names
     */
    public static NeuralEncoder named(final String name, final Device device) {
        return switch (name) {
            case "mpnn" -> mpnn(device);
            case "schnet" -> schnet(device);
            default -> throw new IllegalArgumentException("No default encoder \"" + name + "\"; known: " + NAMES + ".");
        };
    }

    private static NeuralEncoder load(final String resource, final Device device) {
        var in = DefaultEncoders.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("The plugin lacks its default encoder weights " + resource
                + "; the installation is incomplete.");
        }
        try (in) {
            return NeuralEncoder.load(in, Path.of("plugin:" + resource), device);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
