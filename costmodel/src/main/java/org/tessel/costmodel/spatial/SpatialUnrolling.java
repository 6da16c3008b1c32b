package org.tessel.costmodel.spatial;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tessel.model.accelerator.OperationalArray;
import org.tessel.model.mapping.SpatialMapping;
import org.tessel.model.mapping.SpatialUnroll;
import org.tessel.model.workload.Layer;

/**
 * The user spatial mapping clamped to the array and to the layer (the tile), with fractional
 * ("greedy") unrolling (spec mapping.md §1.1).
 *
 * @param unrolls one entry per user mapping entry, in the user mapping's order
 */
public record SpatialUnrolling(List<Unroll> unrolls) {

    /**
     * One array dimension's clamped unrolling.
     *
     * @param arrayDimension the array dimension name
     * @param loopDimension the unrolled layer dimension
     * @param factor {@code D / ceil(D / min(D, A, u_user))}, a double (e.g. 3.9917695473251027)
     */
    public record Unroll(String arrayDimension, String loopDimension, double factor) {}

    public SpatialUnrolling {
        unrolls = List.copyOf(unrolls);
    }

    /** Clamps {@code mapping} for {@code layer} on {@code array} (spec mapping.md §1.1). */
    public static SpatialUnrolling of(Layer layer, OperationalArray array, SpatialMapping mapping) {
        List<Unroll> out = new ArrayList<>();
        for (Map.Entry<String, SpatialUnroll> e : mapping.unrolls().entrySet()) {
            long a = array.size(e.getKey());
            String dim = e.getValue().loopDimension();
            Long d = layer.loops().get(dim);
            if (d == null) {
                throw new IllegalArgumentException("layer " + layer.id() + " has no loop dimension " + dim);
            }
            long u1 = Math.min(a, e.getValue().factor());
            long u2 = Math.min(d, u1);
            // spec mapping.md §1.1: t = ceil(D / u2), u = D / t (double)
            double t = Math.ceil((double) d / u2);
            double u = d / t;
            out.add(new Unroll(e.getKey(), dim, u));
        }
        return new SpatialUnrolling(out);
    }
}
