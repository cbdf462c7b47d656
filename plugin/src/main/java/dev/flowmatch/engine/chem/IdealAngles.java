package dev.flowmatch.engine.chem;

import java.util.ArrayDeque;
import java.util.Arrays;

import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;

/** Ideal bond angles from the bonds at an atom and small rings; used by the embedder and the geometry checks. */
public final class IdealAngles {

    private IdealAngles() {
    }

    /** Ideal angle at an atom: 180 with a triple or two double bonds, 120 with one π bond, else 109.47. */
    public static double atCentre(final IAtomContainer mol, final IAtom atom) {
        int doubles = 0;
        boolean pi = false;
        for (var b : mol.getConnectedBondsList(atom)) {
            if (b.getOrder() == IBond.Order.TRIPLE) {
                return 180;
            }
            if (b.getOrder() == IBond.Order.DOUBLE) {
                doubles++;
            }
            pi |= b.getOrder() == IBond.Order.DOUBLE || b.isAromatic();
        }
        if (doubles >= 2 && mol.getConnectedBondsCount(atom) == 2) {
            return 180;
        }
        return pi ? 120 : 109.47;
    }

    /** @return size of the smallest ring through i-j-k (j the centre; atom indices) with at most 5 members, or 0 */
    public static int smallRing(final IAtomContainer mol, final int i, final int k, final int j) {
        var dist = new int[mol.getAtomCount()];
        Arrays.fill(dist, -1);
        dist[i] = 0;
        var queue = new ArrayDeque<Integer>();
        queue.add(i);
        while (!queue.isEmpty()) {
            int u = queue.poll();
            if (dist[u] >= 3) {
                continue;
            }
            for (var v : mol.getConnectedAtomsList(mol.getAtom(u))) {
                int w = mol.indexOf(v);
                if (w != j && dist[w] < 0) {
                    dist[w] = dist[u] + 1;
                    if (w == k) {
                        return dist[w] + 2;
                    }
                    queue.add(w);
                }
            }
        }
        return 0;
    }
}
