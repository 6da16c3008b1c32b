package org.tessel.costmodel.temporal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tessel.costmodel.LayerContext;
import org.tessel.costmodel.Loop;
import org.tessel.costmodel.layer.Allocation;
import org.tessel.costmodel.layer.OperandCode;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.accelerator.MemoryOperand;

/**
 * LOMA's memory allocator (spec mapping.md §3.5): for one loop ordering, assigns a contiguous
 * prefix of the remaining loops to every memory level bottom-up, jointly for levels shared by
 * several operands, minimising the estimated accesses with ties to the later combination.
 * The unallocated loops of an operand are always a suffix of the ordering, so the state is one
 * position per operand. Immutable; one instance serves any number of orderings.
 */
public final class MemoryAllocator {

    private final LayerContext ctx;
    private final int ops;
    private final int dimCount;
    /** Per hierarchy node: the operands (equation indices) it holds, in the node's operand order. */
    private final int[][] nodeOperands;
    private final long[] nodeCapacity;
    /** Per node and its operand: true if the node is that operand's top level. */
    private final boolean[][] nodeIsTop;
    private final OperandCode[] codes;
    /** Per operand: extents after its level-0 spatial loops; spatial loops per architectural level. */
    private final double[][] initialExtent;
    private final int[][][] spatialDims;
    private final double[][][] spatialSizes;
    /** Per operand: linked to the memory operand literally named {@code O}. */
    private final boolean[] isO;
    private final int[] levelCount;

    /** Prepares the allocator for {@code ctx}. */
    public MemoryAllocator(LayerContext ctx) {
        this.ctx = ctx;
        this.ops = ctx.operandCount();
        this.dimCount = ctx.dimensions().size();
        List<MemoryLevel> nodes = ctx.hierarchy().levels();
        List<int[]> nOps = new ArrayList<>();
        List<Long> caps = new ArrayList<>();
        List<boolean[]> tops = new ArrayList<>();
        for (MemoryLevel node : nodes) {
            List<Integer> here = new ArrayList<>();
            for (MemoryOperand mo : node.operands()) {
                int x = ctx.operandOf(mo);
                if (x >= 0) {
                    here.add(x);
                }
            }
            if (here.isEmpty()) {
                continue;
            }
            int[] h = here.stream().mapToInt(Integer::intValue).toArray();
            boolean[] t = new boolean[h.length];
            for (int o = 0; o < h.length; o++) {
                t[o] = ctx.chain(h[o]).getLast() == node;
            }
            nOps.add(h);
            caps.add(node.memory().sizeBits());
            tops.add(t);
        }
        nodeOperands = nOps.toArray(new int[0][]);
        nodeCapacity = caps.stream().mapToLong(Long::longValue).toArray();
        nodeIsTop = tops.toArray(new boolean[0][]);
        codes = new OperandCode[ops];
        initialExtent = new double[ops][];
        spatialDims = new int[ops][][];
        spatialSizes = new double[ops][][];
        levelCount = new int[ops];
        for (int x = 0; x < ops; x++) {
            codes[x] = ctx.code(x);
            int levels = codes[x].spatialLevels();
            levelCount[x] = levels - 1;
            spatialDims[x] = new int[levels][];
            spatialSizes[x] = new double[levels][];
            for (int a = 0; a < levels; a++) {
                spatialDims[x][a] = codes[x].spatialDims(a);
                spatialSizes[x][a] = codes[x].spatialSizes(a);
            }
            initialExtent[x] = new double[dimCount];
            java.util.Arrays.fill(initialExtent[x], 1.0);
            multiply(initialExtent[x], spatialDims[x][0], spatialSizes[x][0]);
        }
        isO = new boolean[ops];
        for (int x = 0; x < ops; x++) {
            isO[x] = ctx.memoryOperand(x) == MemoryOperand.O;
        }
    }

    private static void multiply(double[] ext, int[] dims, double[] sizes) {
        for (int k = 0; k < dims.length; k++) {
            ext[dims[k]] *= sizes[k];
        }
    }

    /**
     * Allocates {@code ordering} (innermost first).
     *
     * @return per operand (equation order) the loops per memory level, or empty if a top level
     *     cannot hold what is left (the reference's MemHierarchyTooSmall for this ordering)
     */
    public Optional<List<List<List<Loop>>>> allocate(List<LoopFactor> ordering) {
        return allocateCompact(ordering).map(a -> a.levels(ctx));
    }

