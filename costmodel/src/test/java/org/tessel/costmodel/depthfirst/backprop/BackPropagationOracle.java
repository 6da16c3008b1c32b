package org.tessel.costmodel.depthfirst.backprop;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.costmodel.depthfirst.backprop.BackPropagation.Caching;
import org.tessel.costmodel.depthfirst.backprop.BackPropagation.Job;
import org.tessel.costmodel.depthfirst.backprop.BackPropagation.Lagged;
import org.tessel.costmodel.depthfirst.backprop.BackPropagation.Step;
import org.tessel.costmodel.depthfirst.graph.DfNode;
import org.tessel.costmodel.depthfirst.graph.SpatialAxis;
import org.tessel.costmodel.depthfirst.graph.StackGraph;
import org.tessel.model.schedule.TileSize;

/**
 * The reference's {@code BACKPROP} walk as the spec writes it (depthfirst.md §3.2): a queue of
 * jobs, one per path from the output, every job run. The test oracle of
 * {@link BackPropagation#run}, which skips jobs that cannot change anything; exponential in the
 * number of residual blocks of a stack, so only for tests.
 */
final class BackPropagationOracle {

    private BackPropagationOracle() {}

    static BackPropagation run(StackGraph graph, Map<Integer, Map<String, Long>> start, TileSize tile,
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
                    Step h = BackPropagation.step(n, x, e, ln, job.dimX(), job.lagH());
                    Step v = BackPropagation.step(n, x, e, ln, job.dimY(), job.lagV());
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
        return new BackPropagation(List.copyOf(need.keySet()), BackPropagation.effective(co, caching.makeH()), ci,
                BackPropagation.effective(ro, caching.makeV()),
                ri, loops);
    }

}
