package org.tessel.costmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessel.costmodel.temporal.MappingSearchResult;
import org.tessel.costmodel.temporal.TemporalMappingSearch;

/**
 * Replays the reference: for every extracted layer-tile, builds the tile and the truncated
 * hierarchy, runs the temporal-mapping search with the reference's LPF limit and checks energy
 * and latencies (and that the same mapping was chosen).
 */
class ReferenceSearchTest {

    @Test
    void searchReproducesEveryReferenceLayerTile() {
        List<String> failures = new ArrayList<>();
        List<ReferenceLayerTile> tiles = ReferenceLayerTile.all();
        int mobilenet = 0;
        for (ReferenceLayerTile t : tiles) {
            try {
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
            } catch (RuntimeException e) {
                failures.add(t.name() + ": " + e);
            }
        }
        assertTrue(mobilenet > 50, "MobileNetV1 layer-tiles replayed: " + mobilenet);
        assertEquals(List.of(), failures, failures.size() + " of " + tiles.size() + " layer-tiles differ");
    }
}
