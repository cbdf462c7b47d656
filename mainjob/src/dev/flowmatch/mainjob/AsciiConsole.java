package dev.flowmatch.mainjob;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * Console output that stays readable when the terminal's encoding is not UTF-8 (e.g. LANG=C): Java then
 * prints "λ" and "≥" as "?". Where the console's charset cannot encode them, the few non-ASCII characters
 * the main job prints are spelled out ("lambda", ">="); files are always written as UTF-8 regardless.
 */
final class AsciiConsole {

    private static final Map<Character, String> SPELLED = Map.ofEntries(Map.entry('λ', "lambda"),
        Map.entry('≥', ">="), Map.entry('≤', "<="), Map.entry('×', "x"), Map.entry('–', "-"), Map.entry('—', "-"),
        Map.entry('…', "..."), Map.entry('Å', "A"), Map.entry('·', "*"), Map.entry('±', "+/-"), Map.entry('²', "^2"),
        Map.entry('→', "->"), Map.entry('“', "\""), Map.entry('”', "\""), Map.entry('’', "'"), Map.entry('µ', "u"),
        Map.entry('θ', "theta"), Map.entry('σ', "sigma"), Map.entry('°', " deg"));

    private AsciiConsole() {
    }

    /** Replaces System.out and System.err when their charset cannot encode the characters above. */
    static void install() {
        var charset = consoleCharset();
        if (charset.newEncoder().canEncode("λ≥×–…Å±→")) {
            return;
        }
        System.setOut(spelling(new FileOutputStream(FileDescriptor.out), charset));
        System.setErr(spelling(new FileOutputStream(FileDescriptor.err), charset));
    }

    /** @return the charset Java encodes stdout with (Java 17: sun.stdout.encoding on a terminal, else the default) */
    static Charset consoleCharset() {
        var name = System.getProperty("sun.stdout.encoding");
        try {
            return name != null ? Charset.forName(name) : Charset.defaultCharset();
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /** @return the text with every character outside ASCII spelled out (or "?" when there is no spelling) */
    static String spell(final String text) {
        var sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(c < 128 ? String.valueOf(c) : SPELLED.getOrDefault(c, "?"));
        }
        return sb.toString();
    }

    private static PrintStream spelling(final OutputStream raw, final Charset charset) {
        return new PrintStream(raw, true, charset) {
            @Override
            public void print(final String s) {
                super.print(s == null ? null : spell(s));
            }

            @Override
            public void print(final char c) {
                super.print(spell(String.valueOf(c)));
            }

            @Override
            public void print(final Object o) {
                print(String.valueOf(o));
            }

            @Override
            public PrintStream format(final String format, final Object... args) {
                print(String.format(format, args));
                return this;
            }

            @Override
            public PrintStream format(final java.util.Locale l, final String format, final Object... args) {
                print(String.format(l, format, args));
                return this;
            }
        };
    }
}
