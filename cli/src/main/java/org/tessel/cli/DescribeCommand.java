package org.tessel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.tessel.model.accelerator.Core;
import org.tessel.model.accelerator.MemoryInstance;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.BadInputException;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.costmodel.temporal.TemporalMappingSearch;
import org.tessel.model.config.Scenario;
import org.tessel.model.search.Objective;
import org.tessel.model.mapping.SpatialUnroll;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.LayerType;
import org.tessel.model.workload.Padding;
import org.tessel.model.workload.Workload;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tessel describe}: the layers and the memory hierarchy of a workload on an accelerator. */
@Command(
        name = "describe",
        mixinStandardHelpOptions = true,
        description = {"Prints the workload's layers (names, loop sizes, MAC counts; with an accelerator and a mapping, "
                + "the spatial mapping) and the accelerator's memory hierarchy per operand.",
            "The workload may be an ONNX model; --accelerator and --mapping are optional (--mapping needs --accelerator; "
                    + "an ONNX workload on an accelerator without --mapping, or --mapping auto, shows the searched mapping)."})
final class DescribeCommand implements Callable<Integer> {

    @Mixin
    WorkloadOptions workloadFile;

    @Option(names = "--accelerator", paramLabel = "FILE", description = "accelerator config (kind: accelerator)")
    Path accelerator;

    @Mixin
    MappingOptions mapping;

