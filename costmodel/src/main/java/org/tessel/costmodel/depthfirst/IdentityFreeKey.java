package org.tessel.costmodel.depthfirst;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tessel.model.workload.Layer;

/**
 * The memo key of a {@link LayerTileProblem} for a single-layer model that {@linkplain
 * LayerTileEvaluator#ignoresLayerIdentity() ignores layer identity}: the problem without the
 * layer's {@link Layer#id() id} and {@link Layer#sources() sources}. Every other component of the
 * layer takes part, and its maps must agree in iteration order too (the order of {@code loops}
 * decides a tie-break of the temporal-mapping search), so two layers of different workloads that
 * list the same loops in another order never share an entry. Hierarchy, array, spatial mapping
 * and lpf limit are compared as in {@link LayerTileProblem#equals}. The hash is computed once.
 */
final class IdentityFreeKey {

    private final LayerTileProblem problem;
    private final int hash;

    IdentityFreeKey(LayerTileProblem problem) {
        this.problem = problem;
        Layer l = problem.layer();
        this.hash = Objects.hash(l.equation(), l.relations(), l.loops(), l.precision(), l.sourceDimensions(),
                l.constantOperands(), l.memoryOperands(), l.core(), problem.hierarchy(), problem.array(),
                problem.spatialMapping(), problem.lpfLimit());
    }

    /** The problem this key was made of. */
    LayerTileProblem problem() {
        return problem;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof IdentityFreeKey k) || hash != k.hash) {
            return false;
        }
        LayerTileProblem p = problem;
        LayerTileProblem q = k.problem;
        if (p.lpfLimit() != q.lpfLimit()) {
            return false;
        }
        Layer a = p.layer();
        Layer b = q.layer();
        return a.core() == b.core() && sameInOrder(a.loops(), b.loops()) && sameInOrder(a.memoryOperands(), b.memoryOperands())
                && sameInOrder(a.precision(), b.precision()) && sameEquation(a, b) && a.relations().equals(b.relations())
                && a.constantOperands().equals(b.constantOperands())
                && sameInOrder(a.sourceDimensions(), b.sourceDimensions())
                && Objects.equals(p.spatialMapping(), q.spatialMapping()) && Objects.equals(p.array(), q.array())
                && Objects.equals(p.hierarchy(), q.hierarchy());
    }

    private static boolean sameEquation(Layer a, Layer b) {
        return a.equation().equals(b.equation())
                && sameInOrder(a.equation().operandDimensions(), b.equation().operandDimensions());
    }

    /** Equal, and maps (also nested ones) iterate their entries in the same order. */
    static boolean sameInOrder(Object x, Object y) {
        if (x instanceof Map<?, ?> m && y instanceof Map<?, ?> n) {
            if (m.size() != n.size()) {
                return false;
            }
            Iterator<? extends Map.Entry<?, ?>> i = m.entrySet().iterator();
            Iterator<? extends Map.Entry<?, ?>> j = n.entrySet().iterator();
            while (i.hasNext()) {
                Map.Entry<?, ?> e = i.next();
                Map.Entry<?, ?> f = j.next();
                if (!Objects.equals(e.getKey(), f.getKey()) || !sameInOrder(e.getValue(), f.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (x instanceof List<?> m && y instanceof List<?> n) {
            if (m.size() != n.size()) {
                return false;
            }
            for (int i = 0; i < m.size(); i++) {
                if (!sameInOrder(m.get(i), n.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(x, y);
    }
}
