package org.tessel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tessel.costmodel.HierarchyCut;
import org.tessel.costmodel.LayerCost;
import org.tessel.costmodel.LayerProblem;
import org.tessel.costmodel.layer.LayerContext;
import org.tessel.costmodel.layer.LayerCostModel;
import org.tessel.costmodel.temporal.MappingSearchResult;
import org.tessel.costmodel.temporal.MemoryHierarchyTooSmallException;
import org.tessel.costmodel.temporal.TemporalMappingCheck;
import org.tessel.costmodel.temporal.TemporalMappingSearch;
import org.tessel.model.search.Objective;
import org.tessel.model.BadInputException;
import org.tessel.model.accelerator.Core;
import org.tessel.model.accelerator.Direction;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.config.ConfigLoader;
import org.tessel.model.config.Scenario;
import org.tessel.model.config.TemporalMappingWriter;
import org.tessel.model.mapping.TemporalLoop;
import org.tessel.model.mapping.TemporalMapping;
import org.tessel.model.workload.Layer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tessel layer}: the single-layer cost model on one layer or tile, with its breakdown. */
@Command(
        name = "layer",
        mixinStandardHelpOptions = true,
        description = "Evaluates one layer (or a tile of it): searches the temporal mapping (or takes a given one) "
                + "and prints energy and latency with their breakdown per operand and memory level.")
final class LayerCommand implements Callable<Integer> {

    @Mixin
    ScenarioOptions files;

    @Option(names = "--layer", required = true, paramLabel = "ID", description = "id of the layer to evaluate")
    int layerId;

    @Option(names = "--ox", paramLabel = "N", description = "evaluate a tile of N output columns (default: the whole layer)")
    Long ox;

    @Option(names = "--oy", paramLabel = "N", description = "evaluate a tile of N output rows (default: the whole layer)")
    Long oy;

    @Option(names = "--top", paramLabel = "OP=MEMORY", split = ",",
            description = "cut a memory operand's hierarchy above the named memory, e.g. I1=sram_64KB,I2=sram_1MB_W,O=sram_64KB")
    Map<String, String> top = new LinkedHashMap<>();

    @Mixin
    LpfLimitOption lpf;

    @Option(names = "--temporal-mapping", paramLabel = "FILE",
            description = "evaluate this temporal mapping instead of searching one (docs/temporal-mapping-format.md)")
    Path temporalMappingFile;

    @Option(names = "--json", converter = OutputFile.class, paramLabel = "FILE", description = "also write the result as JSON")
    Path json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        int lpfLimit = lpf.get();
        Scenario s = files.load(Objective.ENERGY, lpfLimit, spec.commandLine().getErr());
        if (!s.workload().hasLayer(layerId) || s.workload().layer(layerId).isInput()) {
            throw new BadInputException("workload " + s.workload().name() + " has no compute layer " + layerId
                    + " (its layers: " + s.workload().computeLayers().stream().map(Layer::id).toList() + ")");
        }
        Layer layer = tile(s.workload().layer(layerId));
        Core core = cut(s.coreOf(layer));
        LayerProblem problem = new LayerProblem(layer, core, s.mappings().of(layerId));

