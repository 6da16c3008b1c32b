package org.tessel.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.tessel.costmodel.depthfirst.aggregate.DepthFirstResult;
import org.tessel.costmodel.depthfirst.aggregate.KeyAggregate;
import org.tessel.costmodel.depthfirst.aggregate.NetworkTotals;
import org.tessel.costmodel.depthfirst.tiletype.NodeTileRecord;
import org.tessel.costmodel.depthfirst.tiletype.TileTypeEvaluation;
import org.tessel.costmodel.depthfirst.tiling.StackTiling;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.workload.Workload;

/**
 * A depth-first result as people and programs read it: a summary (totals, stacks, per-layer
 * energy and latency, the share of each memory) and the JSON of {@code tessel evaluate}.
 *
 * @param result the engine's result
 * @param stacks the tile size and mode each stack ran with, layer ids as the engine built them (with
 *     {@code --defines-compat} a layer can be in two stacks, so this is not a {@code Schedule})
 * @param runtimeMillis wall time of the evaluation
 * @param layerNames key of a compute layer (its id) → its name, for the layers that have one (ONNX node names)
 */
record DepthFirstReport(DepthFirstResult result, List<StackSchedule> stacks, long runtimeMillis, Map<String, String> layerNames) {

    DepthFirstReport {
        stacks = List.copyOf(stacks);
        layerNames = Map.copyOf(layerNames);
    }

    DepthFirstReport(DepthFirstResult result, List<StackSchedule> stacks, long runtimeMillis) {
        this(result, stacks, runtimeMillis, Map.of());
    }

    /** The names of the named layers of {@code workload}, keyed as the engine keys layers (their ids). */
    static Map<String, String> namesOf(Workload workload) {
        Map<String, String> names = new LinkedHashMap<>();
        workload.layers().stream().filter(l -> l.name() != null).forEach(l -> names.put(String.valueOf(l.id()), l.name()));
        return names;
    }

    /** Prints the readable summary. */
    void print(PrintWriter out) {
        NetworkTotals t = result.totals();
        out.printf(Locale.ROOT, "Energy   %,.1f pJ  (MAC %,.1f, memory %,.1f of which data copies %,.1f)%n", t.energyTotal(),
                t.macEnergy(), t.energyTotal() - t.macEnergy(), t.dataCopyEnergy());
        out.printf(Locale.ROOT, "Latency  total0 %,d  total1 %,d  total2 %,d cycles%n", t.latencyTotal0(), t.latencyTotal1(),
                t.latencyTotal2());
        out.printf(Locale.ROOT, "Runtime  %,d ms%n%n", runtimeMillis);

        TextTable stacks = TextTable.of(">stack", "layers", "tile", "mode", ">tile types", ">tiles", ">energy pJ", ">latency1");
        for (int s = 0; s < result.stacks().size(); s++) {
            StackSchedule ss = this.stacks.get(s);
            StackTiling tiling = result.tilings().get(s);
            NetworkTotals st = result.stackTotals().get(s);
            stacks = stacks.withRow(s, ss.layerIds().toString(), ss.tile(), ss.mode().cliName(), tiling.types().size(),
                    String.format(Locale.ROOT, "%,d", tiling.types().stream().mapToLong(StackTiling.TileType::multiplicity).sum()),
                    String.format(Locale.ROOT, "%,.1f", st.energyTotal()), String.format(Locale.ROOT, "%,d", st.latencyTotal1()));
        }
        out.println("Stacks:");
        out.println(stacks.render(2));

        TextTable layers = TextTable.of("layer", ">energy pJ", ">share", ">latency1", ">latency2");
        for (KeyAggregate k : result.keys()) {
            String name = k.dataCopy() ? null : layerNames.get(k.key());
            layers = layers.withRow(name == null ? k.key() : k.key() + " " + name, String.format(Locale.ROOT, "%,.1f", k.energyTotal()),
                    String.format(Locale.ROOT, "%.1f%%", 100 * k.energyTotal() / t.energyTotal()),
                    String.format(Locale.ROOT, "%,d", k.latencyTotal1()), String.format(Locale.ROOT, "%,d", k.latencyTotal2()));
        }
        out.println("Layers and data copies:");
        out.println(layers.render(2));

        TextTable memories = TextTable.of("memory", ">energy pJ", ">share");
        for (Map.Entry<String, Double> e : memoryEnergy().entrySet()) {
            memories = memories.withRow(e.getKey(), String.format(Locale.ROOT, "%,.1f", e.getValue()),
                    String.format(Locale.ROOT, "%.1f%%", 100 * e.getValue() / t.energyTotal()));
        }
        out.println("Energy per memory (compute layers; data copies and MACs apart):");
        out.println(memories
                .withRow("(data copies)", String.format(Locale.ROOT, "%,.1f", t.dataCopyEnergy()),
                        String.format(Locale.ROOT, "%.1f%%", 100 * t.dataCopyEnergy() / t.energyTotal()))
                .withRow("(MACs)", String.format(Locale.ROOT, "%,.1f", t.macEnergy()),
                        String.format(Locale.ROOT, "%.1f%%", 100 * t.macEnergy() / t.energyTotal()))
                .render(2));
        out.flush();
    }

