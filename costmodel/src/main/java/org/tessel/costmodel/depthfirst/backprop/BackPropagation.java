package org.tessel.costmodel.depthfirst.backprop;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
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
        Walk walk = new Walk(graph, start, tile, caching, columns, rows);
        if (!walk.lagsOnly()) {
            walk = new Walk(graph, start, tile, caching, columns, rows);
            walk.everyPath();
        }
        return walk.result();
    }

    /**
     * {@code BACKPROP} by the reference's own walk, every job of every path, whatever the input:
     * what {@link #run} must equal; for tests.
     */
    static BackPropagation everyPath(StackGraph graph, Map<Integer, Map<String, Long>> start, TileSize tile,
            Caching caching, AxisRegions columns, AxisRegions rows) {
        Walk walk = new Walk(graph, start, tile, caching, columns, rows);
        walk.everyPath();
        return walk.result();
    }

    /**
     * Whether {@link #run} walks only the lags over every path on this input rather than every
     * job (see {@link Walk}); for tests.
     */
    static boolean walksLagsOnly(StackGraph graph, Map<Integer, Map<String, Long>> start, TileSize tile,
            Caching caching, AxisRegions columns, AxisRegions rows) {
        return new Walk(graph, start, tile, caching, columns, rows).lagsOnly();
    }

    /**
     * The state of one {@code BACKPROP} and its depth-first walk (spec depthfirst.md §3.2).
     *
     * <p>The reference runs a job per path from the output to each node: a job at node {@code c}
     * goes through {@code c}'s source edges in order — the overlap {@code ci}/{@code ri} of the
     * edge's operand, the size its source must compute ({@code need}), the source's loop sizes,
     * the cached-output entry {@code co[s][c]}/{@code ro[s][c]} with the lag that follows from
     * {@code c}'s — and pushes a job at each source with the largest lag of the source's entries
     * so far, the last source first. A stack of {@code k} residual blocks has {@code 2^k} paths,
     * and which entries a job sees depends on the order of the paths, so the final lags are those
     * of that walk and no shorter rule.
     *
     * <p>With real-position regions (an exact-size stack, docs/padding.md §2) every value but the
     * lags is the same in every job at a node: a source computes its region whatever the job, so
     * its loop sizes are set once and for all by the first edge into it, and the overlaps and
     * dimensions follow from the loop sizes. {@link #lagsOnly} therefore runs each node's job once
     * in the reference's order (the maps get their keys in the reference's order: a later job at a
     * node only meets nodes, edges and keys its first job met), and then walks every path again
     * with nothing but the two lags, in arrays: per edge, a new lag is {@code stride · lag +
     * constant} ({@link #step}). Without regions a source's size is the largest any job asked for
     * so far, so the sizes themselves depend on the walk: {@link #everyPath} runs it as the
     * reference does. {@code BackPropagationTest} checks the lags-only walk against {@link #everyPath}, map
     * orders included.
     */
    private static final class Walk {

        private final StackGraph graph;
        private final Caching caching;
        private final Map<Integer, Long> regionW;
        private final Map<Integer, Long> regionH;
        private final Map<Integer, Map<String, Long>> loops = new LinkedHashMap<>();
        private final Map<Integer, long[]> need = new LinkedHashMap<>();
        private final Map<Integer, Map<Integer, Lagged>> co = new LinkedHashMap<>();
        private final Map<Integer, Map<Integer, Lagged>> ro = new LinkedHashMap<>();
        private final Map<OperandRef, Extent> ci = new LinkedHashMap<>();
        private final Map<OperandRef, Extent> ri = new LinkedHashMap<>();
        private final Job first;

        Walk(StackGraph graph, Map<Integer, Map<String, Long>> start, TileSize tile, Caching caching,
                AxisRegions columns, AxisRegions rows) {
            this.graph = graph;
            this.caching = caching;
            this.regionW = columns == null ? null : columns.widths(caching.uses(SpatialAxis.X));
            this.regionH = rows == null ? null : rows.widths(caching.uses(SpatialAxis.Y));
            start.forEach((k, v) -> loops.put(k, new LinkedHashMap<>(v)));
            int out = graph.firstSink();
            Map<String, Long> outLoops = loops.get(out);
            if (tile instanceof TileSize.Fixed f) {
                outLoops.put(SpatialAxis.X.dim(), f.width());
                outLoops.put(SpatialAxis.Y.dim(), f.height());
            }
            need.put(out, new long[] {SpatialAxis.X.sizeIn(outLoops), SpatialAxis.Y.sizeIn(outLoops)});
            this.first = new Job(out, SpatialAxis.X.dim(), SpatialAxis.Y.dim(), 0, 0);
        }

        BackPropagation result() {
            return new BackPropagation(List.copyOf(need.keySet()), effective(co, caching.makeH()), ci,
                    effective(ro, caching.makeV()), ri, loops);
        }

        /** The reference's walk: every job of every path. */
        void everyPath() {
            Deque<Job> queue = new ArrayDeque<>();
            queue.add(first);
            while (!queue.isEmpty()) {
                run(queue.pollFirst(), null).forEach(queue::addFirst);
            }
        }

        /**
         * One job per node, then the lags over every path; false (state spoilt) without regions or
         * where a node's jobs would not all name the same dimensions.
         */
        boolean lagsOnly() {
            if (regionW == null || regionH == null) {
                return false;
            }
            // pass 1: every node's first job, in the reference's order
            Map<Integer, Job> reached = new LinkedHashMap<>();
            List<LagEdge> edges = new ArrayList<>();
            Deque<Job> queue = new ArrayDeque<>();
            queue.add(first);
            while (!queue.isEmpty()) {
                Job job = queue.pollFirst();
                Job seen = reached.putIfAbsent(job.node(), job);
                if (seen != null) {
                    if (!(seen.dimX().equals(job.dimX()) && seen.dimY().equals(job.dimY()))) {
                        return false;
                    }
                    continue;
                }
                run(job, edges).forEach(queue::addFirst);
            }
            // pass 2: the lags of every path, from nothing written, as the reference's jobs compute them
            LagWalk lags = new LagWalk(reached.keySet(), edges);
            lags.run(first.node());
            for (int e = 0; e < edges.size(); e++) {
                LagEdge edge = edges.get(e);
                set(co, edge, lags.lagH(e));
                set(ro, edge, lags.lagV(e));
            }
            return true;
        }

        private static void set(Map<Integer, Map<Integer, Lagged>> entries, LagEdge edge, long lag) {
            Map<Integer, Lagged> of = entries.get(edge.source());
            Lagged old = of.get(edge.consumer());
            of.put(edge.consumer(), new Lagged(old.dim(), old.amount(), lag));
        }

        private static long largestLag(Map<Integer, Lagged> entries) {
            return entries.values().stream().mapToLong(Lagged::lag).max().orElseThrow();
        }

        /**
         * One job of the reference: its source edges in order; the jobs it pushes, in push order.
         * Adds each edge's lag rule to {@code edges} if not null.
         */
        private List<Job> run(Job job, List<LagEdge> edges) {
            DfNode n = graph.node(job.node());
            Map<String, Long> ln = loops.get(n.id());
            List<Job> pushed = new ArrayList<>();
            for (Map.Entry<String, List<Integer>> src : n.layer().sources().entrySet()) {
                String x = src.getKey();
                for (int s : src.getValue()) {
                    Map<String, Long> e = n.extents(x, ln);
                    Step h = step(n, x, e, ln, job.dimX(), job.lagH());
                    Step v = step(n, x, e, ln, job.dimY(), job.lagV());
                    if (edges != null) {
                        // newLag is stride · lag + constant: its slope from one more step at lag + 1
                        long sh = step(n, x, e, ln, job.dimX(), job.lagH() + 1).lag() - h.lag();
                        long sv = step(n, x, e, ln, job.dimY(), job.lagV() + 1).lag() - v.lag();
                        edges.add(new LagEdge(n.id(), s, sh, h.lag() - sh * job.lagH(), sv, v.lag() - sv * job.lagV()));
                    }
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
                    pushed.add(new Job(s, pX, pY, largestLag(cos), largestLag(ros)));
                }
            }
            return pushed;
        }
    }

    /**
     * One source edge's lag rule, the same in every job at its consumer when sizes are fixed: the
     * entry {@code co[source][consumer]} gets {@code strideH · lagH + constantH} (spec
     * depthfirst.md §3.2 {@code newLag}), likewise vertically.
     */
    private record LagEdge(int consumer, int source, long strideH, long constantH, long strideV, long constantV) {}

    /**
     * The reference's walk over every path with nothing but the lags: an entry per (source,
     * consumer) pair — two edges between the same pair share it, as they share the map entry —
     * and per job the largest written entry of each source.
     */
    private static final class LagWalk {

        private final List<LagEdge> edges;
        private final Map<Integer, Integer> index = new HashMap<>();
        /** Per node (dense): its first edge; its edges are {@code firstEdge[c] .. firstEdge[c+1]-1}. */
        private final int[] firstEdge;
        private final int[] edgeSource;
        private final int[] edgeEntry;
        /** Per source (dense): its entries. */
        private final int[][] entriesOf;
        private final long[] entryH;
        private final long[] entryV;
        private final boolean[] written;

        /**
         * @param nodes the reached nodes, in the order their jobs ran in pass 1
         * @param edges their source edges as pass 1 listed them: each node's together, nodes in that order
         */
        LagWalk(java.util.Collection<Integer> nodes, List<LagEdge> edges) {
            this.edges = edges;
            for (int id : nodes) {
                index.put(id, index.size());
            }
            int n = nodes.size();
            int m = edges.size();
            firstEdge = new int[n + 1];
            edgeSource = new int[m];
            edgeEntry = new int[m];
            Map<Long, Integer> entry = new HashMap<>();
            List<List<Integer>> bySource = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                bySource.add(new ArrayList<>());
            }
            int node = 0;
            for (int k = 0; k < m; k++) {
                int c = index.get(edges.get(k).consumer());
                while (node < c) {
                    firstEdge[++node] = k;
                }
                int s = index.get(edges.get(k).source());
                edgeSource[k] = s;
                int id = entry.computeIfAbsent(((long) s << 32) | c, key -> {
                    bySource.get(s).add(entry.size());
                    return entry.size();
                });
                edgeEntry[k] = id;
            }
            while (node < n) {
                firstEdge[++node] = m;
            }
            entriesOf = new int[n][];
            for (int i = 0; i < n; i++) {
                entriesOf[i] = bySource.get(i).stream().mapToInt(Integer::intValue).toArray();
            }
            entryH = new long[entry.size()];
            entryV = new long[entry.size()];
            written = new boolean[entry.size()];
        }

        /** The walk from {@code out}: jobs as (node, lagH, lagV), the last pushed run first. */
        void run(int out) {
            int[] nodes = new int[16];
            long[] lagsH = new long[16];
            long[] lagsV = new long[16];
            int top = 0;
            nodes[top] = index.get(out);
            top++;
            while (top > 0) {
                top--;
                int c = nodes[top];
                long lh = lagsH[top];
                long lv = lagsV[top];
                int from = firstEdge[c];
                int to = firstEdge[c + 1];
                if (top + (to - from) > nodes.length) {
                    int size = Math.max(nodes.length * 2, top + (to - from));
                    nodes = java.util.Arrays.copyOf(nodes, size);
                    lagsH = java.util.Arrays.copyOf(lagsH, size);
                    lagsV = java.util.Arrays.copyOf(lagsV, size);
                }
                for (int k = from; k < to; k++) {
                    LagEdge edge = edges.get(k);
                    int en = edgeEntry[k];
                    entryH[en] = edge.strideH() * lh + edge.constantH();
                    entryV[en] = edge.strideV() * lv + edge.constantV();
                    written[en] = true;
                    int s = edgeSource[k];
                    long maxH = Long.MIN_VALUE;
                    long maxV = Long.MIN_VALUE;
                    for (int other : entriesOf[s]) {
                        if (written[other]) {
                            maxH = Math.max(maxH, entryH[other]);
                            maxV = Math.max(maxV, entryV[other]);
                        }
                    }
                    nodes[top] = s;
                    lagsH[top] = maxH;
                    lagsV[top] = maxV;
                    top++;
                }
            }
        }

        /** The final horizontal lag of the entry of edge {@code k} (in the order given). */
        long lagH(int k) {
            return entryH[edgeEntry[k]];
        }

        long lagV(int k) {
            return entryV[edgeEntry[k]];
        }
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
