package dev.flowmatch.engine.chem;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;

import org.tukaani.xz.XZInputStream;

/**
 * Opens molecule files as lazy streams of {@link ReadResult}, one per record, bad records included.
 * Close the stream (try-with-resources) to close the file.
 */
public final class MoleculeReaders {

    static {
        QuietCdkLog.install(); // before CDK's reader classes make their loggers
    }

    /** The supported record formats. */
    public enum Format {
        SMILES, SDF, XYZ
    }

    private MoleculeReaders() {
    }

    public static Stream<ReadResult> smiles(final Reader in) {
        return read(in, Format.SMILES);
    }

    public static Stream<ReadResult> sdf(final Reader in) {
        return read(in, Format.SDF);
    }

    public static Stream<ReadResult> xyz(final Reader in) {
        return read(in, Format.XYZ);
    }

    public static Stream<ReadResult> read(final Reader in, final Format format) {
        return read(in, format, "the input");
    }

    /**
     * @param source names the input in the messages of failures that end reading (a line beyond
     *            {@value NumberedLines#MAX_LINE_CHARS} characters, damaged compressed data), thrown as
     *            {@link java.io.UncheckedIOException} by the stream
     */
    public static Stream<ReadResult> read(final Reader in, final Format format, final String source) {
        return switch (format) {
            case SMILES -> stream(in, b -> new SmilesRecords(b, source));
            case SDF -> stream(in, b -> new SdfRecords(b, source));
            case XYZ -> stream(in, b -> new XyzRecords(b, source));
        };
    }

    /**
     * Opens a file by its extension: .smi/.smiles/.csv/.txt (SMILES), .sdf/.sd/.mol (SDF), .xyz (XYZ),
     * each optionally compressed as .gz or .xz (read as a stream, never unpacked to disk).
     */
    public static Stream<ReadResult> open(final Path file) throws IOException {
        var name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        var compression = name.endsWith(".xz") ? "xz" : name.endsWith(".gz") ? "gz" : "";
        var format = formatOfFile(name);
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            if (compression.equals("xz")) {
                raw = new XZInputStream(raw);
            } else if (compression.equals("gz")) {
                raw = new GZIPInputStream(raw, 1 << 16);
            }
            return read(new InputStreamReader(raw, StandardCharsets.UTF_8), format, "Input file " + file);
        } catch (IOException e) { // the compressed stream's header is read here: damage shows at once
            raw.close();
            throw new IOException("Input file " + file + ": " + NumberedLines.damage(e), e);
        }
    }

    /**
     * Checks, without reading it, that a file can be opened by {@link #open(Path)}.
     *
     * @throws IOException naming the file and what is wrong: missing, a folder, unreadable, or a file type
     *         this reader does not know
     */
    public static void checkReadable(final Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("Input file " + file + " does not exist.");
        }
        if (Files.isDirectory(file)) {
            throw new IOException("Input " + file + " is a folder, not a molecule file.");
        }
        if (!Files.isRegularFile(file)) { // a named pipe without a writer would block the run past any budget
            throw new IOException("Input " + file + " is not a regular file (a pipe, socket or device); save the"
                + " molecules to a file and give that.");
        }
        if (!Files.isReadable(file)) {
            throw new IOException("Input file " + file + " cannot be read (permission denied).");
        }
        try {
            formatOfFile(file.getFileName().toString().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IOException("Input file " + file + ": " + e.getMessage() + ".", e);
        }
    }

    /** @return the format of a lower-case file name, past a .gz or .xz ending */
    private static Format formatOfFile(final String name) {
        return formatOf(name.endsWith(".xz") || name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name);
    }

    static Format formatOf(final String name) {
        if (name.endsWith(".smi") || name.endsWith(".smiles") || name.endsWith(".csv") || name.endsWith(".txt")) {
            return Format.SMILES;
        }
        if (name.endsWith(".sdf") || name.endsWith(".sd") || name.endsWith(".mol")) {
            return Format.SDF;
        }
        if (name.endsWith(".xyz")) {
            return Format.XYZ;
        }
        throw new IllegalArgumentException("Unknown molecule file type \"" + name
            + "\": use .smi, .csv, .sdf, .mol or .xyz (optionally .gz or .xz)");
    }

    private static Stream<ReadResult> stream(final Reader in, final Function<BufferedReader, Iterator<ReadResult>> f) {
        var buffered = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        var it = f.apply(buffered);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
            false).onClose(() -> {
                try {
                    buffered.close();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
    }
}
