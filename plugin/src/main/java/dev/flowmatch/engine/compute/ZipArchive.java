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
import java.util.Set;
import java.util.function.ToLongFunction;
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
 * The zip container shared by model files, checkpoints and encoder files: named entries read fully into
 * memory (models are megabytes), a JSON header first with a format name and version checked before anything
 * else and the size and SHA-256 of every other entry, and arrays as DJL-encoded NDLists. Reading treats the
 * archive as untrusted (see {@link #read(InputStream, Path, String, Set)}). Settings records go through Gson,
 * whose record support calls their validating
 * constructors, so a damaged header fails with the setting's own message.
 */
public final class ZipArchive {

    public static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting()
        .setStrictness(Strictness.LENIENT).create();

    /** Header field listing every other entry with its size and SHA-256. */
    static final String ENTRIES = "entries";

    /** Most a header may inflate to. */
    static final long HEADER_LIMIT = 16L << 20;

    /** Most an entry may declare (a file from a shared workflow is untrusted: its sizes bound what we inflate). */
    static final long DECLARED_CEILING = 1L << 30;

    /** Most an entry of a file without declared sizes (written before they were recorded) may inflate to. */
    static final long UNDECLARED_CEILING = 256L << 20;

    /** Most all entries together may inflate to. */
    static final long TOTAL_CEILING = 2L << 30;

    private final Map<String, byte[]> m_entries;

    private final Path m_file;

    private ZipArchive(final Path file, final Map<String, byte[]> entries) {
        m_file = file;
        m_entries = entries;
    }

    /**
     * Writes a file of ours: the header first, with the size and SHA-256 of every other entry recorded in it
     * ({@value #ENTRIES}), so that reading can bound what it inflates and detect damage.
     */
    public static void write(final Path file, final String headerName, final JsonObject header,
        final Map<String, byte[]> payload) throws IOException {
        var listed = new JsonObject();
        for (var e : payload.entrySet()) {
            var d = new JsonObject();
            d.addProperty("size", e.getValue().length);
            d.addProperty("sha256", sha256(e.getValue()));
            listed.add(e.getKey(), d);
        }
        var h = header.deepCopy();
        h.add(ENTRIES, listed);
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put(headerName, json(h));
        entries.putAll(payload);
        write(file, entries);
    }

    private static void write(final Path file, final Map<String, byte[]> entries) throws IOException {
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

    /**
     * @param known the entry names this kind of file may hold besides the header
     * @throws IOException naming the file when it is missing, not a zip, lacks the header or breaks a rule
     */
    public static ZipArchive read(final Path file, final String header, final Set<String> known) throws IOException {
        return read(file, header, known, null);
    }

    /** As {@link #read(Path, String, Set)}, with entries bounded by the header (see the stream form). */
    public static ZipArchive read(final Path file, final String header, final Set<String> known,
        final EntryBounds needs) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("File " + file + " does not exist.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file, header, known, needs);
        }
    }

    /**
     * Reads an archive that may come from anywhere (model port objects travel inside shared workflows): the
     * header must come first; every other entry must be one of {@code known}, is inflated only up to the size
     * the header declares for it (or a ceiling for older files that declare none) and must match the
     * declared size and SHA-256. Nothing is inflated beyond those bounds, so a small archive that would
     * inflate to gigabytes is rejected after at most the declared bytes.
     *
     * @param label what to call the archive in messages (a file, or a resource inside the plugin)
     * @throws IOException naming the archive and the entry that broke a rule
     */
    public static ZipArchive read(final InputStream in, final Path label, final String header, final Set<String> known)
        throws IOException {
        return read(in, label, header, known, null);
    }

    /**
     * As {@link #read(InputStream, Path, String, Set)}, with each entry also bounded by what the header itself says
     * it needs (a model's weights by its declared architecture), checked before the entry is inflated.
     *
     * @param needs the most bytes each entry may hold, from the header; null: only the ceilings
     */
    public static ZipArchive read(final InputStream in, final Path label, final String header, final Set<String> known,
        final EntryBounds needs)
        throws IOException {
        var entries = new LinkedHashMap<String, byte[]>();
        try (var zip = new ZipInputStream(in)) {
            var first = zip.getNextEntry();
            if (first == null || !first.getName().equals(header)) {
                throw new IOException(label + " is not a flow-matching file: it does not start with " + header
                    + (first == null ? " (no entries)" : " (first entry: " + first.getName() + ")") + ".");
            }
            var headerBytes = inflate(zip, HEADER_LIMIT, label, header, "the header limit");
            entries.put(header, headerBytes);
            JsonObject declared = declaredEntries(headerBytes);
            var need = need(headerBytes, label, header, needs);
            long total = headerBytes.length;
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                var name = e.getName();
                if (!known.contains(name) || entries.containsKey(name)) {
                    throw new IOException(label + ": unexpected entry \"" + name + "\" (a file of this kind holds "
                        + header + " and " + known + ", each once).");
                }
                long limit = UNDECLARED_CEILING;
                String bound = "the ceiling for files without declared sizes";
                JsonObject d = null;
                if (declared != null) {
                    if (!declared.has(name)) {
                        throw new IOException(label + ": entry \"" + name + "\" is not listed in " + header + ".");
                    }
                    d = declared.getAsJsonObject(name);
                    limit = d.get("size").getAsLong();
                    bound = "its declared " + limit + " bytes";
                    if (limit < 0 || limit > DECLARED_CEILING) {
                        throw new IOException(label + ": entry \"" + name + "\" declares " + limit + " bytes; at most "
                            + DECLARED_CEILING + " are accepted.");
                    }
                }
                long most = need.applyAsLong(name);
                if (declared == null && most < limit) {
                    limit = most;
                    bound = "what its header's architecture needs";
                } else if (limit > most) {
                    throw new IOException(label + ": entry \"" + name + "\" declares " + limit + " bytes, but the"
                        + " architecture in " + header + " needs at most " + most + "; refused before inflating it.");
                }
                var bytes = inflate(zip, limit, label, name, bound);
                total += bytes.length;
                if (total > TOTAL_CEILING) {
                    throw new IOException(label + ": the entries inflate to more than " + TOTAL_CEILING + " bytes.");
                }
                if (d != null) {
                    if (bytes.length != limit) {
                        throw new IOException(label + ": entry \"" + name + "\" is truncated: " + bytes.length
                            + " of its " + limit + " bytes.");
                    }
                    if (!sha256(bytes).equals(d.get("sha256").getAsString())) {
                        throw new IOException(label + ": entry \"" + name + "\" is damaged: its SHA-256 differs from"
                            + " the one recorded in " + header + ".");
                    }
                }
                entries.put(name, bytes);
            }
            if (declared != null) {
                for (var name : declared.keySet()) {
                    if (!entries.containsKey(name)) {
                        throw new IOException(label + ": entry \"" + name + "\", listed in " + header
                            + ", is missing.");
                    }
                }
            }
        } catch (IllegalArgumentException | java.util.zip.ZipException | java.io.EOFException e) {
            throw new IOException(label + " is damaged or not a zip archive: " + e.getMessage(), e);
        }
        return new ZipArchive(label, entries);
    }

    /**
     * A file kind's bounds on its entries, from its header: read through {@link #header} and {@link #field} of an
     * archive that holds only the header, so that a damaged or foreign header fails with their messages before
     * any entry is inflated.
     */
    @FunctionalInterface
    public interface EntryBounds {
        /** @return the most bytes each entry name may hold ({@link Long#MAX_VALUE}: no further bound) */
        ToLongFunction<String> of(ZipArchive headerOnly) throws IOException;
    }

    private static ToLongFunction<String> need(final byte[] header, final Path label, final String headerName,
        final EntryBounds needs) throws IOException {
        return needs == null ? name -> Long.MAX_VALUE : needs.of(new ZipArchive(label, Map.of(headerName, header)));
    }

    /** @return the header's list of entries, or null for files written before it existed */
    private static JsonObject declaredEntries(final byte[] header) {
        try {
            var json = GSON.fromJson(new String(header, StandardCharsets.UTF_8), JsonObject.class);
            return json != null && json.has(ENTRIES) && json.get(ENTRIES).isJsonObject()
                ? json.getAsJsonObject(ENTRIES) : null;
        } catch (JsonParseException e) {
            return null; // header() reports the broken JSON with its own message
        }
    }

    /** @return the entry's bytes; fails as soon as more than {@code limit} bytes come out of it */
    private static byte[] inflate(final ZipInputStream zip, final long limit, final Path label, final String name,
        final String bound) throws IOException {
        var out = new ByteArrayOutputStream((int)Math.min(limit, 1 << 20));
        var buffer = new byte[1 << 16];
        long n = 0;
        int r;
        while ((r = zip.read(buffer)) > 0) {
            n += r;
            if (n > limit) {
                throw new IOException(label + ": entry \"" + name + "\" inflates to more than " + bound + " (" + limit
                    + " bytes); refused.");
            }
            out.write(buffer, 0, r);
        }
        return out.toByteArray();
    }

    /** @return the SHA-256 of the bytes, hexadecimal */
    public static String sha256(final byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime.", e);
        }
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
