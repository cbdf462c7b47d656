package dev.flowmatch.mainjob;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The switch of a finished run's folder into place, in steps that a later run can always finish or undo. With
 * {@code --out} = {@code out} and a run's tag T (process id and a random part):
 * <ol>
 * <li>the run writes into {@code out.partial-T};</li>
 * <li>finished, it renames that to {@code out.ready-T} (from here its results are complete);</li>
 * <li>renames {@code out} (if any) to {@code out.previous-T};</li>
 * <li>renames {@code out.ready-T} to {@code out};</li>
 * <li>deletes {@code out.previous-T}.</li>
 * </ol>
 * A run killed at any point (kill -9, power loss) leaves a state that {@link #recover} recognises: a partial folder
 * (deleted: its run never finished), a ready folder (put in place, the older results removed), or a previous folder
 * beside a finished {@code out} (deleted). Only one run at a time holds {@code --out} (RunFolder's lock), so the
 * leftovers it finds are never another live run's.
 */
final class OutSwitch {

    private OutSwitch() {
    }

    static Path partial(final Path out, final String tag) {
        return out.resolveSibling(out.getFileName() + ".partial-" + tag);
    }

    private static Path ready(final Path out, final String tag) {
        return out.resolveSibling(out.getFileName() + ".ready-" + tag);
    }

    private static Path previous(final Path out, final String tag) {
        return out.resolveSibling(out.getFileName() + ".previous-" + tag);
    }

    /** Steps 2–5 for a finished run. */
    static void commit(final Path out, final String tag) throws IOException {
        var ready = ready(out, tag);
        Files.move(partial(out, tag), ready);
        Path previous = null;
        if (Files.exists(out)) {
            previous = previous(out, tag);
            Files.move(out, previous);
        }
        Files.move(ready, out);
        if (previous != null) {
            deleteTree(previous);
        }
    }

    /**
     * Finishes or undoes what interrupted runs left beside {@code out}, saying what it did.
     *
     * @throws IOException when a leftover cannot be moved or removed (the message names it)
     */
    static void recover(final Path out, final PrintStream report) throws IOException {
        var name = out.getFileName().toString();
        var leftovers = leftovers(out);
        for (var p : leftovers) {
            var n = p.getFileName().toString();
            if (n.startsWith(name + ".ready-")) { // a run finished but was stopped while switching: finish it
                var tag = n.substring(name.length() + ".ready-".length());
                if (Files.exists(out)) {
                    var previous = previous(out, tag);
                    Files.move(out, previous);
                }
                Files.move(p, out);
                report.println("recovered: " + out + " now holds the results of an earlier run that was stopped"
                    + " while its folder was being put in place.");
            }
        }
        for (var p : leftovers(out)) { // again: finishing a switch may have moved the older results aside
            var n = p.getFileName().toString();
            if (n.startsWith(name + ".previous-")) {
                if (Files.exists(out)) { // superseded results whose deletion was interrupted
                    deleteTree(p);
                } else { // the older results were moved aside and nothing replaced them: restore them
                    Files.move(p, out);
                    report.println("recovered: " + out + " was restored (a run was stopped while replacing it).");
                }
            } else if (n.startsWith(name + ".partial-") && Files.exists(p)) {
                deleteTree(p);
                report.println("removed " + p.getFileName() + ": the unfinished results of a run that was stopped.");
            }
        }
    }

    /** @return the partial, ready and previous folders of runs beside {@code out}, by name */
    private static List<Path> leftovers(final Path out) throws IOException {
        var name = out.getFileName().toString();
        List<Path> found = new ArrayList<>();
        try (var siblings = Files.list(out.getParent())) {
            siblings.filter(p -> {
                var n = p.getFileName().toString();
                return n.startsWith(name + ".partial-") || n.startsWith(name + ".ready-")
                    || n.startsWith(name + ".previous-");
            }).sorted().forEach(found::add);
        }
        return found;
    }

    static void deleteTree(final Path root) {
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
}
