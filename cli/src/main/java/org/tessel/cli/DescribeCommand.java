package org.tessel.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.tessel.model.accelerator.Core;
import org.tessel.model.accelerator.MemoryInstance;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.config.Scenario;
import org.tessel.model.mapping.SpatialUnroll;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.Padding;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tessel describe}: the layers and the memory hierarchy of a workload on an accelerator. */
@Command(
        name = "describe",
        mixinStandardHelpOptions = true,
        description = "Prints the workload's layers (loop sizes, MAC counts, spatial mapping) and the "
                + "accelerator's memory hierarchy per operand.")
final class DescribeCommand implements Callable<Integer> {

    @Mixin
    ScenarioOptions files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Scenario s = files.load();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Workload %s: %d layers (%d computed), %,d MACs%n", s.workload().name(),
                s.workload().layers().size(), s.workload().computeLayers().size(), s.workload().macCount());
        out.println(layerTable(s).render(2));
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

    private static TextTable layerTable(Scenario s) {
        TextTable t = TextTable.of(">id", "type", "loops", ">MACs", "inputs from", "spatial mapping");
        for (Layer l : s.workload().layers()) {
            String loops = l.loops().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" "));
            String sources = l.sources().entrySet().stream().filter(e -> !e.getValue().isEmpty())
                    .map(e -> e.getKey() + ":" + e.getValue().stream().map(String::valueOf).collect(Collectors.joining(",")))
                    .collect(Collectors.joining(" "));
            String mapping = l.isInput() ? "" : s.mappings().of(l.id()).unrolls().entrySet().stream()
                    .map(e -> e.getKey() + ":" + unroll(e.getValue())).collect(Collectors.joining(" "));
            t = t.withRow(l.id(), type(l), loops, l.isInput() ? "-" : String.format(Locale.ROOT, "%,d", l.macCount()),
                    sources.isEmpty() ? "-" : sources, mapping.isEmpty() ? "-" : mapping);
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
        String window = l.loopSize("FY") + "x" + l.loopSize("FX");
        String stride = l.relationFor("IX").map(r -> r.firstScale() > 1 ? " /" + r.firstScale() : "").orElse("");
        boolean grouped = l.equation().dimensionsOf(l.equation().outputOperand()).contains("G");
        boolean pooling = grouped && l.constantOperands().stream().anyMatch(op -> l.precision().getOrDefault(op, 1) == 0);
        return (pooling ? "pool " : grouped ? "dw conv " : "conv ") + window + stride + padding(l);
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