    /** Memory name → energy of the compute layers there, summed over operands, largest first. */
    Map<String, Double> memoryEnergy() {
        Map<String, Double> sum = new TreeMap<>();
        for (KeyAggregate k : result.keys()) {
            if (!k.dataCopy()) {
                k.layerTotal().memoryEnergy().values().forEach(perMemory -> perMemory.forEach((m, e) -> sum.merge(m, e, Double::sum)));
            }
        }
        Map<String, Double> sorted = new LinkedHashMap<>();
        sum.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The JSON of {@code tessel evaluate --json}. */
    Map<String, Object> toJson() {
        NetworkTotals t = result.totals();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("energy_total_pJ", t.energyTotal());
        j.put("mac_energy_pJ", t.macEnergy());
        j.put("memory_energy_pJ", t.energyTotal() - t.macEnergy());
        j.put("data_copy_energy_pJ", t.dataCopyEnergy());
        j.put("latency_total0", t.latencyTotal0());
        j.put("latency_total1", t.latencyTotal1());
        j.put("latency_total2", t.latencyTotal2());
        j.put("cuts", result.cuts().cuts());
        List<Map<String, Object>> stacks = new ArrayList<>();
        for (int s = 0; s < result.stacks().size(); s++) {
            StackSchedule ss = this.stacks.get(s);
            Map<String, Object> stack = new LinkedHashMap<>();
            stack.put("layers", ss.layerIds());
            stack.put("tile", ss.tile().toString());
            stack.put("mode", ss.mode().cliName());
            List<Map<String, Object>> types = new ArrayList<>();
            for (TileTypeEvaluation e : result.evaluations()) {
                if (e.stackIndex() != s) {
                    continue;
                }
                Map<String, Object> type = new LinkedHashMap<>();
                type.put("multiplicity", e.type().multiplicity());
                type.put("x0", e.type().x0());
                type.put("y0", e.type().y0());
                Map<String, Object> regions = new LinkedHashMap<>();
                for (NodeTileRecord n : e.nodes()) {
                    regions.put(n.node(), n.region());
                }
                type.put("regions", regions);
                types.add(type);
            }
            stack.put("tile_types", types);
            stacks.add(stack);
        }
        j.put("stacks", stacks);
        List<Map<String, Object>> layers = new ArrayList<>();
        for (KeyAggregate k : result.keys()) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("name", k.key());
            if (!k.dataCopy() && layerNames.containsKey(k.key())) {
                layer.put("layer_name", layerNames.get(k.key()));
            }
            layer.put("data_copy", k.dataCopy());
            layer.put("energy_total_pJ", k.energyTotal());
            layer.put("latency_total1", k.latencyTotal1());
            layer.put("latency_total2", k.latencyTotal2());
            layers.add(layer);
        }
        j.put("layers", layers);
        j.put("runtime_ms", runtimeMillis);
        return j;
    }
}
