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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives round-trip, leave no partial files behind, and get the permissions of any new file. */
class ZipArchiveTest {

    @Test
    void writtenFileRoundTripsWithDefaultPermissions(@TempDir final Path dir) throws Exception {
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put("head.json", "{\"format\": \"x\", \"version\": 1}".getBytes(StandardCharsets.UTF_8));
        entries.put("data", new byte[] {1, 2, 3});
        var file = dir.resolve("sub/model.zip");
        ZipArchive.write(file, entries);
        var zip = ZipArchive.read(file, "head.json");
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
}