    @Option(names = "--json", converter = OutputFile.class, paramLabel = "FILE",
            description = "also write the layers (id, name, type, loops, padding, MACs, sources), total_macs and "
                    + "macs_by_type (conv, gemm, pool, add) as JSON")
    Path json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (accelerator == null && (mapping.mapping != null || mapping.mappingOut != null)) {
            throw new BadInputException((mapping.mapping != null ? "--mapping" : "--mapping-out")
                    + " needs --accelerator too (or describe the workload alone)");
        }
        PrintWriter err = spec.commandLine().getErr();
        Scenario s = accelerator == null ? null
                : mapping.scenario(workloadFile, accelerator, Objective.ENERGY, TemporalMappingSearch.DEFAULT_LPF_LIMIT, err);
        Workload w = s == null ? workloadFile.load() : s.workload();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Workload %s: %d layers (%d computed), %,d MACs%n", w.name(),
                w.layers().size(), w.computeLayers().size(), w.macCount());
        if (s != null && mapping.isAuto(workloadFile)) {
            out.println("Spatial mappings searched per layer (--mapping auto, by energy; docs/spatial-mapping.md)");
        }
        out.println(layerTable(w, s).render(2));
        if (json != null) {
            JsonFile.write(json, toJson(w));
            out.println("JSON written to " + json);
        }
        if (s == null) {
            out.flush();
            return ExitCode.OK;
        }
        for (Core core : s.accelerator().cores()) {
            out.printf(Locale.ROOT, "Accelerator %s, core %d: MAC array %s = %,d units, %s pJ per MAC%n",
                    s.accelerator().name(), core.id(),
                    core.array().dimensions().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(" x ")),
                    core.array().unitCount(), core.array().unit().macEnergy());
            out.println(memoryTable(core).render(2));
            out.println("  Hierarchy per operand (innermost first):");
            for (MemoryOperand op : core.hierarchy().operands()) {
                out.printf(Locale.ROOT, "    %-3s %s%n", op, core.hierarchy().chain(op).stream()
                        .map(MemoryLevel::name).collect(Collectors.joining(" -> ")));
            }
            out.println();
        }
        out.flush();
        return ExitCode.OK;
    }

    /** The JSON of {@code describe --json}: the same for imported and written workloads. */
    static Map<String, Object> toJson(Workload w) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("workload", w.name());
        j.put("total_macs", w.macCount());
        Map<String, Long> byType = new LinkedHashMap<>();
        for (LayerType type : List.of(LayerType.CONV, LayerType.GEMM, LayerType.POOL, LayerType.ADD)) {
            byType.put(type.key(), 0L);
        }
        List<Map<String, Object>> layers = new ArrayList<>();
        for (Layer l : w.layers()) {
            LayerType type = LayerType.of(l);
            if (type != LayerType.INPUT) {
                byType.merge(type.key(), l.macCount(), Long::sum);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", l.id());
            m.put("name", l.name());
            m.put("type", type.key());
            m.put("loops", l.loops());
            Map<String, List<Long>> pad = new LinkedHashMap<>();
            l.padding().forEach((dim, p) -> pad.put(dim, List.of(p.before(), p.after())));
            m.put("padding", pad);
            m.put("macs", l.macCount());
            Map<String, List<Integer>> sources = new LinkedHashMap<>();
            l.sources().forEach((op, ids) -> {
                if (!ids.isEmpty()) {
                    sources.put(op, ids);
                }
            });
            m.put("sources", sources);
            layers.add(m);
        }
        j.put("macs_by_type", byType);
        j.put("layers", layers);
        return j;
    }

    private static TextTable layerTable(Workload w, Scenario s) {
        boolean named = w.layers().stream().anyMatch(l -> l.name() != null);
        TextTable t = named ? TextTable.of(">id", "name", "type", "loops", ">MACs", "inputs from", "spatial mapping")
                : TextTable.of(">id", "type", "loops", ">MACs", "inputs from", "spatial mapping");
        for (Layer l : w.layers()) {
            String loops = l.loops().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" "));
            String sources = l.sources().entrySet().stream().filter(e -> !e.getValue().isEmpty())
                    .map(e -> e.getKey() + ":" + e.getValue().stream().map(String::valueOf).collect(Collectors.joining(",")))
                    .collect(Collectors.joining(" "));
            String mapping = l.isInput() || s == null ? "" : s.mappings().of(l.id()).unrolls().entrySet().stream()
                    .map(e -> e.getKey() + ":" + unroll(e.getValue())).collect(Collectors.joining(" "));
            String macs = l.isInput() ? "-" : String.format(Locale.ROOT, "%,d", l.macCount());
            String from = sources.isEmpty() ? "-" : sources;
            String mapped = mapping.isEmpty() ? "-" : mapping;
            t = named ? t.withRow(l.id(), l.name() == null ? "-" : l.name(), type(l), loops, macs, from, mapped)
                    : t.withRow(l.id(), type(l), loops, macs, from, mapped);
        }
        return t;
    }

    private static String unroll(SpatialUnroll u) {
        return u.loopDimension() + "x" + u.factor();
    }

    private static String type(Layer l) {
        if (l.isInput()) {
            return "input";
        }
        if (l.isElementWise()) {
            return "add";
        }
        if (LayerType.of(l) == LayerType.GEMM) {
            return "fc";
        }
        String window = l.loopSize("FY") + "x" + l.loopSize("FX");
        String stride = l.relationFor("IX").map(r -> r.firstScale() > 1 ? " /" + r.firstScale() : "").orElse("");
        List<String> out = l.equation().dimensionsOf(l.equation().outputOperand());
        boolean grouped = out.contains("G");
        boolean pooling = grouped && l.constantOperands().stream().anyMatch(op -> l.precision().getOrDefault(op, 1) == 0);
        String kind = pooling ? "pool " : grouped && out.contains("K") ? "conv g" + l.loopSize("G") + " " : grouped ? "dw conv " : "conv ";
        return kind + window + stride + padding(l);
    }

    /** " pad 1" for symmetric padding, " pad 2,3x1,1" otherwise; empty without padding (docs/padding.md). */
    private static String padding(Layer l) {
        Padding x = l.padding("IX");
        Padding y = l.padding("IY");
        if (x.total() == 0 && y.total() == 0) {
            return "";
        }
        if (x.equals(y) && x.before() == x.after()) {
            return " pad " + x.before();
        }
        return " pad " + x.before() + "," + x.after() + "x" + y.before() + "," + y.after();
    }

    private static TextTable memoryTable(Core core) {
        TextTable t = TextTable.of("memory", ">size", ">r/w bits/cycle", ">r/w pJ/word", ">ports r/w/rw", "operands (level)",
                "served dims", ">instances");
        for (MemoryLevel level : core.hierarchy().levels()) {
            MemoryInstance m = level.memory();
            String ops = level.levelOf().entrySet().stream().map(e -> e.getKey() + "(" + e.getValue() + ")")
                    .collect(Collectors.joining(" "));
            t = t.withRow(m.name(), bits(m.sizeBits()), m.readBandwidth() + "/" + m.writeBandwidth(),
                    m.readEnergy() + "/" + m.writeEnergy(), m.readPorts() + "/" + m.writePorts() + "/" + m.readWritePorts(),
                    ops, served(level.servedDimensions(), core.array().dimensions()), level.unrollCount());
        }
        return t;
    }

    private static String served(List<String> dims, Map<String, Integer> all) {
        if (dims.isEmpty()) {
            return "none";
        }
        return dims.size() == all.size() ? "all" : String.join(",", dims);
    }

    /** A bit count in the largest binary unit that divides it, e.g. 8388608 → "1 MiB". */
    static String bits(long bits) {
        if (bits % 8 != 0) {
            return bits + " b";
        }
        long bytes = bits / 8;
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        while (u < units.length - 1 && bytes >= 1024 && bytes % 1024 == 0) {
            bytes /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%,d %s", bytes, units[u]);
    }
}
