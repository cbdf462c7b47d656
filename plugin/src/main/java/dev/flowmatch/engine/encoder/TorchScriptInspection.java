package dev.flowmatch.engine.encoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a TorchScript archive's code before libtorch compiles and runs it. A {@code .pt} file is a program: its
 * {@code code/} holds the TorchScript source that loading compiles and the encoder's probe then executes, and
 * TorchScript can read and write files ({@code torch.from_file}) or call operators of native libraries. Calls that
 * touch files, and operators outside PyTorch's own namespaces (aten, prim), are refused by name before anything
 * runs; so is a file whose pickled tensors declare more bytes than the archive holds (libtorch would read past
 * them). This narrows what an untrusted file can do; it does not make one safe: only load files you trust.
 */
final class TorchScriptInspection {

    /** PyTorch operators that read or write files. */
    private static final Set<String> FILE_OPERATORS = Set.of("from_file", "save", "load", "_save", "_load",
        "_load_for_mobile", "_save_for_mobile", "_save_parameters", "_load_parameters");

    /** Namespaces of PyTorch's own operators; anything else is a native library's (custom ops). */
    private static final Set<String> OWN_NAMESPACES = Set.of("aten", "prim");

    private static final Pattern CALL = Pattern.compile("\\b(torch|ops)\\.([A-Za-z_][A-Za-z0-9_]*)(?:\\.([A-Za-z_][A-Za-z0-9_]*))?");

    /** Most source read (a real encoder's code is kilobytes). */
    private static final long MAX_CODE = 50L << 20;

    /** Most a pickle may hold (a real one lists the module's attributes: kilobytes to a few megabytes). */
    private static final long MAX_PICKLE = 64L << 20;

    /** Bytes per element of each storage type libtorch's pickler writes (torch.&lt;ScalarType&gt;Storage). */
    private static final Map<String, Integer> ELEMENT_BYTES = Map.ofEntries(Map.entry("DoubleStorage", 8),
        Map.entry("FloatStorage", 4), Map.entry("HalfStorage", 2), Map.entry("BFloat16Storage", 2),
        Map.entry("LongStorage", 8), Map.entry("IntStorage", 4), Map.entry("ShortStorage", 2),
        Map.entry("CharStorage", 1), Map.entry("ByteStorage", 1), Map.entry("BoolStorage", 1),
        Map.entry("ComplexFloatStorage", 8), Map.entry("ComplexDoubleStorage", 16), Map.entry("QInt8Storage", 1),
        Map.entry("QUInt8Storage", 1), Map.entry("QInt32Storage", 4), Map.entry("UInt16Storage", 2),
        Map.entry("UInt32Storage", 4), Map.entry("UInt64Storage", 8));

    private TorchScriptInspection() {
    }

    /**
     * @throws IOException naming the file and every refused operator, or the first storage or tensor that declares
     *             more bytes than the archive holds; files that are no zip archive are left to libtorch, which
     *             refuses them as not TorchScript
     */
    static void check(final Path file) throws IOException {
        var refused = new TreeSet<String>();
        long read = 0;
        try (var zip = new ZipFile(file.toFile())) {
            for (var e : java.util.Collections.list(zip.entries())) {
                var name = e.getName();
                if (name.endsWith("/data.pkl") || name.endsWith("/constants.pkl")) {
                    checkStorages(file, zip, e);
                    continue;
                }
                if (!name.contains("code/") || !(name.endsWith(".py"))) {
                    continue;
                }
                try (var in = zip.getInputStream(e)) {
                    var bytes = in.readNBytes((int)Math.min(Integer.MAX_VALUE - 8, MAX_CODE - read + 1));
                    read += bytes.length;
                    if (read > MAX_CODE) {
                        throw new IOException(file + ": its TorchScript code is larger than " + (MAX_CODE >> 20)
                            + " MB; refused.");
                    }
                    refused.addAll(refusedCalls(new String(bytes, StandardCharsets.UTF_8)));
                }
            }
        } catch (ZipException e) {
            return; // not an archive: libtorch says it is not TorchScript
        }
        if (!refused.isEmpty()) {
            throw new IOException(file + ": refused before loading: its TorchScript code calls " + String.join(", ",
                refused) + ", which " + (refused.size() == 1 ? "touches" : "touch")
                + " files or native libraries. A .pt file is a program; load only files you trust.");
        }
    }

