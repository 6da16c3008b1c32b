package org.tessel.costmodel.depthfirst.backprop;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.costmodel.depthfirst.graph.DfNode;
import org.tessel.costmodel.depthfirst.graph.SpatialAxis;
import org.tessel.costmodel.depthfirst.graph.StackGraph;
import org.tessel.model.workload.IndexRelation;

/**
 * What every node of an exact-size stack computes along one axis for one column (or row) of
 * tiles, on real tensor positions (docs/padding.md §2): the widths with and without the overlap
 * kept from the previous tile. They replace the region sizes of the reference's
 * back-propagation, which knows neither positions nor borders (spec depthfirst.md §3.2).
 *
 * <p>Two columns with equal {@code AxisRegions} (and equal size and first/last flags) give
 * equal back-propagations, so they may share a tile type.
 *
 * @param cached node id → computed width when the overlap with the previous tile is cached
 * @param uncached node id → computed width when the whole window is recomputed
 */
public record AxisRegions(Map<Integer, Long> cached, Map<Integer, Long> uncached) {

    public AxisRegions {
        cached = Collections.unmodifiableMap(new LinkedHashMap<>(cached));
        uncached = Collections.unmodifiableMap(new LinkedHashMap<>(uncached));
    }

    /** The widths for the given use flag of the back-propagation. */
    public Map<Integer, Long> widths(boolean useCache) {
        return useCache ? cached : uncached;
    }

    /** One consumer edge along the axis: stride, window and leading padding (docs/padding.md §1). */
    private record Window(int consumer, long stride, long window, long before) {

        /** Start of the real data this window reads for the consumer's outputs from {@code lo}. */
        long start(long lo) {
            return Math.max(0, stride * lo - before);
        }

        /** End of the real data (of a producer of size {@code size}) read for outputs up to {@code hi}. */
        long end(long hi, long size) {
            return Math.min(size, Math.max(0, stride * (hi - 1) + window - before));
        }
    }

    /**
     * The regions of the tile spans {@code [start, end)} of the stack output along {@code axis}
     * ({@link SpatialAxis#X} for columns, {@link SpatialAxis#Y} for rows).
     */
    public static List<AxisRegions> of(StackGraph graph, SpatialAxis axis, List<long[]> spans) {
        List<Integer> order = graph.topologicalOrder().reversed();
        int out = graph.firstSink();
        Map<Integer, List<Window>> windows = new HashMap<>();
        for (int id : order) {
            windows.put(id, windowsInto(graph, id, axis));
        }
        Map<Integer, Long> sizes = new HashMap<>();
        for (int id : order) {
            sizes.put(id, size(graph, id, axis));
        }
        long outSize = sizes.get(out);
        List<AxisRegions> result = new java.util.ArrayList<>();
        Map<Integer, Long> previousEnds = null;
        long previousEnd = -1;
        for (long[] span : spans) {
            // hi_prev of a span is hi of the span before it (spans come left to right): computed once
            Map<Integer, Long> hiStart = span[0] == 0 ? null
                    : span[0] == previousEnd ? previousEnds : ends(order, windows, sizes, out, span[0], false);
            Map<Integer, Long> hiEnd = ends(order, windows, sizes, out, span[1], span[1] >= outSize);
            result.add(of(graph, order, out, windows, span[0], span[1], hiStart, hiEnd));
            previousEnds = hiEnd;
            previousEnd = span[1];
        }
        return List.copyOf(result);
    }

    private static AxisRegions of(StackGraph graph, List<Integer> order, int out, Map<Integer, List<Window>> windows,
            long start, long end, Map<Integer, Long> hiStart, Map<Integer, Long> hiEnd) {
        Map<Integer, Long> cached = new LinkedHashMap<>();
        Map<Integer, Long> uncached = new LinkedHashMap<>();
        // uncached: the hull of the consumers' windows, from hi_prev at the latest, so that columns
        // no window reads (a stride wider than the window) are still computed once
        Map<Integer, long[]> comp = new HashMap<>();
        comp.put(out, new long[] {start, end});
        for (int id : order) {
            if (id == out) {
                continue;
            }
            long hi = hiEnd.get(id);
            long prev = hiStart == null ? 0 : hiStart.get(id);
            long lo = prev;
            for (Window w : windows.get(id)) {
                long[] c = comp.get(w.consumer());
                if (c[1] > c[0]) {
                    lo = Math.min(lo, w.start(c[0]));
                }
            }
            comp.put(id, new long[] {Math.min(lo, hi), hi});
        }
        for (int id : graph.ids()) {
            long[] c = comp.get(id);
            uncached.put(id, c[1] - c[0]);
            // cached: only what is new since the previous tile, [hi_prev, hi)
            long prev = hiStart == null ? 0 : hiStart.get(id);
            cached.put(id, id == out ? end - start : Math.max(0, hiEnd.get(id) - prev));
        }
        return new AxisRegions(cached, uncached);
    }

    /** {@code hi(n)} for the stack-output end {@code end}; the whole size of every node at the last span. */
    private static Map<Integer, Long> ends(List<Integer> order, Map<Integer, List<Window>> windows, Map<Integer, Long> sizes,
            int out, long end, boolean last) {
        Map<Integer, Long> hi = new HashMap<>();
        for (int id : order) {
            long size = sizes.get(id);
            if (last) {
                hi.put(id, size);
            } else if (id == out) {
                hi.put(id, end);
            } else {
                long h = 0;
                for (Window w : windows.get(id)) {
                    h = Math.max(h, w.end(hi.get(w.consumer()), size));
                }
                hi.put(id, h);
            }
        }
        return hi;
    }

    /** The windows through which the consumers of {@code producer} in the stack read it along {@code axis}. */
    private static List<Window> windowsInto(StackGraph graph, int producer, SpatialAxis axis) {
        List<Window> out = new java.util.ArrayList<>();
        for (int c : graph.successorsOf(producer)) {
            DfNode n = graph.node(c);
            for (Map.Entry<String, List<Integer>> src : n.layer().sources().entrySet()) {
                if (src.getValue().contains(producer)) {
                    out.add(window(n, src.getKey(), axis));
                }
            }
        }
        return out;
    }

    private static Window window(DfNode n, String operand, SpatialAxis axis) {
        String dim = axis.dim();
        Map<String, String> dims = n.layer().sourceDimensions().getOrDefault(operand, Map.of());
        for (Map.Entry<String, String> d : dims.entrySet()) {
            if (!d.getValue().equals(dim)) {
                continue;
            }
            String mine = d.getKey();
            var relation = n.layer().relationFor(mine);
            if (relation.isEmpty()) {
                return new Window(n.id(), 1, 1, 0); // read position by position (an add's OX)
            }
            IndexRelation r = relation.get();
            long before = n.layer().padding(mine).before();
            if (r.first().equals(dim)) {
                return new Window(n.id(), r.firstScale(), r.distinctIndices(1, n.layer().loopSize(r.second())), before);
            }
            if (r.second().equals(dim)) {
                return new Window(n.id(), r.secondScale(), r.distinctIndices(n.layer().loopSize(r.first()), 1), before);
            }
        }
        throw new IllegalStateException("operand " + operand + " of " + n.name() + " maps no dimension to its producer's "
                + dim + ": an exact-size workload needs one (docs/padding.md §2)");
    }

    private static long size(StackGraph graph, int id, SpatialAxis axis) {
        return graph.node(id).layer().loopSize(axis.dim());
    }
}
