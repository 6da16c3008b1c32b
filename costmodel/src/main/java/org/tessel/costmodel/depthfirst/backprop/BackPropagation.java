package org.tessel.costmodel.depthfirst.backprop;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.costmodel.depthfirst.graph.DfNode;
import org.tessel.costmodel.depthfirst.graph.SpatialAxis;
import org.tessel.costmodel.depthfirst.graph.StackGraph;
import org.tessel.model.schedule.TileSize;
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

    /**
     * The caching flags of one back-propagation (spec depthfirst.md §3.2): whether the tile reuses
     * ({@code use}) the overlap kept from the previous tile and keeps ({@code make}) its own overlap
     * for the next tile, horizontally (H, along {@link SpatialAxis#X}) and vertically (V, along
     * {@link SpatialAxis#Y}).
     *
     * @param useH the tile reads the columns cached by its left neighbour, so they are not computed again
     * @param makeH the tile's right overlap is cached (else the column amounts are 0)
     * @param useV the tile reads the rows cached by the tile above
     * @param makeV the tile's bottom overlap is cached (else the row amounts are 0)
     */
    public record Caching(boolean useH, boolean makeH, boolean useV, boolean makeV) {

        /** Nothing reused, nothing kept: the full-size propagation (spec depthfirst.md §2.3). */
        public static final Caching NONE = new Caching(false, false, false, false);

        /**
         * Reuses the overlaps given and keeps both: the two back-propagations of planning (spec
         * depthfirst.md §3.4 A).
         */
        public static Caching keepingBoth(boolean useH, boolean useV) {
            return new Caching(useH, true, useV, true);
        }

        /** {@code useH} for {@link SpatialAxis#X}, {@code useV} for {@link SpatialAxis#Y}. */
        public boolean uses(SpatialAxis axis) {
            return axis == SpatialAxis.X ? useH : useV;
        }
    }

    private record Lagged(String dim, long amount, long lag) {}

    private record Job(int node, String dimX, String dimY, long lagH, long lagV) {}

    private record Follow(String dim, long stride) {}

    /**
     * Along one axis of one edge (spec depthfirst.md §3.2): the input dimension {@code dim} that
     * follows the consumer's dimension, the input {@code extent} the consumer's region reads there,
     * its {@code overlap} with the next tile and its {@code lag}.
     */
    private record Step(String dim, long extent, long overlap, long lag) {

        /** The extent left to compute when the overlap is read from the cache ({@code use}). */
        long computed(boolean use) {
            return extent - (use ? overlap : 0);
        }
    }

    /**
     * Runs {@code BACKPROP(G, tx, ty, useH, makeH, useV, makeV)} on {@code graph} starting from
     * the loop sizes {@code start} (spec depthfirst.md §3.2).
     *
     * @param tile the stack output's tile, {@code tx × ty}; {@link TileSize.WholeOutput} keeps the output size
     */
    public static BackPropagation run(StackGraph graph, Map<Integer, Map<String, Long>> start, TileSize tile,
            Caching caching) {
        return run(graph, start, tile, caching, null, null);
    }

    /**
     * {@code BACKPROP} of a tile of an exact-size stack: as {@link #run(StackGraph, Map, TileSize,
     * Caching)}, but every producer computes the width and height its real-position regions give
     * (docs/padding.md §2) instead of the largest window its consumers ask for; overlaps, lags and
     * cache amounts follow from those sizes as in the reference.
     *
     * @param columns the regions of the tile's column, or null for the reference's rule
     * @param rows the regions of the tile's row, or null for the reference's rule
     */
    public static BackPropagation run(StackGraph graph, Map<Integer, Map<String, Long>> start, TileSize tile,
            Caching caching, AxisRegions columns, AxisRegions rows) {
        Map<Integer, Long> regionW = columns == null ? null : columns.widths(caching.uses(SpatialAxis.X));
        Map<Integer, Long> regionH = rows == null ? null : rows.widths(caching.uses(SpatialAxis.Y));
        Map<Integer, Map<String, Long>> loops = new LinkedHashMap<>();
        start.forEach((k, v) -> loops.put(k, new LinkedHashMap<>(v)));
        int out = graph.firstSink();
        Map<String, Long> outLoops = loops.get(out);
        if (tile instanceof TileSize.Fixed f) {
            outLoops.put(SpatialAxis.X.dim(), f.width());
            outLoops.put(SpatialAxis.Y.dim(), f.height());
        }
        Map<Integer, long[]> need = new LinkedHashMap<>();
        need.put(out, new long[] {SpatialAxis.X.sizeIn(outLoops), SpatialAxis.Y.sizeIn(outLoops)});
        Map<Integer, Map<Integer, Lagged>> co = new LinkedHashMap<>();
        Map<Integer, Map<Integer, Lagged>> ro = new LinkedHashMap<>();
        Map<OperandRef, Extent> ci = new LinkedHashMap<>();
        Map<OperandRef, Extent> ri = new LinkedHashMap<>();
        Deque<Job> queue = new ArrayDeque<>();
        queue.add(new Job(out, SpatialAxis.X.dim(), SpatialAxis.Y.dim(), 0, 0));
        while (!queue.isEmpty()) {
            Job job = queue.pollFirst();
            DfNode n = graph.node(job.node());
            Map<String, Long> ln = loops.get(n.id());
            for (Map.Entry<String, List<Integer>> src : n.layer().sources().entrySet()) {
                String x = src.getKey();
                for (int s : src.getValue()) {
                    Map<String, Long> e = n.extents(x, ln);
                    Step h = step(n, x, e, ln, job.dimX(), job.lagH());
                    Step v = step(n, x, e, ln, job.dimY(), job.lagV());
                    OperandRef ref = new OperandRef(n.id(), x);
                    ci.put(ref, new Extent(h.dim(), h.overlap()));
                    ri.put(ref, new Extent(v.dim(), v.overlap()));
                    long[] nd = need.computeIfAbsent(s, k -> new long[2]);
                    nd[0] = regionW != null ? regionW.get(s) : Math.max(nd[0], h.computed(caching.useH()));
                    nd[1] = regionH != null ? regionH.get(s) : Math.max(nd[1], v.computed(caching.useV()));
                    Map<String, String> dimMap = n.layer().sourceDimensions().get(x);
                    String pX = dimMap.get(h.dim());
                    String pY = dimMap.get(v.dim());
                    loops.get(s).put(pX, nd[0]);
                    loops.get(s).put(pY, nd[1]);
                    Map<Integer, Lagged> cos = co.computeIfAbsent(s, k -> new LinkedHashMap<>());
                    cos.put(n.id(), new Lagged(pX, caching.makeH() ? h.overlap() : 0, h.lag()));
                    Map<Integer, Lagged> ros = ro.computeIfAbsent(s, k -> new LinkedHashMap<>());
                    ros.put(n.id(), new Lagged(pY, caching.makeV() ? v.overlap() : 0, v.lag()));
                    long maxH = cos.values().stream().mapToLong(Lagged::lag).max().orElseThrow();
                    long maxV = ros.values().stream().mapToLong(Lagged::lag).max().orElseThrow();
                    queue.addFirst(new Job(s, pX, pY, maxH, maxV));
                }
            }
        }
        return new BackPropagation(List.copyOf(need.keySet()), effective(co, caching.makeH()), ci, effective(ro, caching.makeV()),
                ri, loops);
    }

    /**
     * Spec depthfirst.md §3.2: which input dimension of {@code operand} follows the consumer's
     * {@code dim}, the overlap and the lag, for the consumer's loop sizes {@code ln} and the lag
     * {@code lag} its own consumers ask of it.
     */
    private static Step step(DfNode n, String operand, Map<String, Long> ext, Map<String, Long> ln, String dim, long lag) {
        Follow f = follow(n, operand, ext, dim);
        long l = ln.getOrDefault(dim, 1L);
        long e = ext.get(f.dim());
        long overlap = Math.max(0, e - l * f.stride());
        long newLag = f.stride() * lag - Math.floorDiv(e - l * f.stride() + f.stride() - 1, 2) + overlap;
        return new Step(f.dim(), e, overlap, newLag);
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
