package org.tessel.costmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessel.costmodel.temporal.MappingSearchResult;
import org.tessel.costmodel.temporal.TemporalMappingSearch;

/**
 * Replays the reference: for every extracted layer-tile, builds the tile and the truncated
 * hierarchy, runs the temporal-mapping search with the reference's LPF limit (6) and checks
 * energy and latency_total0/1/2 against the reference (1e-9 relative, integers exact) and that
 * the same temporal mapping was chosen.
 *
 * <p>The same run is the golden test guarding the speed-ups: energies must be bit-identical,
 * latencies, the chosen ordering index and the numbers of visited and allocated orderings equal
 * to {@code golden/search.tsv}, written by the first, straightforward implementation (energy
 * evaluated by the full cost model for every ordering). Regenerate only after a deliberate model
 * change, with {@code -Dgolden.write=true}.
 */
class ReferenceSearchTest {

    @Test
    void searchReproducesEveryReferenceLayerTile() throws IOException {
        List<String> failures = new ArrayList<>();
        List<String> golden = new ArrayList<>();
        List<ReferenceLayerTile> tiles = ReferenceLayerTile.all();
        int mobilenet = 0;
        for (ReferenceLayerTile t : tiles) {
            MappingSearchResult r = TemporalMappingSearch.best(t.problem(), (int) t.integer("lpf"));
            LayerCost c = r.cost();
            String diff = Tolerance.describe("energy_total", t.number("energy_total"), c.energyTotal())
                    + Tolerance.describeExact("latency_total0", t.integer("latency_total0"), c.latencyTotal0())
                    + Tolerance.describeExact("latency_total1", t.integer("latency_total1"), c.latencyTotal1())
                    + Tolerance.describeExact("latency_total2", t.integer("latency_total2"), c.latencyTotal2())
                    + (r.mapping().equals(t.mapping()) ? "" : " mapping " + r.mapping() + " vs " + t.mapping());
            if (!diff.isEmpty()) {
                failures.add(t.name() + ":" + diff);
            }
            if (t.json().get("workload").asText().equals("mobilenetv1")) {
                mobilenet++;
            }
            golden.add(String.join("\t", t.name(), Double.toString(c.energyTotal()), Double.toString(c.memoryEnergy()),
                    Long.toString(c.latencyTotal0()), Long.toString(c.latencyTotal1()), Long.toString(c.latencyTotal2()),
                    Long.toString(r.orderingIndex()), Long.toString(r.orderings()), Long.toString(r.allocated())));
        }
        assertEquals(344, tiles.size(), "extracted layer-tiles");
        assertTrue(mobilenet > 50, "MobileNetV1 layer-tiles replayed: " + mobilenet);
        assertEquals(List.of(), failures, failures.size() + " of " + tiles.size() + " layer-tiles differ");

        String actual = String.join("\n", golden) + "\n";
        if (Boolean.getBoolean("golden.write")) {
            Path out = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/golden/search.tsv");
            Files.createDirectories(out.getParent());
            Files.writeString(out, actual);
        }
        try (InputStream in = ReferenceSearchTest.class.getResourceAsStream("/golden/search.tsv")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, "golden search results");
        }
    }
}
