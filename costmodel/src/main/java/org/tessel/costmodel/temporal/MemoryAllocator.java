package org.tessel.costmodel.temporal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tessel.costmodel.LayerContext;
import org.tessel.costmodel.Loop;
import org.tessel.costmodel.OperandRelevance;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.accelerator.MemoryOperand;

/**
 * LOMA's memory allocator (spec mapping.md §3.5): for one loop ordering, assigns a contiguous
 * prefix of the remaining loops to every memory level bottom-up, jointly for levels shared by
 * several operands, minimising the estimated accesses with ties to the later combination.
 *
 * @param ctx the prepared problem
 */
public record MemoryAllocator(LayerContext ctx) {

    /**
     * Allocates {@code ordering} (innermost first).
     *
     * @return per operand (equation order) the loops per memory level, or empty if a top level
     *     cannot hold what is left (the reference's MemHierarchyTooSmall for this ordering)
     */
    public Optional<List<List<List<Loop>>>> allocate(List<LoopFactor> ordering) {
        int ops = ctx.operandCount();
        List<List<LoopFactor>> unallocated = new ArrayList<>(ops);
        List<Map<String, Double>> extent = new ArrayList<>(ops);
        int[] nextSpatial = new int[ops];
        List<List<List<Loop>>> result = new ArrayList<>(ops);
        for (int x = 0; x < ops; x++) {
            unallocated.add(new ArrayList<>(ordering));
            Map<String, Double> ext = new HashMap<>();
            for (Loop l : ctx.spatial(false).of(ctx.operands().get(x)).get(0)) {
                ext.merge(l.dim(), l.size(), (a, b) -> a * b);
            }
            extent.add(ext);
            nextSpatial[x] = 1;
            result.add(new ArrayList<>());
        }
        for (MemoryLevel node : ctx.hierarchy().levels()) {
            List<Integer> opsHere = new ArrayList<>();
            for (MemoryOperand mo : node.operands()) {
                int x = ctx.operandOf(mo);
                if (x >= 0) {
                    opsHere.add(x);
                }
            }
            if (opsHere.isEmpty()) {
                continue;
            }
            long cap = node.memory().sizeBits();
            int k = opsHere.size();
            long[][] sizes = new long[k][];
            boolean[] top = new boolean[k];
            for (int o = 0; o < k; o++) {
                int x = opsHere.get(o);
                sizes[o] = sliceSizes(x, unallocated.get(x), extent.get(x), cap);
                if (sizes[o] == null) {
                    return Optional.empty();
                }
                top[o] = ctx.chain(x).getLast() == node;
            }
            int[] chosen = bestCombination(opsHere, unallocated, sizes, top, cap);
            for (int o = 0; o < k; o++) {
                int x = opsHere.get(o);
                List<LoopFactor> u = unallocated.get(x);
                List<LoopFactor> slice = u.subList(0, chosen[o]);
                List<Loop> level = new ArrayList<>(slice.size());
                Map<String, Double> ext = extent.get(x);
                for (LoopFactor f : slice) {
                    level.add(new Loop(f.dim(), f.size()));
                    ext.merge(f.dim(), (double) f.size(), (a, b) -> a * b);
                }
                slice.clear();
                result.get(x).add(level);
                List<List<Loop>> spatial = ctx.spatial(false).of(ctx.operands().get(x));
                for (Loop l : spatial.get(nextSpatial[x])) {
                    ext.merge(l.dim(), l.size(), (a, b) -> a * b);
                }
                nextSpatial[x]++;
                if (top[o] && !u.isEmpty()) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(result);
    }

    // spec mapping.md §3.5 slice_sizes: bits of the allocated loops plus the first i unallocated ones
    private long[] sliceSizes(int x, List<LoopFactor> u, Map<String, Double> allocated, long cap) {
        OperandRelevance rel = ctx.relevance(x);
        long precision = ctx.precision(x);
        if (ctx.memoryOperand(x) == MemoryOperand.O) {
            boolean partial = false;
            OperandRelevance out = ctx.relevance(0);
            for (LoopFactor f : u) {
                partial |= out.isIrrelevant(f.dim());
            }
            precision = partial ? ctx.outputPartialPrecision() : ctx.outputFinalPrecision();
        }
        Map<String, Double> ext = new HashMap<>(allocated);
        List<Long> out = new ArrayList<>();
        for (int i = 0; i <= u.size(); i++) {
            if (i > 0) {
                LoopFactor f = u.get(i - 1);
                ext.merge(f.dim(), (double) f.size(), (a, b) -> a * b);
            }
            long bits = rel.tensorElements(ext) * precision;
            if (bits > cap) {
                break;
            }
            out.add(bits);
        }
        if (out.isEmpty()) {
            return null;
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    // spec mapping.md §3.5 best_combination
    private static int[] bestCombination(List<Integer> ops, List<List<LoopFactor>> unallocated, long[][] sizes,
            boolean[] top, long cap) {
        int k = ops.size();
        int[][] cand = new int[k][];
        long[][] access = new long[k][];
        for (int o = 0; o < k; o++) {
            if (top[o]) {
                cand[o] = new int[] {sizes[o].length - 1};
                access[o] = new long[] {0};
            } else {
                List<LoopFactor> u = unallocated.get(ops.get(o));
                cand[o] = new int[sizes[o].length];
                access[o] = new long[sizes[o].length];
                for (int i = 0; i < sizes[o].length; i++) {
                    long p = 1;
                    for (int j = i; j < u.size(); j++) {
                        p = Math.multiplyExact(p, u.get(j).size());
                    }
                    cand[o][i] = i;
                    access[o][i] = Math.multiplyExact(p, sizes[o][i]);
                }
            }
        }
        int[] best = new int[k]; // raw zeros if nothing fits
        long bestAccess = Long.MAX_VALUE;
        boolean found = false;
        int[] digit = new int[k];
        while (true) {
            long size = 0;
            long acc = 0;
            for (int o = 0; o < k; o++) {
                size += sizes[o][cand[o][digit[o]]];
                acc += access[o][digit[o]];
            }
            if (size <= cap && (!found || acc <= bestAccess)) {
                found = true;
                bestAccess = acc;
                for (int o = 0; o < k; o++) {
                    best[o] = cand[o][digit[o]];
                }
            }
            int o = k - 1; // last operand is the least significant digit
            while (o >= 0 && ++digit[o] == cand[o].length) {
                digit[o] = 0;
                o--;
            }
            if (o < 0) {
                return best;
            }
        }
    }
}
