package org.tessel.costmodel.depthfirst.layertile;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.workload.Layer;

/**
 * The memo key of a {@link LayerTileProblem} for a single-layer model that {@linkplain
 * LayerTileEvaluator#ignoresLayerIdentity() ignores layer identity}: the problem without the
 * layer's {@link Layer#id() id} and {@link Layer#sources() sources}. Every other component of the
 * layer takes part, and its maps must agree in iteration order too (the order of {@code loops}
 * decides a tie-break of the temporal-mapping search), so two layers of different workloads that
 * list the same loops in another order never share an entry. Hierarchy, array, spatial mapping
 * and lpf limit are compared as in {@link LayerTileProblem#equals}. The hash is computed once,
 * and mixes the loop sizes in order. Also the key of whatever else is a function of the
 * single-layer problem alone (the stack bound's level-0 energies).
 */
public final class IdentityFreeKey {

    private final LayerTileProblem problem;
    private final int hash;

    /** The key of {@code problem}. */
    public IdentityFreeKey(LayerTileProblem problem) {
        this.problem = problem;
        Layer l = problem.layer();
        // loops hashed in order (Map.hashCode sums entry hashes, and tiles that differ in OX and OY
        // collided into tree bins); the hierarchy by its levels' names and operand links, which
        // equal hierarchies share and truncations change
        int h = 1;
        for (Map.Entry<String, Long> e : l.loops().entrySet()) {
            h = 31 * h + e.getKey().hashCode();
            h = 31 * h + Long.hashCode(e.getValue() * 0x9E3779B97F4A7C15L);
        }
        for (MemoryLevel level : problem.hierarchy().levels()) {
            h = 31 * h + level.name().hashCode();
            h = 31 * h + level.levelOf().hashCode();
        }
        this.hash = 31 * h + Objects.hash(l.equation(), l.relations(), l.precision(), l.sourceDimensions(),
                l.constantOperands(), l.memoryOperands(), l.core(), problem.array(), problem.spatialMapping(),
                problem.lpfLimit());
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
