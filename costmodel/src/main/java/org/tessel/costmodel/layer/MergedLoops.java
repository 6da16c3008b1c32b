package org.tessel.costmodel.layer;

import java.util.Arrays;
import java.util.List;
import org.tessel.costmodel.Loop;
import org.tessel.model.mapping.TemporalLoop;
import org.tessel.model.mapping.TemporalMapping;

/**
 * Part of {@link LayerEvaluator}'s workspace: every operand's temporal loops cut into its memory
 * levels after the merge-down of stationary loops (spec mapping.md §3.6), with the cycle counts
 * and the top relevant/irrelevant loop products. The flat form of {@link StationaryMapping}, for
 * all operands at once and with the same arithmetic.
 */
final class MergedLoops {

    private final WorkspaceIndex index;
    // the mapping's loops, the same for every operand
    private int[] mapDims = new int[0];
    private long[] mapSizes = new long[0];
    /** Per loop ({@link WorkspaceIndex#loop}): dimension id and size, innermost first, cut by {@link #ends}. */
    int[] dims = new int[0];
    long[] sizes = new long[0];
    /** Per memory level ({@link WorkspaceIndex#level}): the end of the level in the operand's loops. */
    int[] ends = new int[0];
    /** Per memory level: {@code cycle_cabl[m]}, the cycles of one iteration of everything up to level m. */
    long[] cycles = new long[0];
    /** Per architectural level ({@link WorkspaceIndex#arch}): {@code top_r[a]}, {@code top_ir[a]} (1 at a = 0). */
    long[] topR = new long[0];
    long[] topIr = new long[0];

    MergedLoops(WorkspaceIndex index) {
        this.index = index;
    }

    /** Makes room for {@code operands} operands as {@link #index} is laid out now. */
    void ensureCapacity(int operands) {
        int loops = index.loopSlots(1);
        if (mapDims.length < loops) {
            mapDims = new int[loops];
            mapSizes = new long[loops];
        }
        if (dims.length < index.loopSlots(operands)) {
            dims = new int[index.loopSlots(operands)];
            sizes = new long[index.loopSlots(operands)];
        }
        if (ends.length < index.levelSlots(operands)) {
            ends = new int[index.levelSlots(operands)];
            cycles = new long[index.levelSlots(operands)];
        }
        if (topR.length < index.archSlots(operands)) {
            topR = new long[index.archSlots(operands)];
            topIr = new long[index.archSlots(operands)];
        }
    }

    /** The largest number of loops one operand has in {@code temporal}, after checking its level counts. */
    static int maxLoops(LayerContext ctx, List<List<List<Loop>>> temporal) {
        int max = 0;
        for (int x = 0; x < ctx.operandCount(); x++) {
            List<List<Loop>> levels = temporal.get(x);
            LayerEvaluator.checkLevelCount(ctx, x, levels.size());
            int total = 0;
            for (List<Loop> l : levels) {
                total += l.size();
            }
            max = Math.max(max, total);
        }
        return max;
    }

    /**
     * Places the loops of {@code mapping} at each operand's levels and merges down. A mapping's
     * levels never decrease going outward ({@link TemporalMapping}), so every operand's loops are
     * the mapping's loops in their order, cut where its level changes.
     */
    void place(LayerContext ctx, IndexedHierarchy h, TemporalMapping mapping) {
        List<TemporalLoop> loops = mapping.loops();
        int count = loops.size();
        for (int i = 0; i < count; i++) {
            TemporalLoop l = loops.get(i);
            mapDims[i] = h.dimensionId(ctx, l.dimension());
            mapSizes[i] = l.size();
        }
        for (int x = 0; x < h.operands; x++) {
            String op = ctx.operands().get(x);
            List<Integer> levelOfLoop = mapping.levels().get(op);
            if (levelOfLoop == null) {
                throw new IllegalArgumentException("temporal mapping has no levels for operand " + op);
            }
            int n = h.levels[x];
            int level0 = index.level(x, 0);
            Arrays.fill(ends, level0, level0 + n, 0);
            for (int i = 0; i < count; i++) {
                int m = levelOfLoop.get(i);
                LayerEvaluator.checkLevel(op, m, n);
                ends[level0 + m]++;
            }
            for (int m = 1; m < n; m++) {
                ends[level0 + m] += ends[level0 + m - 1];
            }
            int loop0 = index.loop(x, 0);
            System.arraycopy(mapDims, 0, dims, loop0, count);
            System.arraycopy(mapSizes, 0, sizes, loop0, count);
            mergeDown(ctx.indexedOperand(x), x, n);
        }
    }

