package dev.flowmatch.engine.chem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** Every reader: good records read, bad ones reported with their index, none dropped. */
class MoleculeReadersTest {

    static final String XYZ = """
        3
        water
        O 0.000 0.000 0.117
        H 0.000 0.757 -0.467
        H 0.000 -0.757 -0.467
        2
        broken element
        Xx 0 0 0
        H 0 0 0.74
        2
        hydrogen, QM9 style exponent
        H 0.0 0.0 0.0
        H 0.0 0.0 7.4*^-1
        two
        bad count
        1
        bad coordinate
        C 0.0 abc 0.0
        """;

    private static List<ReadResult> all(final java.util.stream.Stream<ReadResult> s) {
        try (s) {
            return s.toList();
        }
    }

    @Test
    void smilesFileWithTitlesBlankLinesAndABadRecord() {
        var r = all(MoleculeReaders.smiles(new StringReader("CCO ethanol\n\nC1CC invalid ring\nc1ccccc1 benzene\n")));
        assertEquals(3, r.size());
        assertEquals("ethanol", r.get(0).title());
        assertEquals(3, r.get(0).molecule().getAtomCount());
        assertFalse(r.get(1).isOk());
        assertEquals(1, r.get(1).index());
        assertTrue(r.get(1).error().contains("line 3") && r.get(1).error().contains("C1CC"), r.get(1).error());
        assertEquals(6, r.get(2).molecule().getAtomCount());
        assertEquals(2, r.get(2).index());
    }

    @Test
    void csvWithSmilesColumn() {
        var r = all(MoleculeReaders.smiles(new StringReader("id,SMILES,logp\n1,CC(=O)O,0.1\n2,,0\n3,N#N,0\n")));
        assertEquals(3, r.size());
        assertEquals(4, r.get(0).molecule().getAtomCount());
        assertTrue(r.get(1).error().contains("empty SMILES") && r.get(1).error().contains("line 3"), r.get(1).error());
        assertEquals(2, r.get(2).molecule().getAtomCount());
    }

    static final String SDF = """
        methanol
          handmade

          2  1  0  0  0  0  0  0  0  0999 V2000
            0.0000    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0
            1.4200    0.0000    0.0000 O   0  0  0  0  0  0  0  0  0  0  0  0
          1  2  1  0  0  0  0
        M  END
        > <logP>
        -0.77

        $$$$
        broken
          handmade

          x  y  0  0  0  0  0  0  0  0999 V2000
        M  END
        $$$$
        """;

    @Test
    void sdfV2000AndV3000WithABrokenRecordBetween() throws Exception {
        var v3000 = new java.io.StringWriter();
        var glycolonitrile = Conformers.embed(BondPerceptionTest.parse("OCC#N"));
        glycolonitrile.setTitle("glycolonitrile v3000");
        try (var w = new org.openscience.cdk.io.MDLV3000Writer(v3000)) {
            w.write(glycolonitrile);
        }
        var r = all(MoleculeReaders.sdf(new StringReader(SDF + v3000 + "$$$$\n")));
        assertEquals(3, r.size());
        assertEquals("methanol", r.get(0).title());
        assertEquals(2, r.get(0).molecule().getAtomCount());
        assertEquals(1, r.get(0).molecule().getBondCount());
        assertEquals("-0.77", r.get(0).molecule().getProperty("logP"));
        assertFalse(r.get(1).isOk());
        assertEquals("broken", r.get(1).title());
        assertTrue(r.get(1).error().contains("line"), r.get(1).error());
        assertTrue(r.get(2).isOk(), r.get(2).toString());
        assertEquals("glycolonitrile v3000", r.get(2).title());
        assertEquals(glycolonitrile.getAtomCount(), r.get(2).molecule().getAtomCount());
        assertEquals(glycolonitrile.getAtom(1).getPoint3d().x, r.get(2).molecule().getAtom(1).getPoint3d().x, 1e-4);
        assertEquals(3, r.get(2).molecule().getBond(r.get(2).molecule().getAtom(2), r.get(2).molecule().getAtom(3))
            .getOrder().numeric(), "the triple bond survives V3000");
    }

    /**
     * CDK's reader reports an unknown symbol to its error handler (by default printed to stderr with a row
     * counted inside the record) and carries on with a pseudo atom; here the record fails, with the line of
     * the file, and nothing reaches the console.
     */
    @Test
    void sdfProblemsNameTheLineOfTheFileAndPrintNothing() {
        var bad = SDF.replace("1.4200    0.0000    0.0000 O ", "1.4200    0.0000    0.0000 Qq")
            .replace("  1  2  1  0  0  0  0\n", "  1  9  1  0  0  0  0\n");
        var err = System.err;
        var captured = new java.io.ByteArrayOutputStream();
        List<ReadResult> r;
        System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            r = all(MoleculeReaders.sdf(new StringReader(bad + SDF.replace("methanol", "second"))));
        } finally {
            System.setErr(err);
        }
        assertEquals(4, r.size());
        assertEquals(List.of(1L, 13L, 19L, 31L), r.stream().map(ReadResult::line).toList(), "first lines of records");
        assertEquals("record starting at line 1: line 6, columns 31-34: invalid symbol: Qq", r.get(0).error());
        assertTrue(r.get(1).error().startsWith("record starting at line 13 "), r.get(1).error());
        assertTrue(r.get(2).isOk(), "the next record is read");
        assertEquals("", captured.toString(StandardCharsets.UTF_8), "nothing printed by CDK");
    }

    @Test
    void xyzRecordsWithBadElementCountAndCoordinate() {
        var r = all(MoleculeReaders.xyz(new StringReader(XYZ)));
        assertEquals(5, r.size(), r.toString());
        assertEquals("water", r.get(0).title());
        assertEquals(3, r.get(0).molecule().getAtomCount());
        assertEquals(0.757, r.get(0).molecule().getAtom(1).getPoint3d().y, 1e-12);
        assertTrue(r.get(1).error().contains("unknown element \"Xx\""), r.get(1).error());
        assertEquals(0.74, r.get(2).molecule().getAtom(1).getPoint3d().z, 1e-12, "*^ exponent");
        assertTrue(r.get(3).error().contains("\"two\""), r.get(3).error());
        assertTrue(r.get(4).error().contains("invalid coordinate \"abc\""), r.get(4).error());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), r.stream().map(ReadResult::index).toList());
    }

    @Test
    void truncatedXyzIsReportedNotDropped() {
        var r = all(MoleculeReaders.xyz(new StringReader("3\ncut\nO 0 0 0\nH 0 0 1\n")));
        assertEquals(1, r.size());
        assertTrue(r.get(0).error().contains("file ends inside"), r.get(0).error());
        assertNull(r.get(0).molecule());
    }

    @Test
    void compressedFilesAreReadAsStreams(@TempDir final Path dir) throws IOException {
        var xz = dir.resolve("mols.xyz.xz");
        try (OutputStream out = new XZOutputStream(Files.newOutputStream(xz), new LZMA2Options())) {
            out.write(XYZ.getBytes(StandardCharsets.UTF_8));
        }
        var gz = dir.resolve("mols.smi.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("CCO\nCCN\n".getBytes(StandardCharsets.UTF_8));
        }
        try (var s = MoleculeReaders.open(xz)) {
            assertEquals(5, s.count());
        }
        try (var s = MoleculeReaders.open(gz)) {
            assertEquals(2, s.filter(ReadResult::isOk).count());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> MoleculeReaders.open(dir.resolve("x.pdf")));
        assertTrue(e.getMessage().contains("x.pdf"));
    }
}
