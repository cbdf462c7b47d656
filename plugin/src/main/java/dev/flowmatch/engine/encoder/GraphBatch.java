package dev.flowmatch.engine.encoder;

import java.util.List;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Pads heavy-atom graphs to the largest in the batch and lays them out as the networks' dense inputs. */
final class GraphBatch {

    /** Element one-hot plus hydrogen count one-hot (0..4+): what the 3D network sees of an atom. */
    static final int SPECIES = MolecularGraph.ELEMENTS.length + 5;

    private GraphBatch() {
    }

    /**
     * Neighbour lists padded to the largest degree D: slot j of atom v holds the directed bond v→w_j.
     *
     * @return atom features [B, N, A], bond features [B, N, D, F], slot mask [B, N, D], reverse index
     *         [B·N·D] (int64: the flat slot of w_j→v, 0 on empty slots), atom mask [B, N]
     */
    static NDList graphs(final NDManager manager, final List<MolecularGraph> graphs) {
        int b = graphs.size();
        int n = maxSize(graphs);
        int fa = MolecularGraph.ATOM_FEATURES;
        int fb = MolecularGraph.BOND_FEATURES;
        var neighbours = new int[b][][];
        int d = 1;
        for (int i = 0; i < b; i++) {
            neighbours[i] = graphs.get(i).neighbours();
            for (var list : neighbours[i]) {
                d = Math.max(d, list.length);
            }
        }
        var atoms = new float[b * n * fa];
        var bonds = new float[b * n * d * fb];
        var slots = new float[b * n * d];
        var reverse = new long[b * n * d];
        var mask = new float[b * n];
        for (int i = 0; i < b; i++) {
            var g = graphs.get(i);
            int m = g.size();
            System.arraycopy(g.atomFeatures(), 0, atoms, i * n * fa, m * fa);
            for (int v = 0; v < m; v++) {
                mask[i * n + v] = 1;
                var list = neighbours[i][v];
                for (int j = 0; j < list.length; j++) {
                    int w = list[j];
                    int slot = (i * n + v) * d + j;
                    slots[slot] = 1;
                    System.arraycopy(g.bondFeatures(), (v * m + w) * fb, bonds, slot * fb, fb);
                    reverse[slot] = (long)(i * n + w) * d + indexOf(neighbours[i][w], v);
                }
            }
        }
        return new NDList(manager.create(atoms, new Shape(b, n, fa)), manager.create(bonds, new Shape(b, n, d, fb)),
            manager.create(slots, new Shape(b, n, d)), manager.create(reverse), manager.create(mask, new Shape(b, n)));
    }

    private static int indexOf(final int[] values, final int value) {
        for (int k = 0; k < values.length; k++) {
            if (values[k] == value) {
                return k;
            }
        }
        throw new IllegalStateException("bond lists are not symmetric");
    }

    /** @return species features [B, N, S], coordinates [B, N, 3], mask [B, N]; graphs must have coordinates */
    static NDList points(final NDManager manager, final List<MolecularGraph> graphs) {
        int b = graphs.size();
        int n = maxSize(graphs);
        var species = new float[b * n * SPECIES];
        var coords = new float[b * n * 3];
        var mask = new float[b * n];
        for (int i = 0; i < b; i++) {
            var g = graphs.get(i);
            System.arraycopy(g.coords(), 0, coords, i * n * 3, 3 * g.size());
            for (int u = 0; u < g.size(); u++) {
                int at = (i * n + u) * SPECIES;
                species[at + g.elements()[u]] = 1;
                species[at + MolecularGraph.ELEMENTS.length + Math.min(g.hydrogens()[u], 4)] = 1;
                mask[i * n + u] = 1;
            }
        }
        return new NDList(manager.create(species, new Shape(b, n, SPECIES)), manager.create(coords, new Shape(b, n, 3)),
            manager.create(mask, new Shape(b, n)));
    }

    private static int maxSize(final List<MolecularGraph> graphs) {
        int n = 1;
        for (var g : graphs) {
            n = Math.max(n, g.size());
        }
        return n;
    }
}
