package dev.flowmatch.engine.chem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Distributes the missing valence of atoms over their bonds: finds extra bond orders x_e in {0, 1, 2}
 * (so orders 1 to 3) such that every atom i receives exactly {@code need[i]} extra orders - a perfect
 * b-matching, solved by depth-first search that always branches on the most constrained atom. Molecules
 * are small, so this is exact and fast; a step budget guards against pathological inputs.
 */
final class BondOrderSolver {

    /** One bond: its atoms and how many extra orders it may take (0 to 2). */
    record Edge(int a, int b, int maxExtra) {
    }

    private static final int STEP_BUDGET = 200_000;

    private final int[] m_need;

    private final List<Edge> m_edges;

    private final List<List<Integer>> m_incident;

    private final int[] m_extra;

    private int m_steps;

    private BondOrderSolver(final int[] need, final List<Edge> edges) {
        m_need = need.clone();
        m_edges = edges;
        m_extra = new int[edges.size()];
        m_incident = new ArrayList<>();
        for (int i = 0; i < need.length; i++) {
            m_incident.add(new ArrayList<>());
        }
        for (int e = 0; e < edges.size(); e++) {
            m_incident.get(edges.get(e).a()).add(e);
            m_incident.get(edges.get(e).b()).add(e);
        }
    }

    /** @return the extra order per edge, or null if no assignment satisfies every atom exactly */
    static int[] solvePerfect(final int[] need, final List<Edge> edges) {
        if (Arrays.stream(need).anyMatch(v -> v < 0) || Arrays.stream(need).sum() % 2 != 0) {
            return null;
        }
        var s = new BondOrderSolver(need, edges);
        return s.search() ? s.m_extra : null;
    }

    /**
     * Greedy maximal assignment (no atom exceeds its need), edges in order: the best effort when no
     * exact assignment exists, so that the caller can still report which valences stay unsatisfied.
     */
    static int[] solveGreedy(final int[] need, final List<Edge> edges) {
        var left = need.clone();
        var extra = new int[edges.size()];
        for (int e = 0; e < edges.size(); e++) {
            var edge = edges.get(e);
            int x = Math.min(edge.maxExtra(), Math.min(left[edge.a()], left[edge.b()]));
            if (x > 0) {
                extra[e] = x;
                left[edge.a()] -= x;
                left[edge.b()] -= x;
            }
        }
        return extra;
    }

    private boolean search() {
        if (++m_steps > STEP_BUDGET) {
            return false;
        }
        int best = -1;
        int bestOptions = Integer.MAX_VALUE;
        for (int i = 0; i < m_need.length; i++) {
            if (m_need[i] == 0) {
                continue;
            }
            int capacity = 0;
            int options = 0;
            for (int e : m_incident.get(i)) {
                int room = room(e);
                if (room > 0) {
                    options++;
                    capacity += room;
                }
            }
            if (capacity < m_need[i]) {
                return false; // this atom can no longer be satisfied
            }
            if (options < bestOptions) {
                best = i;
                bestOptions = options;
            }
        }
        if (best < 0) {
            return true;
        }
        for (int e : m_incident.get(best)) {
            int room = room(e);
            for (int x = Math.min(room, m_need[best]); x >= 1; x--) {
                apply(e, x);
                if (search()) {
                    return true;
                }
                apply(e, -x);
            }
        }
        return false;
    }

    private int room(final int e) {
        var edge = m_edges.get(e);
        return Math.min(edge.maxExtra() - m_extra[e], Math.min(m_need[edge.a()], m_need[edge.b()]));
    }

    private void apply(final int e, final int x) {
        var edge = m_edges.get(e);
        m_extra[e] += x;
        m_need[edge.a()] -= x;
        m_need[edge.b()] -= x;
    }
}
