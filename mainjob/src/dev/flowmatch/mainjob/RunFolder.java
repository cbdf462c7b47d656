package dev.flowmatch.mainjob;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The output folder, written all at once: every file goes into a fresh folder beside {@code --out}
 * ("out.partial-TAG"), which replaces {@code --out} only when the run has finished ({@link OutSwitch}: steps a
 * later run can finish or undo after a kill -9). A run that fails or is interrupted (Ctrl-C: a shutdown hook)
 * deletes its partial folder and leaves the previous results exactly as they were. An existing {@code --out} is
 * only ever replaced when it holds nothing but the files this job writes (plain files, by name) and not the input,
 * so a mistyped {@code --out ~} cannot wipe a home folder. One run at a time holds {@code --out}: a lock file
 * beside it refuses a second.
 */
final class RunFolder {

    /** What a finished run leaves in its folder; an existing folder with anything else is not replaced. */
    static final Set<String> OUR_FILES = Set.of("generated.sdf", "metrics.csv", "model-card.md", "training-curve.png",
        "curve.csv", "model.zip", "skipped.csv", "bond-lengths.csv", "stripped.csv");

    private final Path m_out;

    private final Path m_partial;

    private final Thread m_hook;

    /** The lock on --out (held until the run ends; the operating system drops it if the process dies). */
    private final java.nio.channels.FileChannel m_lock;

    private final String m_tag;

    private boolean m_done; // committed or abandoned; guarded by this

    private RunFolder(final Path out, final String tag, final java.nio.channels.FileChannel lock) {
        m_out = out;
        m_tag = tag;
        m_partial = OutSwitch.partial(out, tag);
        m_lock = lock;
        m_hook = new Thread(this::interrupted, "flowmatch-interrupt");
        Runtime.getRuntime().addShutdownHook(m_hook);
    }

    /**
     * Checks {@code --out} and creates the partial folder beside it (so a location that cannot be written fails
     * now, before any work).
     *
     * @param input the input file (never inside --out), or null
     * @throws UserError naming the folder and the reason
     */
    static RunFolder open(final String outArg, final String input) {
        var out = Path.of(outArg).toAbsolutePath().normalize();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserError("--out " + outArg + " is a file; give a folder (new, empty, or an earlier output).");
        }
        if (input != null && real(Path.of(input)).startsWith(real(out))) {
            throw new UserError("--out " + outArg + " holds the input " + input + "; replacing it would destroy the"
                + " input. Choose another output folder.");
        }
        var parent = out.getParent();
        if (parent == null) {
            throw new UserError("--out " + outArg + " is a file system root; give a folder inside it.");
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UserError("Cannot create the folder " + parent + " for --out " + outArg + ": " + reason(e) + ".", e);
        }
        var lock = lock(out, outArg);
        try {
            return new RunFolder(out, prepare(out, outArg), lock);
        } catch (RuntimeException e) { // a UserError or anything else: the next run must get --out
            close(lock);
            throw e;
        }
    }

    /**
     * Under the lock: puts an interrupted run's folders right, checks that --out holds only what this job writes,
     * and creates this run's partial folder.
     *
     * @return the run's tag
     */
    private static String prepare(final Path out, final String outArg) {
        try {
            OutSwitch.recover(out, System.out);
        } catch (IOException e) {
            throw new UserError("--out " + outArg + ": an interrupted run's folders beside it cannot be put right: "
                + reason(e) + ".", e);
        }
        if (Files.isDirectory(out)) {
            List<String> foreign;
            try (var entries = Files.list(out)) {
                // our names as plain files only: a folder or link called curve.csv is the user's
                foreign = entries.filter(p -> !OUR_FILES.contains(p.getFileName().toString())
                    || !Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString()).sorted().limit(3).toList();
            } catch (IOException e) {
                throw new UserError("Cannot list the output folder " + outArg + ": " + reason(e) + ".", e);
            }
            if (!foreign.isEmpty()) {
                throw new UserError("--out " + outArg + " holds files this job did not write (" + String.join(", ",
                    foreign) + "); choose a new or empty folder, so that nothing of yours is replaced.");
            }
        }
        // the process id names the run; the random part keeps a reused id from meeting an old folder
        var tag = ProcessHandle.current().pid() + "-" + Long.toHexString(new java.util.Random().nextLong() >>> 16);
        try {
            Files.createDirectory(OutSwitch.partial(out, tag));
        } catch (IOException e) {
            throw new UserError("Cannot write in " + out.getParent() + " (for --out " + outArg + "): " + reason(e)
                + ".", e);
        }
        return tag;
    }

    /** @return the lock on --out: a hidden file beside it, locked by the operating system for this process */
    private static java.nio.channels.FileChannel lock(final Path out, final String outArg) {
        var file = out.resolveSibling("." + out.getFileName() + ".lock");
        try {
            var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE);
            java.nio.channels.FileLock held;
            try {
                held = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                held = null;
            }
            if (held == null) {
                channel.close();
                throw new UserError("--out " + outArg + " is being written by another run right now (it holds " + file
                    + "); wait for it to finish, or choose another folder.");
            }
            return channel;
        } catch (IOException e) {
            throw new UserError("Cannot write in " + out.getParent() + " (for --out " + outArg + "): " + reason(e)
                + ".", e);
        }
    }

    private static void close(final java.nio.channels.FileChannel lock) {
        try {
            lock.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }

    /** @return the path with links resolved as far as it exists (so a link cannot hide the input in --out) */
    private static Path real(final Path p) {
        var abs = p.toAbsolutePath().normalize();
        for (var existing = abs; existing != null; existing = existing.getParent()) {
            if (Files.exists(existing)) {
                try {
                    return existing.toRealPath().resolve(existing.relativize(abs));
                } catch (IOException e) {
                    return abs;
                }
            }
        }
        return abs;
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
        OutSwitch.commit(m_out, m_tag);
        m_done = true;
        removeHook();
        close(m_lock);
    }

    /** Deletes the partial files after a failure; the previous results stay. */
    synchronized void abandon() {
        if (!m_done) {
            m_done = true;
            OutSwitch.deleteTree(m_partial);
            removeHook();
            close(m_lock);
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
            OutSwitch.deleteTree(m_partial);
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
