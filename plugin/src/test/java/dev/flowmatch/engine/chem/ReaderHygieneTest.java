package dev.flowmatch.engine.chem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Input that is not what it claims: byte-order marks, line endings of every system, records without atoms,
 * lines without end, damaged compressed files. Each gets a record-level failure or one sentence naming the
 * source and the line, never an exception of the JDK's own.
 */
class ReaderHygieneTest {

    private static List<ReadResult> all(final java.util.stream.Stream<ReadResult> s) {
        try (s) {
            return s.toList();
        }
    }

    /** Lines as BufferedReader reads them, for \n, \r\n and \r endings split anywhere across reads. */
    @Test
    void linesMatchTheJdksReadLineAcrossEveryEndingAndBufferBoundary() throws IOException {
        var text = "a\r\nbb\rccc\n\nd\r\r\ne";
        var expected = new java.io.BufferedReader(new StringReader(text)).lines().toList();
        for (int chunk = 1; chunk <= text.length(); chunk++) {
            var lines = new NumberedLines(trickle(text, chunk), "t", 100);
            var got = new ArrayList<String>();
            for (String l; (l = lines.next()) != null;) {
                got.add(l);
            }
            assertEquals(expected, got, "reads of " + chunk + " characters");
            assertEquals(expected.size(), lines.number());
        }
    }

    /** @return a reader that returns at most {@code chunk} characters per read */
    private static Reader trickle(final String s, final int chunk) {
        return new Reader() {
            private int m_at;

            @Override
            public int read(final char[] buf, final int off, final int len) {
                if (m_at == s.length()) {
                    return -1;
                }
                int n = Math.min(Math.min(len, chunk), s.length() - m_at);
                s.getChars(m_at, m_at + n, buf, off);
                m_at += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheHeaderOrTheFirstRecord() {
        var csv = all(MoleculeReaders.smiles(new StringReader("\uFEFFsmiles,name\nCCO,a\nCCN,b\n")));
        assertEquals(2, csv.size());
        assertTrue(csv.stream().allMatch(ReadResult::isOk), csv.toString());
        var xyz = all(MoleculeReaders.xyz(new StringReader("\uFEFF1\nhelium\nHe 0 0 0\n")));
        assertTrue(xyz.get(0).isOk(), xyz.toString());
    }

    @Test
    void recordsWithoutAtomsAreFailedRecordsNotMolecules() {
        var r = all(MoleculeReaders.smiles(new StringReader(".\nCCO\n")));
        assertEquals(2, r.size());
        assertFalse(r.get(0).isOk());
        assertTrue(r.get(0).error().contains("has no atoms"), r.get(0).error());
        assertTrue(r.get(1).isOk());
        var sdf = all(MoleculeReaders.sdf(new StringReader("empty\n  test\n\n  0  0  0  0  0  0  0  0  0  0999 V2000\n"
            + "M  END\n$$$$\n")));
        assertTrue(sdf.get(0).error().contains("has no atoms"), sdf.toString());
    }

    @Test
    void pseudoAtomsAndReorderedVocabulariesAreRefused() {
        var r = all(MoleculeReaders.smiles(new StringReader("*CCO star\nCCO ethanol\n")));
        assertFalse(r.get(0).isOk());
        assertTrue(r.get(0).error().contains("has a pseudo-atom"), r.get(0).error());
        assertTrue(r.get(1).isOk());
        assertEquals(List.of("H", "C", "O"), AtomVocabulary.parse(List.of("H", "C", "O")).tokens());
        for (var bad : List.of(List.of("C", "H", "O"), List.of("H", "C", "C", "O"))) {
            var e = assertThrows(IllegalArgumentException.class, () -> AtomVocabulary.parse(bad));
            assertTrue(e.getMessage().contains("listed once each, in the order [H, C, O]"), e.getMessage());
        }
    }

    /** A SMILES of 100,000 nested branches (minutes in CDK's parser) is refused by its length, unparsed. */
    @Test
    void smilesLongerThanAnyUsableMoleculeAreRefusedUnparsed() {
        var nested = "C(".repeat(100_000) + "C" + ")".repeat(100_000);
        var r = all(MoleculeReaders.smiles(new StringReader(nested + " deep\nCCO\n")));
        assertTrue(r.get(0).error().contains("a SMILES of 300,001 characters"), r.get(0).error());
        assertTrue(r.get(1).isOk());
    }

    /** A source without line breaks stops at the bound with a message naming it, before memory runs out. */
    @Test
    void aLineWithoutEndStopsReadingAtTheBound() {
        var endless = new Reader() {
            @Override
            public int read(final char[] buf, final int off, final int len) {
                java.util.Arrays.fill(buf, off, off + len, '\0');
                return len;
            }

            @Override
            public void close() {
            }
        };
        for (var format : MoleculeReaders.Format.values()) {
            var e = assertThrows(UncheckedIOException.class,
                () -> all(MoleculeReaders.read(endless, format, "zeros.bin")));
            var m = e.getCause().getMessage();
            assertTrue(m.startsWith("zeros.bin") && m.contains("line 1: longer than 10,000,000 characters"), m);
        }
        var lines = new StringBuilder();
        for (int i = 0; i < 200_000; i++) { // 11 MB of short lines with no $$$$: an SD record cannot be that long
            lines.append("0123456789 0123456789 0123456789 0123456789 0123456789\n");
        }
        var e = assertThrows(UncheckedIOException.class,
            () -> all(MoleculeReaders.read(new StringReader(lines.toString()), MoleculeReaders.Format.SDF, "junk.sdf")));
        assertTrue(e.getCause().getMessage().contains("record starting at line 1 is longer than"),
            e.getCause().getMessage());
    }

    @Test
    void damagedCompressedFilesAreNamedWithTheirDamage(@TempDir final Path dir) throws IOException {
        var text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("CCO ethanol ").append(i).append('\n');
        }
        var bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        var gz = dir.resolve("cut.smi.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(bytes);
        }
        var whole = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(whole, whole.length / 2));
        var xz = dir.resolve("flipped.smi.xz");
        try (OutputStream out = new XZOutputStream(Files.newOutputStream(xz), new LZMA2Options())) {
            out.write(bytes);
        }
        var damaged = Files.readAllBytes(xz);
        damaged[damaged.length / 2] ^= 0x55;
        Files.write(xz, damaged);
        var notGz = dir.resolve("plain.smi.gz");
        Files.writeString(notGz, "CCO\n");
        for (var file : List.of(gz, xz, notGz)) {
            String message;
            try (var s = MoleculeReaders.open(file)) {
                var e = assertThrows(UncheckedIOException.class, s::count);
                message = e.getCause().getMessage();
            } catch (IOException e) { // damage in the header shows when the file is opened
                message = e.getMessage();
            }
            assertTrue(message.startsWith("Input file " + file), message);
            assertTrue(message.contains(file == gz ? "cut short" : file == xz ? "xz-compressed data is damaged"
                : "gzip-compressed data is damaged"), message);
        }
    }
}