        LayerCost cost;
        TemporalMapping mapping;
        String how;
        if (temporalMappingFile != null) {
            mapping = ConfigLoader.temporalMapping(temporalMappingFile);
            LayerContext ctx = LayerContext.of(problem);
            TemporalMappingCheck.requireFits(ctx, mapping);
            cost = LayerCostModel.evaluate(ctx, mapping);
            how = "given temporal mapping " + temporalMappingFile;
        } else {
            MappingSearchResult found;
            try {
                found = TemporalMappingSearch.best(problem, lpfLimit);
            } catch (MemoryHierarchyTooSmallException e) {
                throw new BadInputException("no temporal mapping fits: " + e.getMessage());
            }
            cost = found.cost();
            mapping = found.mapping();
            how = String.format(Locale.ROOT, "searched: %,d orderings, %,d allocated, lpf limit %d", found.orderings(),
                    found.allocated(), lpfLimit);
        }
        print(spec.commandLine().getOut(), layer, core, cost, mapping, how);
        if (json != null) {
            JsonFile.write(json, toJson(cost, mapping));
        }
        return ExitCode.OK;
    }

    private Layer tile(Layer layer) {
        Map<String, Long> loops = new LinkedHashMap<>(layer.loops());
        resize(loops, "OX", ox, "--ox");
        resize(loops, "OY", oy, "--oy");
        return layer.withLoops(loops);
    }

    private void resize(Map<String, Long> loops, String dim, Long size, String option) {
        if (size == null) {
            return;
        }
        Long full = loops.get(dim);
        if (full == null) {
            throw new BadInputException("layer " + layerId + " has no " + dim + " loop to tile with " + option);
        }
        if (size < 1 || size > full) {
            throw new BadInputException(option + " " + size + " is not a tile of layer " + layerId + ", whose "
                    + dim + " is " + full);
        }
        loops.put(dim, size);
    }

    private Core cut(Core core) {
        Map<MemoryOperand, String> tops = new EnumMap<>(MemoryOperand.class);
        for (Map.Entry<String, String> e : top.entrySet()) {
            MemoryOperand op;
            try {
                op = MemoryOperand.valueOf(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw new BadInputException("--top names unknown operand '" + e.getKey() + "' (one of: I1, I2, O)");
            }
            var chain = core.hierarchy().chain(op).stream().map(MemoryLevel::name).toList();
            if (!chain.contains(e.getValue())) {
                throw new BadInputException("--top " + op + "=" + e.getValue() + ": that memory does not hold " + op
                        + " (its memories: " + String.join(", ", chain) + ")");
            }
            tops.put(op, e.getValue());
        }
        return HierarchyCut.applyAll(core, tops);
    }

    private static void print(PrintWriter out, Layer layer, Core core, LayerCost c, TemporalMapping mapping, String how) {
        out.printf(Locale.ROOT, "Layer %d, loops %s, %,d MACs (%s)%n", layer.id(), layer.loops(), layer.macCount(), how);
        out.printf(Locale.ROOT, "  energy    %,.3f pJ = MAC %,.3f + memory %,.3f%n", c.energyTotal(), c.macEnergy(),
                c.memoryEnergy());
        out.printf(Locale.ROOT, "  latency   total0 %,d  total1 %,d  total2 %,d cycles%n", c.latencyTotal0(),
                c.latencyTotal1(), c.latencyTotal2());
        out.printf(Locale.ROOT, "            ideal %,d, temporal %,d, stall %,d, on-loading %,d, off-loading %,d%n",
                c.idealCycles(), c.temporalCycles(), c.stallCycles(), c.loadingCycles(), c.offloadingCycles());
        out.printf(Locale.ROOT, "  spatial utilization %.4f%n%n", c.macSpatialUtilization());
        TextTable t = TextTable.of("operand", "memory", ">rd_out_to_low", ">wr_in_by_low", ">rd_out_to_high",
                ">wr_in_by_high", ">energy pJ", ">share");
        for (LayerCost.OperandCost op : c.operands()) {
            for (LayerCost.LevelCost l : op.levels()) {
                t = t.withRow(op.operand() + " (" + op.memoryOperand() + ")", l.memory(),
                        words(l.accesses().get(Direction.RD_OUT_TO_LOW)), words(l.accesses().get(Direction.WR_IN_BY_LOW)),
                        words(l.accesses().get(Direction.RD_OUT_TO_HIGH)), words(l.accesses().get(Direction.WR_IN_BY_HIGH)),
                        String.format(Locale.ROOT, "%,.3f", l.energy()),
                        String.format(Locale.ROOT, "%.1f%%", 100 * l.energy() / c.energyTotal()));
            }
        }
        out.println("  Word accesses and energy per operand and memory level:");
        out.println(t.render(2));
        out.println("  Temporal mapping, innermost loop first (memory level per operand):");
        for (int i = 0; i < mapping.loops().size(); i++) {
            TemporalLoop l = mapping.loops().get(i);
            StringBuilder levels = new StringBuilder();
            for (var e : mapping.levels().entrySet()) {
                levels.append(' ').append(e.getKey()).append('@').append(e.getValue().get(i));
            }
            out.printf(Locale.ROOT, "    %-3s %6d %s%n", l.dimension(), l.size(), levels);
        }
        out.flush();
    }

    private static String words(double w) {
        return w == Math.rint(w) && Math.abs(w) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) w)
                : String.format(Locale.ROOT, "%,.2f", w);
    }

    private static Map<String, Object> toJson(LayerCost c, TemporalMapping mapping) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("energy_total_pJ", c.energyTotal());
        j.put("mac_energy_pJ", c.macEnergy());
        j.put("memory_energy_pJ", c.memoryEnergy());
        Map<String, Map<String, Double>> energy = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, Double>>> accesses = new LinkedHashMap<>();
        for (LayerCost.OperandCost op : c.operands()) {
            Map<String, Double> e = new LinkedHashMap<>();
            Map<String, Map<String, Double>> a = new LinkedHashMap<>();
            for (LayerCost.LevelCost l : op.levels()) {
                e.put(l.memory(), l.energy());
                Map<String, Double> dirs = new LinkedHashMap<>();
                for (Direction d : Direction.values()) {
                    dirs.put(d.configName(), l.accesses().get(d));
                }
                a.put(l.memory(), dirs);
            }
            energy.put(op.operand(), e);
            accesses.put(op.operand(), a);
        }
        j.put("energy_per_operand_level_pJ", energy);
        j.put("access_counts", accesses);
        j.put("latency_total0", c.latencyTotal0());
        j.put("latency_total1", c.latencyTotal1());
        j.put("latency_total2", c.latencyTotal2());
        j.put("ideal_cycles", c.idealCycles());
        j.put("stall_cycles", c.stallCycles());
        j.put("onloading_cycles", c.loadingCycles());
        j.put("offloading_cycles", c.offloadingCycles());
        j.put("spatial_utilization", c.macSpatialUtilization());
        j.put("temporal_mapping", TemporalMappingWriter.toMap(mapping));
        return j;
    }
}
