package org.tessel.costmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tessel.model.accelerator.Core;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.config.Scenario;
import org.tessel.model.mapping.TemporalLoop;
import org.tessel.model.mapping.TemporalMapping;
import org.tessel.model.workload.Layer;

/**
 * One compute-layer evaluation of the DeFiNES reference (test resource
 * {@code reference/layer-tiles.json}, produced by {@code reference/extract_reference.py}).
 *
 * @param json the extracted entry
 */
record ReferenceLayerTile(JsonNode json) {

    private static final Map<String, Scenario> SCENARIOS = new ConcurrentHashMap<>();

    /** All extracted layer-tiles. */
    static List<ReferenceLayerTile> all() {
        try (InputStream in = ReferenceLayerTile.class.getResourceAsStream("/reference/layer-tiles.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<ReferenceLayerTile> out = new ArrayList<>();
            root.forEach(n -> out.add(new ReferenceLayerTile(n)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path configs() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../configs").normalize();
    }

    static Scenario scenario(String workload, String accelerator) {
        return SCENARIOS.computeIfAbsent(workload + "/" + accelerator, k -> {
            Path c = configs();
            String family = accelerator.endsWith("_DF") ? accelerator.substring(0, accelerator.length() - 3) : accelerator;
            return Scenario.load(c.resolve("workloads/" + workload + ".yaml"),
                    c.resolve("accelerators/" + accelerator + ".yaml"),
                    c.resolve("mappings/" + family + "/" + workload + ".yaml"));
        });
    }

    String name() {
        return json.get("workload").asText() + "/" + json.get("accelerator").asText() + " L" + json.get("layer").asInt()
                + " " + json.get("loops") + " " + json.get("memories") + " (" + json.get("source").asText() + ")";
    }

    LayerProblem problem() {
        Scenario s = scenario(json.get("workload").asText(), json.get("accelerator").asText());
        Layer full = s.workload().layer(json.get("layer").asInt());
        Map<String, Long> loops = new LinkedHashMap<>();
        json.get("loops").properties().forEach(e -> loops.put(e.getKey(), e.getValue().asLong()));
        Layer tile = full.withLoops(loops);
        Map<MemoryOperand, String> tops = new LinkedHashMap<>();
        json.get("memories").properties().forEach(e -> {
            MemoryOperand mo = full.memoryOperands().get(e.getKey());
            tops.put(mo, e.getValue().get(e.getValue().size() - 1).asText());
        });
        Core core = HierarchyCut.applyAll(s.coreOf(full), tops);
        return new LayerProblem(tile, core, s.mappings().of(full.id()));
    }

    TemporalMapping mapping() {
        List<TemporalLoop> loops = new ArrayList<>();
        json.get("ordering").forEach(l -> loops.add(new TemporalLoop(l.get(0).asText(), l.get(1).asLong())));
        Map<String, List<Integer>> levels = new LinkedHashMap<>();
        json.get("levels").properties().forEach(e -> {
            List<Integer> lv = new ArrayList<>();
            e.getValue().forEach(v -> lv.add(v.asInt()));
            levels.put(e.getKey(), lv);
        });
        return new TemporalMapping(loops, levels);
    }

    double number(String field) {
        return json.get(field).asDouble();
    }

    long integer(String field) {
        return json.get(field).asLong();
    }
}
