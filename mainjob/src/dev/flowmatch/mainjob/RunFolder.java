package dev.flowmatch.mainjob;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;

/**
 * The output folder, written all at once: every file goes into a fresh folder beside {@code --out}
 * ("out.partial-PID"), which replaces {@code --out} only when the run has finished. A run that fails or is
 * interrupted (Ctrl-C: a shutdown hook) deletes its partial folder and leaves the previous results exactly
 * as they were. An existing {@code --out} is only ever replaced when it holds nothing but the files this job
 * writes, so a mistyped {@code --out ~} cannot wipe a home folder.
 */
final class RunFolder {

    /** What a finished run leaves in its folder; an existing folder with anything else is not replaced. */
    static final Set<String> OUR_FILES = Set.of("generated.sdf", "metrics.csv", "model-card.md", "training-curve.png",
        "curve.csv", "model.zip", "skipped.csv", "bond-lengths.csv", "stripped.csv");

    private final Path m_out;

    private final Path m_partial;

    private final Thread m_hook;

    private boolean m_done; // committed or abandoned; guarded by this

    private RunFolder(final Path out, final Path partial) {
        m_out = out;
        m_partial = partial;
        m_hook = new Thread(this::interrupted, "flowmatch-interrupt");
        Runtime.getRuntime().addShutdownHook(m_hook);
    }

    /**
     * Checks {@code --out} and creates the partial folder beside it (so a location that cannot be written fails
     * now, before any work).
     *
     * @throws UserError naming the folder and the reason
     */
    static RunFolder open(final String outArg) {
        var out = Path.of(outArg).toAbsolutePath().normalize();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserError("--out " + outArg + " is a file; give a folder (new, empty, or an earlier output).");
        }
        if (Files.isDirectory(out)) {
            try (var entries = Files.list(out)) {
                var foreign = entries.map(p -> p.getFileName().toString()).filter(n -> !OUR_FILES.contains(n)).sorted()
                    .limit(3).toList();
                if (!foreign.isEmpty()) {
                    throw new UserError("--out " + outArg + " holds files this job did not write (" + String.join(", ",
                        foreign) + "); choose a new or empty folder, so that nothing of yours is replaced.");
                }
            } catch (IOException e) {
                throw new UserError("Cannot list the output folder " + outArg + ": " + reason(e) + ".", e);
            }
        }
        var parent = out.getParent();
        if (parent == null) {
            throw new UserError("--out " + outArg + " is a file system root; give a folder inside it.");
        }
        var partial = parent.resolve(out.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UserError("Cannot create the folder " + parent + " for --out " + outArg + ": " + reason(e) + ".", e);
        }
        try {
            Files.createDirectory(partial);
        } catch (IOException e) {
            throw new UserError("Cannot write in " + parent + " (for --out " + outArg + "): " + reason(e) + ".", e);
        }
        return new RunFolder(out, partial);
    }

    /** @return where this run writes its files until {@link #commit()} */
    Path dir() {
        return m_partial;
    }

    Path out() {
        return m_out;
    }

    /** Moves the finished files into place, replacing the previous run's folder. */
    synchronized void commit() throws IOException {
        if (m_done) {
            throw new IOException("The run was interrupted; " + m_out + " was left as it was.");
        }
        Path previous = null;
        if (Files.exists(m_out)) {
            previous = m_out.resolveSibling(m_out.getFileName() + ".previous-" + ProcessHandle.current().pid());
            Files.move(m_out, previous);
        }
        Files.move(m_partial, m_out);
        m_done = true;
        removeHook();
        if (previous != null) {
            deleteTree(previous);
        }
    }

    /** Deletes the partial files after a failure; the previous results stay. */
    synchronized void abandon() {
        if (!m_done) {
            m_done = true;
            deleteTree(m_partial);
            removeHook();
        }
    }

    /** The shutdown hook: on Ctrl-C (SIGINT) or SIGTERM before the commit, remove the partial folder and say so. */
    private void interrupted() {
        synchronized (this) {
            if (m_done) {
                return;
            }
            m_done = true;
        }
        // the main thread may still be writing into the folder: delete until it stays gone
        for (int attempt = 0; attempt < 20 && Files.exists(m_partial); attempt++) {
            deleteTree(m_partial);
        }
        System.err.println(System.lineSeparator() + "interrupted: " + m_out + (Files.exists(m_out)
            ? " was left as it was (the partial results of this run were removed)."
            : " was not written (the partial results of this run were removed)."));
        System.err.flush();
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(m_hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs and finds m_done set
        }
    }

    private static void deleteTree(final Path root) {
        try (var all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a file still being written: the next attempt gets it
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            // gone already, or a concurrent change: the caller retries where it matters
        }
    }

    /** @return an I/O failure in words ("permission denied", "no such folder …") */
    static String reason(final IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied (" + e.getMessage() + ")";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder (" + e.getMessage() + ")";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT) + " (" + f.getFile() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
