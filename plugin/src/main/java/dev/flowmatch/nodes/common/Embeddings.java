package dev.flowmatch.nodes.common;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.RowKey;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtomContainer;

import dev.flowmatch.engine.chem.Conformers;
import dev.flowmatch.engine.encoder.FrozenEncoder;

/** Embeds the molecules of {@link MoleculeRows} in chunks, with progress, cancel and per-row problems. */
public final class Embeddings {

    private static final int CHUNK = 256;

    private Embeddings() {
    }

    /**
     * @param generate3D give molecules without 3D coordinates a conformer when the encoder needs one
     * @return one vector per row of {@code rows}, null where the row has no molecule or cannot be encoded
     *         (then recorded in {@code rows.problems()})
     */
    public static float[][] embed(final FrozenEncoder encoder, final boolean needs3D, final boolean generate3D,
        final MoleculeRows rows, final ExecutionMonitor exec) throws CanceledExecutionException {
        var index = new ArrayList<Integer>();
        var molecules = new ArrayList<IAtomContainer>();
        var keys = new ArrayList<RowKey>();
        double prepShare = needs3D ? 0.3 : 0.05;
        int i = 0;
        for (var row : rows.rows()) {
            exec.checkCanceled();
            exec.setProgress(prepShare * ++i / rows.rows().size());
            var mol = row.molecule();
            if (mol == null) {
                continue;
            }
            if (needs3D && !Conformers.has3D(mol)) {
                if (!generate3D) {
                    rows.problems().add(row.key(), encoder.name() + " needs 3D coordinates and the molecule has"
                        + " none (switch on \"Generate 3D coordinates\")");
                    continue;
                }
                try {
                    mol = Conformers.embed(mol, row.index());
                } catch (CDKException | RuntimeException e) {
                    rows.problems().add(row.key(), "no 3D conformer (" + RowProblems.detail(e) + ")");
                    continue;
                }
            }
            index.add((int)row.index());
            molecules.add(mol);
            keys.add(row.key());
        }
        var vectors = embed(encoder, molecules, keys, rows.problems(), exec, prepShare);
        var out = new float[rows.rows().size()][];
        for (int k = 0; k < vectors.length; k++) {
            out[index.get(k)] = vectors[k];
        }
        return out;
    }

    /**
     * Embeds molecules that are ready (3D where needed) in chunks; one failing molecule is retried alone, so
     * it does not cost its chunk.
     *
     * @param keys the row of each molecule, for {@code problems}
     * @param from progress already reported (the rest of [from, 1] is this work's)
     * @return one vector per molecule, null where the encoder's check or the encoder failed (recorded)
     */
    public static float[][] embed(final FrozenEncoder encoder, final List<IAtomContainer> molecules,
        final List<RowKey> keys, final RowProblems problems, final ExecutionMonitor exec, final double from)
        throws CanceledExecutionException {
        var out = new float[molecules.size()][];
        var ready = new ArrayList<Integer>();
        for (int i = 0; i < molecules.size(); i++) {
            var problem = encoder.check(molecules.get(i));
            if (problem == null) {
                ready.add(i);
            } else {
                problems.add(keys.get(i), encoder.name() + " cannot encode it: " + problem);
            }
        }
        for (int start = 0; start < ready.size(); start += CHUNK) {
            exec.checkCanceled();
            int end = Math.min(ready.size(), start + CHUNK);
            var chunk = ready.subList(start, end).stream().map(molecules::get).toList();
            float[][] v;
            try {
                v = encoder.embed(chunk);
            } catch (java.util.concurrent.CancellationException e) { // cancelled, or code that did not end
                exec.checkCanceled();
                throw e;
            } catch (RuntimeException e) { // one bad molecule must not lose the chunk: retry one by one
                v = new float[chunk.size()][];
                for (int k = 0; k < chunk.size(); k++) {
                    try {
                        v[k] = encoder.embed(List.of(chunk.get(k)))[0];
                    } catch (java.util.concurrent.CancellationException c) {
                        exec.checkCanceled();
                        throw c;
                    } catch (RuntimeException single) {
                        problems.add(keys.get(ready.get(start + k)), encoder.name() + " failed: " + single.getMessage());
                    }
                }
            }
            for (int k = 0; k < v.length; k++) {
                out[ready.get(start + k)] = v[k];
            }
            exec.setProgress(from + (1 - from) * end / ready.size(), "Embedded " + end + " of " + ready.size()
                + " molecules with " + encoder.name());
        }
        return out;
    }
}
