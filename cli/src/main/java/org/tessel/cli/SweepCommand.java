package org.tessel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import com.hazelcast.core.HazelcastInstance;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.tessel.cli.chart.SweepHeatmaps;
import org.tessel.cli.chart.SweepPoint;
import org.tessel.cluster.ClusterSpec;
import org.tessel.cluster.ConfigFile;
import org.tessel.cluster.RunDispatcher;
import org.tessel.cluster.RunOutcome;
import org.tessel.cluster.RunSpec;
import org.tessel.cluster.UnitKind;
import org.tessel.costmodel.SingleLayerEvaluator;
import org.tessel.costmodel.depthfirst.DepthFirstEngine;
import org.tessel.costmodel.depthfirst.DepthFirstSettings;
import org.tessel.costmodel.depthfirst.aggregate.NetworkTotals;
import org.tessel.costmodel.depthfirst.copy.UnroutableCopyException;
import org.tessel.costmodel.temporal.MemoryHierarchyTooSmallException;
import org.tessel.model.search.Objective;
import org.tessel.model.BadInputException;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.OverlapMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tessel sweep}: a grid of tile sizes × overlap modes, one CSV row per point, written as
 * soon as the points before it are done, so an interrupted sweep keeps what it finished and
 * {@code --resume} continues it ({@link SweepCsv}: locked, a torn last line dropped). The grid is
 * streamed ({@link SweepGrid}): any size runs in bounded memory. With {@code --cluster} the points
 * are work units on the cluster's members, the rows the same and in the same order.
 */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluates a grid of tile sizes x overlap modes (the reference's case study) and writes one CSV row per point.",
            "Example: ./tessel sweep --workload configs/workloads/fsrcnn.yaml "
                    + "--accelerator configs/accelerators/Meta_prototype_DF.yaml "
                    + "--mapping configs/mappings/Meta_prototype/fsrcnn.yaml "
                    + "--tiles 1,4,16,60,240,960x1,4,18,72,270,540 --modes all --csv sweep.csv"
        })
final class SweepCommand implements Callable<Integer> {

    static final String HEADER = SweepPoint.HEADER;

    @Mixin
    ScenarioOptions files;

    @Option(names = "--tiles", required = true, paramLabel = "WIDTHSxHEIGHTS",
            description = "tile widths x tile heights, each a comma-separated list, e.g. 1,4,16x1,4,18")
    String tiles;

    @Option(names = "--modes", paramLabel = "all|MODE,...", defaultValue = "all",
            description = "overlap modes: all, or a list of fully-recompute, h-cached-v-recompute, fully-cached")
    String modes;

    @Option(names = "--cuts", paramLabel = "auto|none|all|ID,...", defaultValue = "auto",
            description = "stack cuts, as for evaluate (default: ${DEFAULT-VALUE})")
    String cuts;

    @Mixin
    LpfLimitOption lpf;

    @Option(names = "--defines-compat", description = "reproduce the reference's two defects (see evaluate)")
    boolean definesCompat;

    @Option(names = "--threads", paramLabel = "N", description = "points evaluated at once (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--csv", required = true, converter = OutputFile.class, paramLabel = "FILE", description = "where the rows go")
    Path csv;

    @Mixin
    ChartOption chart;

    @Option(names = "--resume", description = "keep the rows already in the CSV file and evaluate only the missing points")
    boolean resume;

    @Option(names = "--yes", description = "run a grid of more than 1,000,000 points")
    boolean yes;

