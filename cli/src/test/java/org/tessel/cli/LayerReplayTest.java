package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reference layer-tiles of the depth-first runs replayed one at a time through {@code tessel layer
 * --ox --oy --top}: energy and the three latencies within 1e-9 relative. Every 5th of the 344
 * distinct layer-tiles (the costmodel module replays all of them through the API), so that each
 * reference run, MobileNetV1 on Edge_TPU_like_DF included, is represented.
 */
class LayerReplayTest {

    /** The reference extract kept by the costmodel module's tests. */
    static final Path TILES = Path.of("..", "costmodel", "src", "test", "resources", "reference", "layer-tiles.json");
    static final String CONFIGS = Path.of("..", "configs").toString();
    static final ObjectMapper JSON = new ObjectMapper();

    static List<JsonNode> all() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(TILES.toFile()).forEach(out::add);
        return out;
    }

    static Stream<JsonNode> sample() throws IOException {
        List<JsonNode> all = all();
        return IntStream.range(0, all.size()).filter(i -> i % 5 == 0).mapToObj(all::get);
    }

    @Test
    void theSampleIsLargeAndCoversMobileNet() throws IOException {
        List<JsonNode> s = sample().toList();
        assertTrue(s.size() >= 50, "only " + s.size());
        assertTrue(s.stream().filter(t -> t.get("workload").asText().equals("mobilenetv1")).count() >= 10);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("sample")
    void layerCommandReproducesTheReference(JsonNode tile, @TempDir Path dir) throws IOException {
        String wl = tile.get("workload").asText();
        String acc = tile.get("accelerator").asText();
        String family = acc.replaceAll("_DF$", "");
        Map<String, String> links = Map.of("O", "O", "W", "I2", "I", "I1");
        List<String> tops = new ArrayList<>();
        tile.get("memories").properties().forEach(e -> {
            JsonNode chain = e.getValue();
            tops.add(links.get(e.getKey()) + "=" + chain.get(chain.size() - 1).asText());
        });
        Path json = dir.resolve("out.json");
        CommandLineTest.Run r = CommandLineTest.run("layer", "--workload", CONFIGS + "/workloads/" + wl + ".yaml",
                "--accelerator", CONFIGS + "/accelerators/" + acc + ".yaml",
                "--mapping", CONFIGS + "/mappings/" + family + "/" + wl + ".yaml",
                "--layer", tile.get("layer").asText(),
                "--ox", tile.at("/loops/OX").asText(), "--oy", tile.at("/loops/OY").asText(),
                "--top", String.join(",", tops), "--lpf-limit", tile.get("lpf").asText(), "--json", json.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode out = JSON.readTree(json.toFile());
        double e = tile.get("energy_total").asDouble();
        assertEquals(e, out.get("energy_total_pJ").asDouble(), 1e-9 * e, "energy");
        for (String l : List.of("latency_total0", "latency_total1", "latency_total2")) {
            assertEquals(tile.get(l).asLong(), out.get(l).asLong(), l);
        }
    }
}
