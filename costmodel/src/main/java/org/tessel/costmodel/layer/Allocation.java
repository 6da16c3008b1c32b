package org.tessel.costmodel.layer;

import java.util.ArrayList;
import java.util.List;
import org.tessel.costmodel.Loop;

/**
 * A temporal mapping in the allocator's compact form: one loop ordering (innermost first, as
 * dimension ids of {@link LayerContext#dimensions()} and sizes) and, per operand, where each of
 * its memory levels ends in that ordering (level m holds loops {@code [ends[m-1], ends[m])}).
 * The arrays are owned by this object and never modified.
 */
public final class Allocation {

    final int[] dims;
    final long[] sizes;
    final int[][] ends;

    /**
     * Takes ownership of the arrays.
     *
     * @param dims dimension id per loop
     * @param sizes size per loop
     * @param ends per operand (equation order) the end of each memory level
     */
    public Allocation(int[] dims, long[] sizes, int[][] ends) {
        this.dims = dims;
        this.sizes = sizes;
        this.ends = ends;
    }

    /** Per operand the loops per memory level (the form {@link LayerCostModel#evaluateLevels} takes). */
    public List<List<List<Loop>>> levels(LayerContext ctx) {
        List<List<List<Loop>>> out = new ArrayList<>(ends.length);
        for (int[] e : ends) {
            List<List<Loop>> op = new ArrayList<>(e.length);
            int start = 0;
            for (int end : e) {
                List<Loop> level = new ArrayList<>(end - start);
                for (int i = start; i < end; i++) {
                    level.add(new Loop(ctx.dimensions().get(dims[i]), sizes[i]));
                }
                op.add(level);
                start = end;
            }
            out.add(op);
        }
        return out;
    }
}
