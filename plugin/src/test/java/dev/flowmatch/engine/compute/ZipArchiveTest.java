package dev.flowmatch.engine.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives round-trip, leave no partial files behind, and get the permissions of any new file. */
public class ZipArchiveTest {

    @Test
    void writtenFileRoundTripsWithDefaultPermissions(@TempDir final Path dir) throws Exception {
        var header = com.google.gson.JsonParser.parseString("{\"format\": \"x\", \"version\": 1}").getAsJsonObject();
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put("data", new byte[] {1, 2, 3});
        var file = dir.resolve("sub/model.zip");
        ZipArchive.write(file, "head.json", header, entries);
        var zip = ZipArchive.read(file, "head.json", java.util.Set.of("data"));
        assertEquals(1, zip.header("head.json", "x", 1).get("version").getAsInt());
        assertArrayEquals(new byte[] {1, 2, 3}, zip.bytes("data"));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no .part file left");
        }
        assumeTrue(Files.getFileAttributeView(file, PosixFileAttributeView.class) != null, "POSIX permissions only");
        var plain = Files.createFile(dir.resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
        assertTrue(Files.isReadable(file));
    }

    /** Writes a zip as given (no header bookkeeping): for files made the way an attacker or older versions would. */
    public static void writeRaw(final Path file, final Map<String, byte[]> entries) throws java.io.IOException {
        try (var zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    /** A header that declares sizes, then an entry that inflates far beyond them: refused at the declared size. */
    @Test
    void zipBombsAreRefusedAtTheirDeclaredSizeOrTheCeiling(@TempDir final Path dir) throws Exception {
        var header = com.google.gson.JsonParser.parseString("{\"format\": \"x\", \"version\": 1}").getAsJsonObject();
        var honest = dir.resolve("honest.zip");
        var small = new LinkedHashMap<String, byte[]>();
        small.put("data", new byte[1000]);
        ZipArchive.write(honest, "head.json", header, small);
        byte[] head;
        try (var z = new java.util.zip.ZipFile(honest.toFile())) {
            head = z.getInputStream(z.getEntry("head.json")).readAllBytes();
        }
        long gib = 1L << 30;
        var declared = dir.resolve("declared-bomb.zip");
        bomb(declared, "head.json", head, "data", gib);
        assertTrue(Files.size(declared) < 2 << 20, "about a megabyte on disk: " + Files.size(declared));
        var e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
            () -> ZipArchive.read(declared, "head.json", java.util.Set.of("data")));
        assertTrue(e.getMessage().contains("declared-bomb.zip") && e.getMessage().contains("\"data\"")
            && e.getMessage().contains("1000 bytes"), e.getMessage());
        // a header without sizes (as older files): the ceiling bounds what is inflated
        var undeclared = dir.resolve("undeclared-bomb.zip");
        bomb(undeclared, "head.json", "{\"format\": \"x\", \"version\": 1}".getBytes(StandardCharsets.UTF_8),
            "data", gib);
        var f = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
            () -> ZipArchive.read(undeclared, "head.json", java.util.Set.of("data")));
        assertTrue(f.getMessage().contains("undeclared-bomb.zip") && f.getMessage().contains("ceiling"), f.getMessage());
        // unknown entries are refused by name
        var extra = new LinkedHashMap<String, byte[]>();
        extra.put("head.json", head);
        extra.put("data", new byte[1000]);
        extra.put("payload.class", new byte[] {1});
        var odd = dir.resolve("odd.zip");
        writeRaw(odd, extra);
        var g = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
            () -> ZipArchive.read(odd, "head.json", java.util.Set.of("data")));
        assertTrue(g.getMessage().contains("odd.zip") && g.getMessage().contains("payload.class"), g.getMessage());
    }

    /** A zip whose second entry is {@code size} zero bytes (deflated about a thousand to one). */
    private static void bomb(final Path file, final String headerName, final byte[] header, final String name,
        final long size) throws java.io.IOException {
        try (var zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry(headerName));
            zip.write(header);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(name));
            var zeros = new byte[1 << 20];
            for (long n = 0; n < size; n += zeros.length) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
    }
}
