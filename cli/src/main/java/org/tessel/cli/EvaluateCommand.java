package org.tessel.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tessel.cli.chart.LayerEnergyChart;
import org.tessel.costmodel.SingleLayerEvaluator;
import org.tessel.costmodel.depthfirst.DepthFirstEngine;
import org.tessel.costmodel.depthfirst.DepthFirstSettings;
import org.tessel.costmodel.depthfirst.aggregate.DepthFirstResult;
import org.tessel.costmodel.depthfirst.copy.UnroutableCopyException;
import org.tessel.costmodel.depthfirst.graph.StackGraph;
import org.tessel.costmodel.depthfirst.partition.StackCuts;
import org.tessel.costmodel.depthfirst.partition.StackPartition;
import org.tessel.costmodel.depthfirst.partition.UnbuildableStackException;
import org.tessel.costmodel.temporal.MemoryHierarchyTooSmallException;
import org.tessel.model.search.Objective;
import org.tessel.model.BadInputException;
import org.tessel.model.config.ConfigLoader;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.workload.Layer;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tessel evaluate}: the energy and latency of a whole-network schedule. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluates a layer-by-layer or depth-first schedule of the whole network: either one tile size and "
                    + "overlap mode for every stack (as the reference does), or a schedule file with its own per stack.",
            "Example: ./tessel evaluate --workload configs/workloads/fsrcnn.yaml "
                    + "--accelerator configs/accelerators/Meta_prototype_DF.yaml "
                    + "--mapping configs/mappings/Meta_prototype/fsrcnn.yaml --tile 60x72 --mode fully-cached"
        })
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    ScenarioOptions files;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @ArgGroup(exclusive = false)
        Uniform uniform;

        @Option(names = "--schedule", required = true, paramLabel = "FILE",
                description = "a schedule file with per-stack tile and mode (docs/schedule-format.md)")
        Path schedule;
    }

    static final class Uniform {
        @Option(names = "--tile", required = true, paramLabel = "WxH|full",
                description = "tile size of every stack's output, e.g. 60x72; full = one tile per stack")
        String tile;

        @Option(names = "--mode", required = true, paramLabel = "MODE",
                description = "overlap mode: fully-recompute, h-cached-v-recompute or fully-cached")
        String mode;

        @Option(names = "--cuts", paramLabel = "auto|none|all|ID,...", defaultValue = "auto",
                description = "stack cuts: auto (the reference's weights-overflow rule), none, all (every layer its own "
                        + "stack), or the layer ids to cut after (default: ${DEFAULT-VALUE})")
        String cuts;
    }

    @Mixin
    LpfLimitOption lpf;

    @Option(names = "--defines-compat",
            description = "reproduce the reference's two defects (a cut after layer 0 is ignored; data-copy latency_total2 "
                    + "not scaled by tile multiplicity), see docs/reference-compatibility.md")
    boolean definesCompat;

    @Option(names = "--json", converter = OutputFile.class, paramLabel = "FILE", description = "also write the result as JSON")
    Path json;

    @Mixin
    ChartOption chart;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        int lpfLimit = lpf.get();
        chart.check();
        Scenario s = files.loadToCost(spec.commandLine().getErr(), Objective.ENERGY, lpfLimit);
        DepthFirstEngine engine = new DepthFirstEngine(SingleLayerEvaluator.memoized());
        long start = System.nanoTime();
        DepthFirstResult result;
        List<StackSchedule> stacks = new ArrayList<>();
        try {
            if (what.schedule != null) {
                Schedule schedule = ConfigLoader.schedule(what.schedule, s.workload());
                try {
                    result = engine.run(s, schedule, lpfLimit, definesCompat);
                } catch (UnbuildableStackException e) {
                    // the file passed the reader's checks (coverage, order) but cuts where no stack can be built
                    throw new BadInputException(what.schedule + ": " + e.getMessage());
                }
                stacks.addAll(schedule.stacks());
            } else {
                TileSize tile = tile(what.uniform.tile);
                OverlapMode mode = OverlapMode.fromCliName(what.uniform.mode).orElseThrow(() -> new BadInputException(
                        "unknown --mode '" + what.uniform.mode + "' (one of: " + OverlapMode.cliNames() + ")"));
                result = engine.run(s, new DepthFirstSettings(tile, mode, cuts(what.uniform.cuts, s), lpfLimit, definesCompat));
                result.stacks().forEach(st -> stacks.add(new StackSchedule(st.layerIds(), tile, mode)));
            }
        } catch (MemoryHierarchyTooSmallException | UnroutableCopyException e) {
            throw new BadInputException("this schedule cannot run on " + s.accelerator().name() + ": " + e.getMessage());
        }
        DepthFirstReport report = new DepthFirstReport(result, stacks, (System.nanoTime() - start) / 1_000_000,
                DepthFirstReport.namesOf(s.workload()));
        report.print(spec.commandLine().getOut());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("kind", "evaluate");
        document.put("workload", s.workload().name());
        document.put("accelerator", s.accelerator().name());
        document.putAll(report.toJson());
        if (json != null) {
            JsonFile.write(json, document);
        }
        chart.write(document, tree -> LayerEnergyChart.of(tree, s.workload().name() + " on " + s.accelerator().name()), 1);
        return ExitCode.OK;
    }

    private static TileSize tile(String text) {
        try {
            return TileSize.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /**
     * The stack cuts named by {@code --cuts}; null means the automatic rule. Cuts that make a stack with
     * two output layers (docs/stacks.md) are bad input, before anything is evaluated.
     */
    static StackCuts cuts(String text, Scenario s) {
        StackCuts cuts = parseCuts(text, s);
        if (cuts != null) {
            try {
                StackPartition.of(StackGraph.of(s.workload()), cuts, false);
            } catch (UnbuildableStackException e) {
                throw new BadInputException("--cuts " + text.strip() + ": " + e.getMessage());
            }
        }
        return cuts;
    }

    private static StackCuts parseCuts(String text, Scenario s) {
        List<Integer> compute = s.workload().computeLayers().stream().map(Layer::id).toList();
        return switch (text.strip()) {
            case "auto" -> null;
            case "none" -> new StackCuts(List.of());
            case "all" -> StackCuts.everyLayer(StackGraph.of(s.workload()));
            default -> {
                List<Integer> ids = new ArrayList<>();
                for (String part : text.split(",")) {
                    int id;
                    try {
                        id = Integer.parseInt(part.strip());
                    } catch (NumberFormatException e) {
                        throw new BadInputException("--cuts takes auto, none, all or layer ids like 1,4; got '" + text + "'");
                    }
                    if (!compute.contains(id)) {
                        throw new BadInputException("--cuts: workload " + s.workload().name() + " has no compute layer " + id);
                    }
                    ids.add(id);
                }
                yield new StackCuts(ids);
            }
        };
    }
}
