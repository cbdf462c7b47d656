package dev.flowmatch.nodes.common;

import java.util.ArrayList;
import java.util.List;

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
        var out = new float[rows.rows().size()][];
        var ready = new ArrayList<Integer>();
        var molecules = new ArrayList<IAtomContainer>();
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
                    rows.problems().add(row.key(), "no 3D conformer (" + e.getMessage() + ")");
                    continue;
                }
            }
            var problem = encoder.check(mol);
            if (problem != null) {
                rows.problems().add(row.key(), encoder.name() + " cannot encode it: " + problem);
                continue;
            }
            ready.add((int)row.index());
            molecules.add(mol);
        }
        for (int start = 0; start < molecules.size(); start += CHUNK) {
            exec.checkCanceled();
            int end = Math.min(molecules.size(), start + CHUNK);
            List<IAtomContainer> chunk = molecules.subList(start, end);
            float[][] v;
            try {
                v = encoder.embed(chunk);
            } catch (RuntimeException e) { // one bad molecule must not lose the chunk: retry one by one
                v = new float[chunk.size()][];
                for (int k = 0; k < chunk.size(); k++) {
                    try {
                        v[k] = encoder.embed(List.of(chunk.get(k)))[0];
                    } catch (RuntimeException single) {
                        rows.problems().add(rows.rows().get(ready.get(start + k)).key(),
                            encoder.name() + " failed: " + single.getMessage());
                    }
                }
            }
            for (int k = 0; k < v.length; k++) {
                out[ready.get(start + k)] = v[k];
            }
            exec.setProgress(prepShare + (1 - prepShare) * end / molecules.size(), "Embedded " + end + " of " + molecules.size()
                + " molecules with " + encoder.name());
        }
        return out;
    }
}
