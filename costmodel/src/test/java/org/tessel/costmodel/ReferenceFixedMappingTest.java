package org.tessel.costmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessel.costmodel.layer.LayerCostModel;

/**
 * The cost model alone against every reference layer-tile, with the reference's chosen temporal
 * mapping: isolates cost-model errors from search errors.
 */
class ReferenceFixedMappingTest {

    @Test
    void everyReferenceLayerTileMatchesWithItsChosenMapping() {
        List<String> failures = new ArrayList<>();
        List<ReferenceLayerTile> tiles = ReferenceLayerTile.all();
        for (ReferenceLayerTile t : tiles) {
            try {
                LayerCost c = LayerCostModel.evaluate(t.problem(), t.mapping());
                String diff = Tolerance.describe("energy_total", t.number("energy_total"), c.energyTotal())
                        + Tolerance.describe("mem_energy", t.number("mem_energy"), c.memoryEnergy())
                        + Tolerance.describeExact("latency_total0", t.integer("latency_total0"), c.latencyTotal0())
                        + Tolerance.describeExact("latency_total1", t.integer("latency_total1"), c.latencyTotal1())
                        + Tolerance.describeExact("latency_total2", t.integer("latency_total2"), c.latencyTotal2())
                        + Tolerance.describeExact("SS_comb", t.integer("SS_comb"), c.stallCycles())
                        + Tolerance.describeExact("loading", t.integer("data_loading_cycle"), c.loadingCycles())
                        + Tolerance.describeExact("offloading", t.integer("data_offloading_cycle"), c.offloadingCycles())
                        + accessDiff(t, c);
                if (!diff.isEmpty()) {
                    failures.add(t.name() + ":" + diff);
                }
            } catch (RuntimeException e) {
                failures.add(t.name() + ": " + e);
            }
        }
        assertEquals(344, tiles.size(), "extracted layer-tiles");
        assertEquals(List.of(), failures, failures.size() + " of " + tiles.size() + " layer-tiles differ");
    }

    private static String accessDiff(ReferenceLayerTile t, LayerCost c) {
        StringBuilder sb = new StringBuilder();
        t.json().get("access").properties().forEach(e -> {
            LayerCost.OperandCost oc = c.operand(e.getKey());
            for (int m = 0; m < e.getValue().size(); m++) {
                var lv = e.getValue().get(m);
                DirectionValues a = oc.levels().get(m).accesses();
                double[] mine = {a.rdOutToLow(), a.wrInByLow(), a.rdOutToHigh(), a.wrInByHigh()};
                for (int d = 0; d < 4; d++) {
                    sb.append(Tolerance.describe(e.getKey() + m + "." + d, lv.get(d).asDouble(), mine[d]));
                }
            }
        });
        return sb.toString();
    }
}