    @Mixin
    ClusterOption cluster;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int lpfLimit = lpf.get();
        if (threads < 1) {
            throw new BadInputException("--threads must be at least 1, got " + threads);
        }
        chart.check();
        SweepGrid grid = SweepGrid.parse(tiles, modeList(modes));
        grid.requireConfirmedIfLarge(yes);
        ClusterSpec clusterSpec = cluster.requested() ? cluster.spec() : null;
        Scenario s = files.loadToCost(spec.commandLine().getErr(), Objective.ENERGY, lpfLimit);
        var stackCuts = EvaluateCommand.cuts(cuts, s);
        PrintWriter out = spec.commandLine().getOut();
        try (SweepCsv rows = SweepCsv.open(csv, resume, HEADER, spec.commandLine().getErr())) {
            Set<String> done = rows.done();
            long todo = grid.size() - grid.countOf(done);
            out.printf(Locale.ROOT, "%d points (%d already in %s), %s, lpf limit %d%n", grid.size(),
                    grid.size() - todo, csv, clusterSpec == null ? threads + " at a time"
                            : "on the members of cluster '" + clusterSpec.name() + "'", lpfLimit);
            out.flush();
            long start = System.nanoTime();
            if (clusterSpec == null) {
                run(grid, done, todo, rows, s, stackCuts);
            } else {
                runOnCluster(clusterSpec, grid, done, todo, rows, s);
            }
            out.printf(Locale.ROOT, "%d points evaluated in %.1f s, rows in %s%n", todo, (System.nanoTime() - start) / 1e9, csv);
        }
        if (chart.requested()) { // from the CSV, which also holds the rows of earlier (resumed) runs
            chart.write(SweepHeatmaps.of(SweepPoint.readCsv(csv), s.workload().name() + " on " + s.accelerator().name()),
                    SweepHeatmaps.COLUMNS);
            out.printf(Locale.ROOT, "heatmaps in %s%n", chart.file);
        }
        return ExitCode.OK;
    }

    /**
     * Evaluates the points not {@code done}, a bounded window of them at a time, and writes each
     * row as soon as it and all before it are done: rows in grid order, memory bounded whatever the
     * grid's size.
     */
    private void run(SweepGrid grid, Set<String> done, long todo, SweepCsv rows, Scenario s,
            org.tessel.costmodel.depthfirst.partition.StackCuts stackCuts) {
        // One memo cache for the whole grid: points share most of their layer-tiles.
        DepthFirstEngine engine = new DepthFirstEngine(SingleLayerEvaluator.memoized());
        int window = Math.max(16, 4 * threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("sweep").setInitialMax(todo)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
            Deque<CompletableFuture<String>> running = new ArrayDeque<>();
            for (SweepGrid.Point p : grid) {
                if (done.contains(p.key())) {
                    continue;
                }
                if (running.size() == window) {
                    rows.append(running.removeFirst().join());
                }
                running.addLast(CompletableFuture.supplyAsync(() -> {
                    String row = evaluate(engine, s, p, stackCuts);
                    bar.step();
                    return row;
                }, pool));
            }
            while (!running.isEmpty()) {
                rows.append(running.removeFirst().join());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The points not {@code done} as work units on the cluster's members ({@link SweepPointWorker}),
     * a chunk at a time (memory stays bounded whatever the grid's size); each row is written as soon
     * as it and all before it are back, so the CSV is in grid order as on one machine.
     */
    private void runOnCluster(ClusterSpec clusterSpec, SweepGrid grid, Set<String> done, long todo, SweepCsv rows, Scenario s) {
        List<ConfigFile> shipped = files.shipped(s);
        List<String> problem = new ArrayList<>(files.importOptions());
        problem.addAll(List.of("--cuts", cuts, "--lpf-limit", Integer.toString(lpf.get())));
        if (definesCompat) {
            problem.add("--defines-compat");
        }
        HazelcastInstance client = ClusterOption.connect(clusterSpec);
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("sweep").setInitialMax(todo)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
            RunDispatcher dispatcher = RunDispatcher.forPoints(client, ClusterOption.MEMBER_WAIT);
            RunDispatcher.Listener listener = new RunDispatcher.Listener() {
                @Override
                public void finished(RunOutcome outcome) {
                    bar.step();
                }

                @Override
                public void inOrder(RunOutcome outcome) {
                    rows.append(outcome.document());
                }
            };
            List<RunSpec> chunk = new ArrayList<>();
            for (SweepGrid.Point p : grid) {
                if (done.contains(p.key())) {
                    continue;
                }
                chunk.add(new RunSpec(UnitKind.SWEEP_POINT, shipped.get(0), shipped.get(1), shipped.get(2),
                        SweepPointWorker.options(problem, p)));
                if (chunk.size() == CLUSTER_CHUNK) {
                    dispatcher.run(chunk, listener);
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty()) {
                dispatcher.run(chunk, listener);
            }
        } finally {
            client.shutdown();
        }
    }

    /** Points handed to the cluster at once: the units and results held in memory. */
    private static final int CLUSTER_CHUNK = 4096;

    private String evaluate(DepthFirstEngine engine, Scenario s, SweepGrid.Point p,
            org.tessel.costmodel.depthfirst.partition.StackCuts stackCuts) {
        return row(engine, s, p, stackCuts, lpf.get(), definesCompat);
    }

    /** The CSV row of point {@code p}: the same on a member as here (only its runtime differs). */
    static String row(DepthFirstEngine engine, Scenario s, SweepGrid.Point p,
            org.tessel.costmodel.depthfirst.partition.StackCuts stackCuts, int lpfLimit, boolean definesCompat) {
        long t0 = System.nanoTime();
        try {
            NetworkTotals t = engine.run(s, new DepthFirstSettings(p.tile(), p.mode(), stackCuts, lpfLimit, definesCompat))
                    .totals();
            return String.format(Locale.ROOT, "%s,true,%s,%d,%d,%d,%d", p.key(), Double.toString(t.energyTotal()),
                    t.latencyTotal0(), t.latencyTotal1(), t.latencyTotal2(), (System.nanoTime() - t0) / 1_000_000);
        } catch (MemoryHierarchyTooSmallException | UnroutableCopyException e) {
            return p.key() + ",false,,,,," + (System.nanoTime() - t0) / 1_000_000;
        }
    }

    static List<OverlapMode> modeList(String text) {
        if (text.strip().equals("all")) {
            return List.of(OverlapMode.values());
        }
        List<OverlapMode> out = new ArrayList<>();
        for (String name : text.split(",")) {
            out.add(OverlapMode.fromCliName(name.strip()).orElseThrow(() -> new BadInputException(
                    "unknown mode '" + name.strip() + "' (one of: all, " + OverlapMode.cliNames() + ")")));
        }
        return out;
    }
}
