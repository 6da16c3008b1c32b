package org.tessel.costmodel.temporal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tessel.costmodel.Loop;
import org.tessel.costmodel.layer.Allocation;
import org.tessel.costmodel.layer.IndexedOperand;
import org.tessel.costmodel.layer.LayerContext;
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
    private final IndexedOperand[] indexed;
    /** Per operand: extents after its level-0 spatial loops; spatial loops per architectural level. */
    private final double[][] initialExtent;
    private final int[][][] spatialDims;
    private final double[][][] spatialSizes;
    /** The operand linked to the memory operand literally named {@code O}, or -1. */
    private final int oOperand;
    /** Most operands sharing one node. */
    private final int maxNodeOperands;
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
        indexed = new IndexedOperand[ops];
        initialExtent = new double[ops][];
        spatialDims = new int[ops][][];
        spatialSizes = new double[ops][][];
        levelCount = new int[ops];
        for (int x = 0; x < ops; x++) {
            indexed[x] = ctx.indexedOperand(x);
            int levels = indexed[x].spatialLevels();
            levelCount[x] = levels - 1;
            spatialDims[x] = new int[levels][];
            spatialSizes[x] = new double[levels][];
            for (int a = 0; a < levels; a++) {
                spatialDims[x][a] = indexed[x].spatialDims(a);
                spatialSizes[x][a] = indexed[x].spatialSizes(a);
            }
            initialExtent[x] = new double[dimCount];
            java.util.Arrays.fill(initialExtent[x], 1.0);
            multiply(initialExtent[x], spatialDims[x][0], spatialSizes[x][0]);
        }
        oOperand = ctx.operandOf(MemoryOperand.O);
        int most = 1;
        for (int[] h : nodeOperands) {
            most = Math.max(most, h.length);
        }
        maxNodeOperands = most;
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
        return Optional.ofNullable(allocate(dims, sizes));
    }

    /**
     * As {@link #allocateCompact} for an ordering given as dimension ids and sizes (innermost
     * first; the arrays become the allocation's).
     *
     * @return the allocation, or null if a top level cannot hold what is left
     */
    Allocation allocate(int[] dims, long[] sizes) {
        int n = dims.length;
        int[][] ends = new int[ops][];
        for (int x = 0; x < ops; x++) {
            ends[x] = new int[levelCount[x]];
        }
        return allocatePrefix(dims, sizes, n, ends, new int[ops]) ? new Allocation(dims, sizes, ends) : null;
    }

    /** Number of memory levels of operand {@code x} (equation order). */
    int levels(int x) {
        return levelCount[x];
    }

    /**
     * The allocator on an ordering of which only the first {@code known} loops are fixed: what it
     * decides for every completion of that prefix. {@code dims} and {@code sizes} hold the whole
     * ordering (any completion): the allocator uses the loops after the prefix only through the
     * product and the relevance of their multiset ({@code suffix}, {@code irrelevantFrom}), which
     * every completion shares. A node is decided when the slice scan of each of its operands stops
     * on an overflow inside the prefix (or, with {@code known = n}, at the end); an operand whose
     * node is undecided stays undecided at all its later nodes.
     *
     * @param ends out: per operand the end of each decided level
     * @param decided out: per operand the number of decided levels (all of them when {@code known = n})
     * @return false if every completion fails (the reference's MemHierarchyTooSmall for it)
     */
    boolean allocatePrefix(int[] dims, long[] sizes, int known, int[][] ends, int[] decided) {
        int n = dims.length;
        // suffix[j] = product of the sizes of loops j … n-1 (access estimates, spec mapping.md §3.5)
        long[] suffix = new long[n + 1];
        suffix[n] = 1;
        for (int j = n - 1; j >= 0; j--) {
            suffix[j] = Math.multiplyExact(suffix[j + 1], sizes[j]);
        }
        // irrelevantFrom[j]: some loop j … n-1 is irrelevant to the operand named O (partial sums)
        boolean[] irrelevantFrom = null;
        if (oOperand >= 0) {
            irrelevantFrom = new boolean[n + 1];
            for (int j = n - 1; j >= 0; j--) {
                irrelevantFrom[j] = irrelevantFrom[j + 1] || indexed[oOperand].isIrrelevant(dims[j]);
            }
        }
        int[] pos = new int[ops];
        int[] level = new int[ops];
        boolean[] blocked = new boolean[ops];
        double[][] ext = new double[ops][];
        for (int x = 0; x < ops; x++) {
            ext[x] = initialExtent[x].clone();
            decided[x] = 0;
        }
        double[] scratch = new double[dimCount];
        long[][] bits = new long[maxNodeOperands][n + 1];
        int[] bitCount = new int[maxNodeOperands];
        int[] chosen = new int[maxNodeOperands];
        for (int node = 0; node < nodeOperands.length; node++) {
            int[] here = nodeOperands[node];
            long cap = nodeCapacity[node];
            int k = here.length;
            boolean open = false;
            for (int o = 0; o < k; o++) {
                int x = here[o];
                if (blocked[x]) {
                    open = true;
                    continue;
                }
                long precision = x == oOperand ? (irrelevantFrom[pos[x]] ? ctx.outputPartialPrecision()
                        : ctx.outputFinalPrecision()) : ctx.precision(x);
                bitCount[o] = sliceSizes(x, dims, sizes, pos[x], known, ext[x], cap, precision, scratch, bits[o]);
                if (bitCount[o] == 0) {
                    return false;
                }
                if (bitCount[o] < 0) {
                    open = true;
                } else if (nodeIsTop[node][o] && pos[x] + bitCount[o] - 1 != n) {
                    return false; // the top level cannot take every remaining loop, whatever follows
                }
            }
            if (open) {
                for (int x : here) {
                    blocked[x] = true;
                }
                continue;
            }
            bestCombination(here, bits, bitCount, nodeIsTop[node], cap, pos, suffix, chosen);
            for (int o = 0; o < k; o++) {
                int x = here[o];
                int end = pos[x] + chosen[o];
                for (int i = pos[x]; i < end; i++) {
                    ext[x][dims[i]] *= sizes[i];
                }
                pos[x] = end;
                int a = level[x] + 1; // next spatial architectural level
                ends[x][level[x]++] = end;
                decided[x] = level[x];
                multiply(ext[x], spatialDims[x][a], spatialSizes[x][a]);
                if (nodeIsTop[node][o] && end != n) {
                    return false;
                }
            }
        }
        return true;
    }

    // spec mapping.md §3.5 slice_sizes: bits of the allocated loops plus the first i unallocated ones;
    // writes them to out and returns how many fit (precision: partial-sum precision for O while any
    // not yet allocated loop is irrelevant), or -1 if the scan would need a loop beyond the first `known`
    private int sliceSizes(int x, int[] dims, long[] sizes, int from, int known, double[] allocated, long cap,
            long precision, double[] scratch, long[] out) {
        IndexedOperand operand = indexed[x];
        System.arraycopy(allocated, 0, scratch, 0, dimCount);
        int remaining = dims.length - from;
        int count = 0;
        for (int i = 0; i <= remaining; i++) {
            if (i > 0) {
                if (from + i > known) {
                    return -1;
                }
                scratch[dims[from + i - 1]] *= sizes[from + i - 1];
            }
            long b = operand.tensorElements(scratch) * precision;
            if (b > cap) {
                break;
            }
            out[count++] = b;
        }
        return count;
    }

    // spec mapping.md §3.5 best_combination: mixed radix, first operand most significant, ties to the later;
    // writes the chosen count per operand to best (raw zeros if nothing fits)
    private static void bestCombination(int[] here, long[][] bits, int[] bitCount, boolean[] top, long cap, int[] pos,
            long[] suffix, int[] best) {
        int k = here.length;
        if (k == 1) {
            // one operand: the largest count that fits (all fit by construction), or the top's all
            int c = bitCount[0] - 1;
            if (!top[0]) {
                long bestAccess = Long.MAX_VALUE;
                for (int i = 0; i <= c; i++) {
                    long acc = Math.multiplyExact(suffix[pos[here[0]] + i], bits[0][i]);
                    if (i == 0 || acc <= bestAccess) {
                        bestAccess = acc;
                        best[0] = i;
                    }
                }
            } else {
                best[0] = c;
            }
            return;
        }
        int[] lo = new int[k];
        int[] hi = new int[k];
        for (int o = 0; o < k; o++) {
            lo[o] = top[o] ? bitCount[o] - 1 : 0;
            hi[o] = bitCount[o] - 1;
            best[o] = 0;
        }
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
                return;
            }
        }
    }
}
