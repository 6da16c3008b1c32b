package org.tessel.costmodel.depthfirst;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.tessel.costmodel.depthfirst.layertile.LayerTileEvaluator;
import org.tessel.costmodel.depthfirst.layertile.LayerTileProblem;
import org.tessel.costmodel.depthfirst.layertile.LayerTileResult;
import org.tessel.costmodel.temporal.MemoryHierarchyTooSmallException;
import org.tessel.model.accelerator.MemoryLevel;

/**
 * A single-layer "model" that answers with DeFiNES' own per-layer-tile results, looked up by
 * (layer id, tile loop sizes, memory chain of every layer operand in the truncated hierarchy).
 * A problem whose layer and loops are known but whose hierarchy differs is answered with
 * "hierarchy too small", which drives the engine's retry (spec depthfirst.md §3.7 (g)) until it
 * reaches the levels DeFiNES finally used.
 */
final class ReplayLayerTileEvaluator implements LayerTileEvaluator {

    private record Key(int layerId, Map<String, Long> loops, Map<String, List<String>> chains) {}

    private record Shape(int layerId, Map<String, Long> loops) {}

    private final Map<Key, LayerTileResult> results = new LinkedHashMap<>();
    private final Set<Shape> shapes = new HashSet<>();
    final AtomicInteger tooSmall = new AtomicInteger();

    ReplayLayerTileEvaluator(JsonNode reference) {
        for (JsonNode layer : reference.get("layers")) {
            if (!layer.get("kind").asText().equals("compute_layer")) {
                continue;
            }
            int id = Integer.parseInt(layer.get("name").asText());
            for (JsonNode t : layer.get("tileTypes")) {
                Map<String, Long> loops = new LinkedHashMap<>();
                t.get("loops").properties().forEach(e -> loops.put(e.getKey(), e.getValue().asLong()));
                Map<String, List<String>> chains = new LinkedHashMap<>();
                t.get("chains").properties().forEach(e -> {
                    List<String> names = new ArrayList<>();
                    e.getValue().forEach(n -> names.add(n.asText()));
                    chains.put(e.getKey(), names);
                });
                Map<String, Map<String, Double>> mem = new LinkedHashMap<>();
                t.get("memEnergy").properties().forEach(e -> {
                    Map<String, Double> lv = new LinkedHashMap<>();
                    e.getValue().properties().forEach(m -> lv.put(m.getKey(), m.getValue().asDouble()));
                    mem.put(e.getKey(), lv);
                });
                LayerTileResult r = new LayerTileResult(t.get("energy_total").asDouble(), t.get("MAC_energy").asDouble(),
                        t.get("mem_energy").asDouble(), t.get("latency_total0").asLong(), t.get("latency_total1").asLong(),
                        t.get("latency_total2").asLong(), t.get("ideal_cycle").asLong(), t.get("ideal_temporal_cycle").asLong(),
                        t.get("data_loading_cycle").asLong(), t.get("data_offloading_cycle").asLong(), mem);
                Key k = new Key(id, loops, chains);
                LayerTileResult old = results.putIfAbsent(k, r);
                if (old != null && old.energyTotal() != r.energyTotal()) {
                    throw new IllegalStateException("reference has two results for " + k);
                }
                shapes.add(new Shape(id, loops));
            }
        }
    }

    @Override
    public LayerTileResult evaluate(LayerTileProblem p) {
        Map<String, List<String>> chains = new LinkedHashMap<>();
        p.layer().memoryOperands().forEach((op, mo) -> chains.put(op,
                p.hierarchy().chain(mo).stream().map(MemoryLevel::name).toList()));
        Key k = new Key(p.layer().id(), p.layer().loops(), chains);
        LayerTileResult r = results.get(k);
        if (r != null) {
            return r;
        }
        if (shapes.contains(new Shape(p.layer().id(), p.layer().loops()))) {
            tooSmall.incrementAndGet();
            throw new MemoryHierarchyTooSmallException("not the hierarchy DeFiNES used for " + k);
        }
        throw new AssertionError("no reference evaluation for layer " + p.layer().id() + " loops " + p.layer().loops()
                + " chains " + chains);
    }
}
