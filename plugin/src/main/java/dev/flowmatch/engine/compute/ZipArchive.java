package dev.flowmatch.engine.compute;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

/**
 * The zip container shared by model files and checkpoints: named entries read fully into memory (models
 * are megabytes), a JSON header with a format name and version checked before anything else, and arrays
 * as DJL-encoded NDLists. Settings records go through Gson, whose record support calls their validating
 * constructors, so a damaged header fails with the setting's own message.
 */
public final class ZipArchive {

    public static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting()
        .setStrictness(Strictness.LENIENT).create();

    private final Map<String, byte[]> m_entries;

    private final Path m_file;

    private ZipArchive(final Path file, final Map<String, byte[]> entries) {
        m_file = file;
        m_entries = entries;
    }

    public static void write(final Path file, final Map<String, byte[]> entries) throws IOException {
        var parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        // a sibling created with the default permissions (createTempFile would make it owner-only, and the
        // finished model or encoder file should be as readable as any other file the user writes)
        var tmp = parent.resolve(file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".part");
        Files.createFile(tmp);
        try {
            try (var zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
                for (var e : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp); // only left when writing failed
        }
    }

    /** @return a header object as the UTF-8 JSON entry every file of ours starts with */
    public static byte[] json(final JsonObject header) {
        return GSON.toJson(header).getBytes(StandardCharsets.UTF_8);
    }

    /** @return the block's parameters in DJL's format, for an entry */
    public static byte[] parameters(final Block block) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        return bytes.toByteArray();
    }

    /**
     * Loads parameters written by {@link #parameters} into an initialised block. DJL takes whatever shapes the
     * bytes hold, so each parameter is checked against the shape the block was initialised with.
     *
     * @throws MalformedModelException naming the first parameter whose shape does not fit
     */
    public static void loadParameters(final Block block, final NDManager manager, final byte[] bytes)
        throws IOException, MalformedModelException {
        var params = block.getParameters();
        var expected = params.values().stream().map(p -> p.getArray().getShape()).toList();
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            block.loadParameters(manager, in);
        }
        for (int i = 0; i < params.size(); i++) {
            var got = params.get(i).getValue().getArray().getShape();
            if (!got.equals(expected.get(i))) {
                throw new MalformedModelException("parameter " + params.get(i).getKey() + " has shape " + got
                    + " but the architecture needs " + expected.get(i));
            }
        }
    }

    /** @throws IOException naming the file when it is missing, not a zip, or lacks the header */
    public static ZipArchive read(final Path file, final String header) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("File " + file + " does not exist.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file, header);
        }
    }

    /**
     * @param label what to call the archive in messages (a file, or a resource inside the plugin)
     * @throws IOException naming the archive when it is not a zip or lacks the header
     */
    public static ZipArchive read(final InputStream in, final Path label, final String header) throws IOException {
        var entries = new LinkedHashMap<String, byte[]>();
        try (var zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                var out = new ByteArrayOutputStream();
                zip.transferTo(out);
                entries.put(e.getName(), out.toByteArray());
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(label + " is damaged or not a zip archive: " + e.getMessage(), e);
        }
        if (!entries.containsKey(header)) {
            throw new IOException(label + " is not a flow-matching file: it has no " + header + " (entries: "
                + entries.keySet() + ").");
        }
        return new ZipArchive(label, entries);
    }

    /** @return the header object after checking its format name and version */
    public JsonObject header(final String name, final String format, final int maxVersion) throws IOException {
        JsonObject json;
        try {
            json = GSON.fromJson(new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8), JsonObject.class);
        } catch (JsonParseException e) {
            throw new IOException(m_file + ": " + name + " is not valid JSON: " + e.getMessage(), e);
        }
        if (json == null || !json.has("format") || !format.equals(json.get("format").getAsString())) {
            throw new IOException(m_file + " is not a " + format + " file (" + name + " says format "
                + (json == null ? null : json.get("format")) + ").");
        }
        int version = json.has("version") ? json.get("version").getAsInt() : -1;
        if (version < 1 || version > maxVersion) {
            throw new IOException(m_file + " has " + format + " version " + version + "; this build reads versions 1 to "
                + maxVersion + ". Update the extension.");
        }
        return json;
    }

    /** @return the JSON field as the given settings type (validated by its constructor) */
    public <T> T field(final JsonObject json, final String field, final Class<T> type) throws IOException {
        JsonElement e = json.get(field);
        if (e == null || e.isJsonNull()) {
            throw new IOException(m_file + ": the header lacks \"" + field + "\".");
        }
        try {
            return GSON.fromJson(e, type);
        } catch (RuntimeException ex) {
            Throwable root = ex; // Gson wraps the settings constructor's own message
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IOException(m_file + ": invalid \"" + field + "\": " + root.getMessage(), ex);
        }
    }

    public byte[] bytes(final String name) throws IOException {
        var b = m_entries.get(name);
        if (b == null) {
            throw new IOException(m_file + " lacks the entry " + name + ".");
        }
        return b;
    }

    public boolean has(final String name) {
        return m_entries.containsKey(name);
    }

    public NDList arrays(final String name, final NDManager manager) throws IOException {
        try {
            return NDList.decode(manager, bytes(name));
        } catch (RuntimeException e) {
            throw new IOException(m_file + ": the arrays in " + name + " are damaged: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return m_file;
    }
}