    /**
     * Every storage a pickle declares must be held in full by its record ({@code <archive>/<key>} beside the
     * pickle), and every tensor view must lie inside its storage: libtorch checks neither before reading.
     */
    private static void checkStorages(final Path file, final ZipFile zip, final ZipEntry pickle) throws IOException {
        var name = pickle.getName();
        if (pickle.getSize() > MAX_PICKLE) {
            throw new IOException(file + ": " + name + " is larger than " + (MAX_PICKLE >> 20) + " MB; refused.");
        }
        byte[] bytes;
        try (var in = zip.getInputStream(pickle)) {
            bytes = in.readNBytes((int)MAX_PICKLE + 1);
        }
        if (bytes.length > MAX_PICKLE) {
            throw new IOException(file + ": " + name + " is larger than " + (MAX_PICKLE >> 20) + " MB; refused.");
        }
        var records = name.substring(0, name.length() - ".pkl".length()) + "/";
        var declared = PickledStorages.read(bytes, file + ": " + name);
        for (var s : declared.storages()) {
            Integer element = ELEMENT_BYTES.get(s.type());
            if (element == null) {
                throw new IOException(file + ": " + name + " declares a storage of type torch." + s.type()
                    + ", which this check does not know; refused.");
            }
            var record = zip.getEntry(records + s.key());
            if (record == null) { // archives that share tensors keep them in <root>/.data/ (torch.package)
                record = zip.getEntry(name.substring(0, name.lastIndexOf('/') + 1) + ".data/" + s.key());
            }
            long needed = multiply(file, name, s.numel(), element);
            long held = record == null ? 0 : record.getSize();
            if (needed > 0 && (record == null || held < needed)) {
                throw new IOException(file + ": " + name + " declares storage " + s.key() + " of " + s.numel()
                    + " elements (" + needed + " bytes), but " + (record == null ? "the archive lacks its record "
                        + records + s.key() : "its record holds " + held + " bytes")
                    + ". The file is damaged or crafted; refused before loading.");
            }
        }
        for (var v : declared.views()) {
            if (v.size().length != v.stride().length || v.offset() < 0) {
                throw new IOException(file + ": " + name + " declares a tensor on storage " + v.storage().key()
                    + " with " + v.size().length + " sizes, " + v.stride().length + " strides and offset "
                    + v.offset() + "; refused.");
            }
            long last = v.offset(); // index of the view's last element
            boolean empty = false;
            for (int i = 0; i < v.size().length; i++) {
                if (v.size()[i] < 0 || v.stride()[i] < 0) {
                    throw new IOException(file + ": " + name + " declares a tensor on storage " + v.storage().key()
                        + " with a negative size or stride; refused.");
                }
                empty |= v.size()[i] == 0;
                last = add(file, name, last, multiply(file, name, Math.max(0, v.size()[i] - 1), v.stride()[i]));
            }
            if (!empty && last >= v.storage().numel()) {
                throw new IOException(file + ": " + name + " declares a tensor reaching element " + (last + 1)
                    + " of storage " + v.storage().key() + ", which holds " + v.storage().numel()
                    + ". The file is damaged or crafted; refused before loading.");
            }
        }
    }

    private static long add(final Path file, final String name, final long a, final long b) throws IOException {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new IOException(file + ": " + name + " declares a tensor larger than any memory; refused.", e);
        }
    }

    private static long multiply(final Path file, final String name, final long a, final long b) throws IOException {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new IOException(file + ": " + name + " declares a tensor larger than any memory; refused.", e);
        }
    }

    /** @return the refused calls in TorchScript source, as written there */
    static Set<String> refusedCalls(final String code) {
        var out = new TreeSet<String>();
        var m = CALL.matcher(code);
        while (m.find()) {
            var first = m.group(2);
            var second = m.group(3);
            if (m.group(1).equals("torch")) {
                if (FILE_OPERATORS.contains(first)) {
                    out.add("torch." + first);
                } else if (first.equals("classes")) { // custom C++ classes of a native library
                    out.add("torch.classes" + (second == null ? "" : "." + second));
                } else if (first.equals("ops") && second != null && !OWN_NAMESPACES.contains(second)) {
                    out.add("torch.ops." + second);
                }
            } else if (!OWN_NAMESPACES.contains(first) && second != null) { // ops.<namespace>.<operator>
                out.add("ops." + first + "." + second);
            } else if (second != null && FILE_OPERATORS.contains(second)) {
                out.add("ops." + first + "." + second);
            }
        }
        return out;
    }
}