    /** Places per-operand loops per memory level (level counts checked by {@link #maxLoops}) and merges down. */
    void place(LayerContext ctx, IndexedHierarchy h, List<List<List<Loop>>> temporal) {
        for (int x = 0; x < h.operands; x++) {
            List<List<Loop>> levels = temporal.get(x);
            int n = h.levels[x];
            int level0 = index.level(x, 0);
            int loop0 = index.loop(x, 0);
            int i = 0;
            for (int m = 0; m < n; m++) {
                List<Loop> level = levels.get(m);
                for (int k = 0, c = level.size(); k < c; k++) {
                    Loop l = level.get(k);
                    dims[loop0 + i] = h.dimensionId(ctx, l.dim());
                    sizes[loop0 + i] = (long) l.size();
                    i++;
                }
                ends[level0 + m] = i;
            }
            mergeDown(ctx.indexedOperand(x), x, n);
        }
    }

    // spec mapping.md §3.6
    private void mergeDown(IndexedOperand operand, int x, int n) {
        int level0 = index.level(x, 0);
        int loop0 = index.loop(x, 0);
        boolean[] irrelevant = operand.irrelevant;
        // §3.6(a): irrelevant loops at the bottom of level m move to the top of level m-1 until nothing
        // changes; updating in place in ascending m reads only the previous round's ends, as the reference
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int m = 1; m < n; m++) {
                int start = ends[level0 + m - 1];
                int end = ends[level0 + m];
                int i = start;
                while (i < end && irrelevant[dims[loop0 + i]]) {
                    i++;
                }
                if (i > start) {
                    ends[level0 + m - 1] = i;
                    changed = true;
                }
            }
        }
        // §3.6(b)
        long c = 1;
        int start = 0;
        for (int m = 0; m < n; m++) {
            int end = ends[level0 + m];
            for (int i = start; i < end; i++) {
                c *= sizes[loop0 + i];
            }
            cycles[level0 + m] = c;
            start = end;
        }
        // §3.6(c)
        int arch0 = index.arch(x, 0);
        topR[arch0] = 1;
        topIr[arch0] = 1;
        for (int m = 0; m < n; m++) {
            int s = m == 0 ? 0 : ends[level0 + m - 1];
            int e = ends[level0 + m];
            topR[arch0 + m + 1] = topProduct(loop0, s, e, operand.relevant);
            topIr[arch0 + m + 1] = topProduct(loop0, s, e, operand.irrelevant);
        }
    }

    private long topProduct(int loop0, int start, int end, boolean[] member) {
        long p = 1;
        for (int i = end - 1; i >= start && member[dims[loop0 + i]]; i--) {
            p *= sizes[loop0 + i];
        }
        return p;
    }

    /** {@code cycle_cabl} of operand {@code x}'s top level: the cycles of the whole mapping. */
    long totalCycles(IndexedHierarchy h, int x) {
        return cycles[index.level(x, h.levels[x] - 1)];
    }

    /** The operands' common number of cycles. */
    long totalCycles(IndexedHierarchy h) {
        long total = totalCycles(h, 0);
        for (int x = 1; x < h.operands; x++) {
            if (totalCycles(h, x) != total) {
                throw new IllegalArgumentException("operands iterate different numbers of cycles");
            }
        }
        return total;
    }
}
