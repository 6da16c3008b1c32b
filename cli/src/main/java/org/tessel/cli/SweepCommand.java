package org.tessel.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
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
import org.tessel.model.schedule.TileSize;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tessel sweep}: a grid of tile sizes × overlap modes, one CSV row per point, written as
 * soon as the points before it are done, so an interrupted sweep keeps what it finished and
 * {@code --resume} continues it.
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

    static final String HEADER = "tile_x,tile_y,mode,feasible,energy_total_pJ,latency_total0,latency_total1,latency_total2,runtime_ms";

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

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "where the rows go")
    Path csv;

    @Option(names = "--resume", description = "keep the rows already in the CSV file and evaluate only the missing points")
    boolean resume;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One grid point. */
    record Point(TileSize.Fixed tile, OverlapMode mode) {
        String key() {
            return tile.width() + "," + tile.height() + "," + mode.cliName();
        }
    }

    @Override
    public Integer call() throws Exception {
        int lpfLimit = lpf.get();
        if (threads < 1) {
            throw new BadInputException("--threads must be at least 1, got " + threads);
        }
        OutputFile.requireDirectory(csv, "--csv");
        List<Point> grid = grid(tiles, modeList(modes));
        Scenario s = files.loadToCost(spec.commandLine().getErr(), Objective.ENERGY, lpfLimit);
        var stackCuts = EvaluateCommand.cuts(cuts, s);
        Set<String> done = resume ? alreadyDone(csv) : Set.of();
        List<Point> todo = grid.stream().filter(p -> !done.contains(p.key())).toList();
        if (!resume || !Files.exists(csv)) {
            try {
                Files.writeString(csv, HEADER + "\n");
            } catch (IOException e) {
                throw cannotWrite(e);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%d points (%d already in %s), %d at a time, lpf limit %d%n", grid.size(),
                grid.size() - todo.size(), csv, threads, lpfLimit);
        out.flush();

        // One memo cache for the whole grid: points share most of their layer-tiles.
        DepthFirstEngine engine = new DepthFirstEngine(
                SingleLayerEvaluator.memoized());
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("sweep").setInitialMax(todo.size())
                        .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
                BufferedWriter rows = Files.newBufferedWriter(csv, StandardOpenOption.APPEND)) {
            List<CompletableFuture<String>> futures = new ArrayList<>();
            for (Point p : todo) {
                futures.add(CompletableFuture.supplyAsync(() -> {
                    String row = evaluate(engine, s, p, stackCuts);
                    bar.step();
                    return row;
                }, pool));
            }
            // Rows in grid order, each written as soon as it and all before it are done.
            for (CompletableFuture<String> f : futures) {
                rows.write(f.join());
                rows.newLine();
                rows.flush();
            }
        } catch (IOException e) {
            throw cannotWrite(e);
        } finally {
            pool.shutdownNow();
        }
        out.printf(Locale.ROOT, "%d points evaluated in %.1f s, rows in %s%n", todo.size(),
                (System.nanoTime() - start) / 1e9, csv);
        return ExitCode.OK;
    }

    /** The CSV is a file the user named: failing to write it is bad input, not a bug. */
    private BadInputException cannotWrite(IOException e) {
        return new BadInputException("--csv: cannot write " + csv + ": " + e.getMessage(), e);
    }

    private String evaluate(DepthFirstEngine engine, Scenario s, Point p,
            org.tessel.costmodel.depthfirst.partition.StackCuts stackCuts) {
        long t0 = System.nanoTime();
        try {
            NetworkTotals t = engine.run(s, new DepthFirstSettings(p.tile(), p.mode(), stackCuts, lpf.get(), definesCompat))
                    .totals();
            return String.format(Locale.ROOT, "%s,true,%s,%d,%d,%d,%d", p.key(), Double.toString(t.energyTotal()),
                    t.latencyTotal0(), t.latencyTotal1(), t.latencyTotal2(), (System.nanoTime() - t0) / 1_000_000);
        } catch (MemoryHierarchyTooSmallException | UnroutableCopyException e) {
            return p.key() + ",false,,,,," + (System.nanoTime() - t0) / 1_000_000;
        }
    }

    static List<Point> grid(String text, List<OverlapMode> modes) {
        String[] sides = text.toLowerCase(Locale.ROOT).split("x");
        if (sides.length != 2) {
            throw new BadInputException("--tiles must be WIDTHSxHEIGHTS, e.g. 1,4,16x1,4,18; got '" + text + "'");
        }
        List<Long> widths = numbers(sides[0], text);
        List<Long> heights = numbers(sides[1], text);
        List<Point> grid = new ArrayList<>();
        for (OverlapMode m : modes) {
            for (long w : widths) {
                for (long h : heights) {
                    grid.add(new Point(new TileSize.Fixed(w, h), m));
                }
            }
        }
        return grid;
    }

    private static List<Long> numbers(String list, String text) {
        try {
            List<Long> out = Arrays.stream(list.split(",")).map(String::strip).map(Long::parseLong).toList();
            if (out.stream().anyMatch(v -> v < 1)) {
                throw new BadInputException("--tiles sizes must be positive; got '" + text + "'");
            }
            return out;
        } catch (NumberFormatException e) {
            throw new BadInputException("--tiles must be WIDTHSxHEIGHTS, e.g. 1,4,16x1,4,18; got '" + text + "'");
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

    private static Set<String> alreadyDone(Path csv) {
        Set<String> done = new HashSet<>();
        if (!Files.exists(csv)) {
            return done;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new BadInputException("--resume: cannot read " + csv + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !lines.getFirst().equals(HEADER)) {
            throw new BadInputException("--resume: " + csv + " is not a sweep CSV (its header differs)");
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length == HEADER.split(",").length) {
                done.add(f[0] + "," + f[1] + "," + f[2]);
            }
        }
        return done;
    }
}
