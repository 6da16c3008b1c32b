package org.tessel.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.tessel.costmodel.SingleLayerEvaluator;
import org.tessel.costmodel.depthfirst.DepthFirstEngine;
import org.tessel.costmodel.depthfirst.DepthFirstSettings;
import org.tessel.costmodel.depthfirst.layertile.MemoizingLayerTileEvaluator;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.OverlapMode;

/**
 * The 108-point grid of the DeFiNES case study, timed end to end (not a JMH benchmark: it runs
 * once, cold, as a user would): 3 overlap modes × tile widths 1, 4, 16, 60, 240, 960 × tile
 * heights 1, 4, 18, 72, 270, 540, FSRCNN on Meta_prototype_DF, automatic cuts, all points
 * sharing one {@link MemoizingLayerTileEvaluator}, run in parallel on a pool of the given size
 * (the engine's own parallel tile-type evaluation runs on the same pool).
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar org.tessel.benchmarks.CaseStudyGrid [lpf] [threads]}
 * (defaults 6 and 2). Prints one line per point as it finishes and a summary line; goals:
 * ≤ 60 s at lpf 6, ≤ 10 min at lpf 8 on 2 cores.
 */
public final class CaseStudyGrid {

    private static final long[] WIDTHS = {1, 4, 16, 60, 240, 960};
    private static final long[] HEIGHTS = {1, 4, 18, 72, 270, 540};

    private CaseStudyGrid() {}

    /** One point of the grid. */
    private record Point(OverlapMode mode, long width, long height) {}

    public static void main(String[] args) throws Exception {
        int lpf = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Scenario scenario = CaseStudy.fsrcnnOnMetaPrototypeDf().scenario();
        List<Point> points = new ArrayList<>();
        for (OverlapMode mode : OverlapMode.values()) {
            for (long w : WIDTHS) {
                for (long h : HEIGHTS) {
                    points.add(new Point(mode, w, h));
                }
            }
        }
        MemoizingLayerTileEvaluator memo = SingleLayerEvaluator.memoized();
        DepthFirstEngine engine = new DepthFirstEngine(memo);
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        List<String> lines;
        try (ForkJoinPool pool = new ForkJoinPool(threads)) {
            lines = pool.submit(() -> points.parallelStream().map(pt -> {
                long t0 = System.nanoTime();
                DepthFirstSettings s = CaseStudy.settings(pt.width(), pt.height(), pt.mode(), lpf);
                String outcome;
                try {
                    var r = engine.run(scenario, s);
                    outcome = String.format("energy %s pJ  latency %d cc", r.totals().energyTotal(),
                            r.totals().latencyTotal2());
                } catch (RuntimeException e) {
                    outcome = "failed: " + e;
                }
                String line = String.format("%3d/%d  %-22s %4dx%-4d %8.2f s  %s", done.incrementAndGet(), points.size(),
                        pt.mode().cliName(), pt.width(), pt.height(), (System.nanoTime() - t0) / 1e9, outcome);
                System.out.println(line);
                return line;
            }).toList()).get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long failed = lines.stream().filter(l -> l.contains("failed:")).count();
        System.out.printf("grid: %d points, lpf %d, %d threads: %.1f s wall; %d layer-tile searches, %d memo hits,"
                + " %d failed points; JDK %s%n", points.size(), lpf, threads, seconds, memo.misses(), memo.hits(), failed,
                Runtime.version());
    }
}
