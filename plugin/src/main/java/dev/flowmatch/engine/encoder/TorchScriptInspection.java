package dev.flowmatch.engine.encoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a TorchScript archive's code before libtorch compiles and runs it. A {@code .pt} file is a program: its
 * {@code code/} holds the TorchScript source that loading compiles and the encoder's probe then executes, and
 * TorchScript can read and write files ({@code torch.from_file}) or call operators of native libraries. Calls that
 * touch files, and operators outside PyTorch's own namespaces (aten, prim), are refused by name before anything
 * runs. This narrows what an untrusted file can do; it does not make one safe: only load files you trust.
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

    private TorchScriptInspection() {
    }

    /**
     * @throws IOException naming the file and every refused operator; files that are no zip archive are left to
     *             libtorch, which refuses them as not TorchScript
     */
    static void check(final Path file) throws IOException {
        var refused = new TreeSet<String>();
        long read = 0;
        try (var zip = new ZipFile(file.toFile())) {
            for (var e : java.util.Collections.list(zip.entries())) {
                var name = e.getName();
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