    /** As {@link #allocate}, in the compact form the search uses. */
    public Optional<Allocation> allocateCompact(List<LoopFactor> ordering) {
        int n = ordering.size();
        int[] dims = new int[n];
        long[] sizes = new long[n];
        for (int i = 0; i < n; i++) {
            dims[i] = ctx.dimensionId(ordering.get(i).dim());
            sizes[i] = ordering.get(i).size();
        }
        // suffix[j] = product of the sizes of loops j … n-1 (access estimates, spec mapping.md §3.5)
        long[] suffix = new long[n + 1];
        suffix[n] = 1;
        for (int j = n - 1; j >= 0; j--) {
            suffix[j] = Math.multiplyExact(suffix[j + 1], sizes[j]);
        }
        int[] pos = new int[ops];
        int[] next = new int[ops]; // next spatial architectural level
        int[] level = new int[ops];
        int[][] ends = new int[ops][];
        double[][] ext = new double[ops][];
        for (int x = 0; x < ops; x++) {
            ext[x] = initialExtent[x].clone();
            next[x] = 1;
            ends[x] = new int[levelCount[x]];
        }
        double[] scratch = new double[dimCount];
        for (int node = 0; node < nodeOperands.length; node++) {
            int[] here = nodeOperands[node];
            long cap = nodeCapacity[node];
            int k = here.length;
            long[][] bits = new long[k][];
            for (int o = 0; o < k; o++) {
                bits[o] = sliceSizes(here[o], dims, sizes, pos[here[o]], ext[here[o]], cap, scratch);
                if (bits[o] == null) {
                    return Optional.empty();
                }
            }
            int[] chosen = bestCombination(here, bits, nodeIsTop[node], cap, pos, suffix);
            for (int o = 0; o < k; o++) {
                int x = here[o];
                int end = pos[x] + chosen[o];
                for (int i = pos[x]; i < end; i++) {
                    ext[x][dims[i]] *= sizes[i];
                }
                pos[x] = end;
                ends[x][level[x]++] = end;
                multiply(ext[x], spatialDims[x][next[x]], spatialSizes[x][next[x]]);
                next[x]++;
                if (nodeIsTop[node][o] && end != n) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new Allocation(dims, sizes, ends));
    }

    // spec mapping.md §3.5 slice_sizes: bits of the allocated loops plus the first i unallocated ones
    private long[] sliceSizes(int x, int[] dims, long[] sizes, int from, double[] allocated, long cap,
            double[] scratch) {
        OperandCode code = codes[x];
        long precision = ctx.precision(x);
        if (isO[x]) {
            // spec mapping.md §3.5: partial-sum precision while any not yet allocated loop is irrelevant
            boolean partial = false;
            for (int i = from; i < dims.length; i++) {
                partial |= code.isIrrelevant(dims[i]);
            }
            precision = partial ? ctx.outputPartialPrecision() : ctx.outputFinalPrecision();
        }
        System.arraycopy(allocated, 0, scratch, 0, dimCount);
        int remaining = dims.length - from;
        long[] out = new long[remaining + 1];
        int count = 0;
        for (int i = 0; i <= remaining; i++) {
            if (i > 0) {
                scratch[dims[from + i - 1]] *= sizes[from + i - 1];
            }
            long b = code.tensorElements(scratch) * precision;
            if (b > cap) {
                break;
            }
            out[count++] = b;
        }
        return count == 0 ? null : java.util.Arrays.copyOf(out, count);
    }

    // spec mapping.md §3.5 best_combination: mixed radix, first operand most significant, ties to the later
    private static int[] bestCombination(int[] here, long[][] bits, boolean[] top, long cap, int[] pos, long[] suffix) {
        int k = here.length;
        int[] lo = new int[k];
        int[] hi = new int[k];
        for (int o = 0; o < k; o++) {
            lo[o] = top[o] ? bits[o].length - 1 : 0;
            hi[o] = bits[o].length - 1;
        }
        int[] best = new int[k]; // raw zeros if nothing fits
        long bestAccess = Long.MAX_VALUE;
        boolean found = false;
        int[] digit = lo.clone();
        while (true) {
            long size = 0;
            long acc = 0;
            for (int o = 0; o < k; o++) {
                int i = digit[o];
                size += bits[o][i];
                acc += top[o] ? 0 : Math.multiplyExact(suffix[pos[here[o]] + i], bits[o][i]);
            }
            if (size <= cap && (!found || acc <= bestAccess)) {
                found = true;
                bestAccess = acc;
                System.arraycopy(digit, 0, best, 0, k);
            }
            int o = k - 1;
            while (o >= 0 && ++digit[o] > hi[o]) {
                digit[o] = lo[o];
                o--;
            }
            if (o < 0) {
                return best;
            }
        }
    }
}
