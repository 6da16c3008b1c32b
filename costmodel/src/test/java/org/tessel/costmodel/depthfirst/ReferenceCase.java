package org.tessel.costmodel.depthfirst;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.tessel.costmodel.depthfirst.aggregate.DepthFirstResult;
import org.tessel.costmodel.depthfirst.aggregate.KeyAggregate;
import org.tessel.costmodel.depthfirst.partition.StackCuts;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.TileSize;

/**
 * One DeFiNES reference run, extracted into {@code src/test/resources/depthfirst/} by
 * {@code extract_reference.py}, with the bundled configs it corresponds to.
 *
 * @param name the case name (file name without {@code .json})
 * @param json the extracted reference
 * @param scenario the workload, accelerator and spatial mappings from {@code configs/}
 */
public record ReferenceCase(String name, JsonNode json, Scenario scenario) {

    private static final Path CONFIGS = Path.of("..", "configs");

    /** The names of all extracted cases. */
    static List<String> names() {
        try (Stream<Path> files = Files.list(Path.of(ReferenceCase.class.getResource("/depthfirst").toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bundled configs of {@code workload} on {@code accelerator} with the mapping family {@code family}. */
    public static Scenario scenario(String workload, String accelerator, String family) {
        return Scenario.load(CONFIGS.resolve("workloads/" + workload + ".yaml"),
                CONFIGS.resolve("accelerators/" + accelerator + ".yaml"),
                CONFIGS.resolve("mappings/" + family + "/" + workload + ".yaml"));
    }

    /** Loads case {@code name}. */
    static ReferenceCase load(String name) {
        try (InputStream in = ReferenceCase.class.getResourceAsStream("/depthfirst/" + name + ".json")) {
            JsonNode j = new ObjectMapper().readTree(in);
            String wl = j.get("workload").asText();
            Scenario s = Scenario.load(CONFIGS.resolve("workloads/" + wl + ".yaml"),
                    CONFIGS.resolve("accelerators/" + j.get("accelerator").asText() + ".yaml"),
                    CONFIGS.resolve("mappings/" + j.get("mappingFamily").asText() + "/" + wl + ".yaml"));
            return new ReferenceCase(name, j, s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings of this run. */
    DepthFirstSettings settings(boolean definesCompat) {
        StackCuts cuts = null;
        if (!json.get("fixedCuts").isNull()) {
            List<Integer> c = new ArrayList<>();
            json.get("fixedCuts").forEach(n -> c.add(n.asInt()));
            cuts = new StackCuts(c);
        }
        OverlapMode mode = OverlapMode.values()[json.get("mode").asInt() - 1];
        return new DepthFirstSettings(TileSize.of(json.get("tileX").asLong(), json.get("tileY").asLong()), mode, cuts,
                json.get("lpf").asInt(), definesCompat);
    }

    /** True if the cut list contains node id 0 (DeFiNES builds overlapping stacks then). */
    boolean cutsContainZero() {
        for (JsonNode c : json.get("stackCuts")) {
            if (c.asInt() == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the aggregation of {@code r} (a DeFiNES-compatible run of this case) differs from the
     * reference: every key's {@code energy_total} and {@code latency_total1/2}, and the network's
     * energy, MAC energy, data-copy energy and {@code latency_total0/1/2}, each within 1e-9 relative.
     */
    List<String> aggregateMismatches(DepthFirstResult r) {
        List<String> bad = new java.util.ArrayList<>();
        for (JsonNode layer : json.get("layers")) {
            String key = layer.get("name").asText();
            KeyAggregate agg = r.key(key);
            JsonNode acc = layer.get("accumulated");
            close(bad, key + " energy_total", acc.get("energy_total").asDouble(), agg.energyTotal());
            close(bad, key + " latency_total1", acc.get("latency_total1").asDouble(), agg.latencyTotal1());
            close(bad, key + " latency_total2", acc.get("latency_total2").asDouble(), agg.latencyTotal2());
        }
        JsonNode t = json.get("totals");
        close(bad, "network energy", t.get("energy_total").asDouble(), r.totals().energyTotal());
        close(bad, "network MAC energy", t.get("MAC_energy").asDouble(), r.totals().macEnergy());
        close(bad, "network data-copy energy", t.get("datacopy_energy").asDouble(), r.totals().dataCopyEnergy());
        close(bad, "network latency_total0", t.get("latency_total0_incl_datacopy").asDouble(), r.totals().latencyTotal0());
        close(bad, "network latency_total1", t.get("latency_total1").asDouble(), r.totals().latencyTotal1());
        close(bad, "network latency_total2 (as accumulated)", t.get("latency_total2_as_accumulated").asDouble(),
                r.totals().latencyTotal2());
        return bad;
    }

    /** Adds a line to {@code bad} unless {@code actual} is within 1e-9 relative of {@code expected}. */
    static void close(List<String> bad, String what, double expected, double actual) {
        if (Math.abs(expected - actual) > 1e-9 * Math.max(Math.abs(expected), 1e-300) && expected != actual) {
            bad.add(what + ": expected " + expected + " but was " + actual + " (rel " + (actual - expected) / expected + ")");
        }
    }
}
