package org.tessel.costmodel.depthfirst;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.model.workload.IndexRelation;

/**
 * The result of back-propagating a tile through a stack ({@code BACKPROP}, spec depthfirst.md
 * §3.2): the nodes reached, the effective cached output columns/rows per producer, the overlap
 * per consumer input, and every node's loop sizes for this tile.
 *
 * @param useful node ids in the order they were first reached (output first)
 * @param colsOut producer → effective columns to cache ({@code CO} after {@code effective})
 * @param colsIn (consumer, operand) → (input dim following OX, overlap) ({@code CI})
 * @param rowsOut producer → effective rows to cache
 * @param rowsIn (consumer, operand) → (input dim following OY, overlap)
 * @param loops node id → loop sizes of this tile
 */
public record BackPropagation(List<Integer> useful, Map<Integer, Extent> colsOut, Map<OperandRef, Extent> colsIn,
        Map<Integer, Extent> rowsOut, Map<OperandRef, Extent> rowsIn, Map<Integer, Map<String, Long>> loops) {

    public BackPropagation {
        useful = List.copyOf(useful);
        colsOut = ordered(colsOut);
        colsIn = ordered(colsIn);
        rowsOut = ordered(rowsOut);
        rowsIn = ordered(rowsIn);
        Map<Integer, Map<String, Long>> l = new LinkedHashMap<>();
        loops.forEach((k, v) -> l.put(k, ordered(v)));
        loops = Collections.unmodifiableMap(l);
    }

    private record Lagged(String dim, long amount, long lag) {}

    private record Job(int node, String dimX, String dimY, long lagH, long lagV) {}

    private record Follow(String dim, long stride) {}

    /**
     * Runs {@code BACKPROP(G, tx, ty, useH, makeH, useV, makeV)} on {@code graph} starting from
     * the loop sizes {@code start} (spec depthfirst.md §3.2). {@code tx}/{@code ty} may be null
     * (keep the output size).
     */
    public static BackPropagation run(StackGraph graph, Map<Integer, Map<String, Long>> start, Long tx, Long ty,
            boolean useH, boolean makeH, boolean useV, boolean makeV) {
        return run(graph, start, tx, ty, useH, makeH, useV, makeV, null, null);
    }

    /**
     * {@code BACKPROP} of a tile of an exact-size stack: as {@link #run(StackGraph, Map, Long, Long,
     * boolean, boolean, boolean, boolean)}, but every producer computes the width and height its
     * real-position regions give (docs/padding.md §2) instead of the largest window its consumers
     * ask for; overlaps, lags and cache amounts follow from those sizes as in the reference.
     *
     * @param columns the regions of the tile's column, or null for the reference's rule
     * @param rows the regions of the tile's row, or null for the reference's rule
     */
    public static BackPropagation run(StackGraph graph, Map<Integer, Map<String, Long>> start, Long tx, Long ty,
            boolean useH, boolean makeH, boolean useV, boolean makeV, AxisRegions columns, AxisRegions rows) {
        Map<Integer, Long> regionW = columns == null ? null : columns.widths(useH);
        Map<Integer, Long> regionH = rows == null ? null : rows.widths(useV);
        Map<Integer, Map<String, Long>> loops = new LinkedHashMap<>();
        start.forEach((k, v) -> loops.put(k, new LinkedHashMap<>(v)));
        int out = graph.firstSink();
        if (tx != null) {
            loops.get(out).put("OX", tx);
        }
        if (ty != null) {
            loops.get(out).put("OY", ty);
        }
        Map<Integer, long[]> need = new LinkedHashMap<>();
        need.put(out, new long[] {loops.get(out).getOrDefault("OX", 1L), loops.get(out).getOrDefault("OY", 1L)});
        Map<Integer, Map<Integer, Lagged>> co = new LinkedHashMap<>();
        Map<Integer, Map<Integer, Lagged>> ro = new LinkedHashMap<>();
        Map<OperandRef, Extent> ci = new LinkedHashMap<>();
        Map<OperandRef, Extent> ri = new LinkedHashMap<>();
        Deque<Job> queue = new ArrayDeque<>();
        queue.add(new Job(out, "OX", "OY", 0, 0));
        while (!queue.isEmpty()) {
            Job job = queue.pollFirst();
            DfNode n = graph.node(job.node());
            Map<String, Long> ln = loops.get(n.id());
            for (Map.Entry<String, List<Integer>> src : n.layer().sources().entrySet()) {
                String x = src.getKey();
                for (int s : src.getValue()) {
                    // spec depthfirst.md §3.2: which input dim follows the output dim, overlap and lag
                    Map<String, Long> e = n.extents(x, ln);
                    Follow fx = follow(n, x, e, job.dimX());
                    Follow fy = follow(n, x, e, job.dimY());
                    long lx = ln.getOrDefault(job.dimX(), 1L);
                    long ly = ln.getOrDefault(job.dimY(), 1L);
                    long ex = e.get(fx.dim());
                    long ey = e.get(fy.dim());
                    long ovX = Math.max(0, ex - lx * fx.stride());
                    long ovY = Math.max(0, ey - ly * fy.stride());
                    long lagH = fx.stride() * job.lagH() - Math.floorDiv(ex - lx * fx.stride() + fx.stride() - 1, 2) + ovX;
                    long lagV = fy.stride() * job.lagV() - Math.floorDiv(ey - ly * fy.stride() + fy.stride() - 1, 2) + ovY;
                    OperandRef ref = new OperandRef(n.id(), x);
                    ci.put(ref, new Extent(fx.dim(), ovX));
                    ri.put(ref, new Extent(fy.dim(), ovY));
                    long eX = ex - (useH ? ovX : 0);
                    long eY = ey - (useV ? ovY : 0);
                    long[] nd = need.computeIfAbsent(s, k -> new long[2]);
                    nd[0] = regionW != null ? regionW.get(s) : Math.max(nd[0], eX);
                    nd[1] = regionH != null ? regionH.get(s) : Math.max(nd[1], eY);
                    Map<String, String> dimMap = n.layer().sourceDimensions().get(x);
                    String pX = dimMap.get(fx.dim());
                    String pY = dimMap.get(fy.dim());
                    loops.get(s).put(pX, nd[0]);
                    loops.get(s).put(pY, nd[1]);
                    Map<Integer, Lagged> cos = co.computeIfAbsent(s, k -> new LinkedHashMap<>());
                    cos.put(n.id(), new Lagged(pX, makeH ? ovX : 0, lagH));
                    Map<Integer, Lagged> ros = ro.computeIfAbsent(s, k -> new LinkedHashMap<>());
                    ros.put(n.id(), new Lagged(pY, makeV ? ovY : 0, lagV));
                    long maxH = cos.values().stream().mapToLong(Lagged::lag).max().orElseThrow();
                    long maxV = ros.values().stream().mapToLong(Lagged::lag).max().orElseThrow();
                    queue.addFirst(new Job(s, pX, pY, maxH, maxV));
                }
            }
        }
        return new BackPropagation(List.copyOf(need.keySet()), effective(co, makeH), ci, effective(ro, makeV), ri, loops);
    }

    private static Follow follow(DfNode n, String operand, Map<String, Long> ext, String dim) {
        if (ext.containsKey(dim)) {
            return new Follow(dim, 1);
        }
        for (IndexRelation r : n.partialRelations(operand)) {
            if (r.first().equals(dim)) {
                return new Follow(r.target(), r.firstScale());
            }
            if (r.second().equals(dim)) {
                return new Follow(r.target(), r.secondScale());
            }
        }
        throw new IllegalArgumentException("operand " + operand + " of " + n.name() + " has no dimension following " + dim);
    }

    private static Map<Integer, Extent> effective(Map<Integer, Map<Integer, Lagged>> m, boolean make) {
        Map<Integer, Extent> out = new LinkedHashMap<>();
        m.forEach((p, entries) -> {
            String dim = entries.values().iterator().next().dim();
            long amount = 0;
            if (make) {
                long maxLag = entries.values().stream().mapToLong(Lagged::lag).max().orElseThrow();
                long minStart = entries.values().stream().mapToLong(l -> l.lag() - l.amount()).min().orElseThrow();
                amount = maxLag - minStart;
            }
            out.put(p, new Extent(dim, amount));
        });
        return out;
    }

    private static <K, V> Map<K, V> ordered(Map<K, V> in) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(in));
    }
}
