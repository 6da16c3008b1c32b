package org.tessel.costmodel.depthfirst.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tessel.costmodel.depthfirst.ReferenceCase;
import org.tessel.costmodel.depthfirst.graph.StackGraph;
import org.tessel.costmodel.depthfirst.partition.FusedStack;
import org.tessel.costmodel.depthfirst.partition.StackPartition;
import org.tessel.model.accelerator.Core;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.TileGrid;
import org.tessel.model.search.UnitSpan;

/**
 * {@link StackTiling#of} (per run of like rows and columns) against {@link StackTiling#ofByCell} (the
 * spec's cell-by-cell passes): identical tile types in identical order with identical
 * multiplicities, first positions and level objects, the same plans in the same order, the same
 * {@code Wstack} and {@code VmlLast}, on random stacks of the search space of every workload.
 */
class StackTilingTest {

    @ParameterizedTest
    @CsvSource({
        "fsrcnn, Meta_prototype_DF, Meta_prototype",
        "dmcnnvd, Meta_prototype_DF, Meta_prototype",
        "dmcnnvd, Tesla_NPU_like_DF, Tesla_NPU_like",
        "resnet18, Tesla_NPU_like_DF, Tesla_NPU_like",
        "mobilenetv1, Edge_TPU_like_DF, Edge_TPU_like",
        "mccnn, TPU_like_DF, TPU_like",
        "fsrcnn, Ascend_like_DF, Ascend_like",
    })
    void groupedTilingEqualsCellByCellTiling(String workload, String accelerator, String family) {
        Scenario scenario = ReferenceCase.scenario(workload, accelerator, family);
        ScheduleSpace space = ScheduleSpace.of(scenario.workload(), TileGrid.divisorsAndPowers(),
                List.of(OverlapMode.values()));
        StackGraph full = StackPartition.fullSize(StackGraph.of(scenario.workload()));
        Core core = scenario.accelerator().core(full.node(full.topologicalOrder().getFirst()).layer().core());
        Random random = new Random(42);
        int n = space.units().count();
        int compared = 0;
        for (int i = 0; i < 150; i++) {
            int first = random.nextInt(n);
            int last = first + random.nextInt(Math.min(n - first, 4));
            List<TileSize> tiles = space.tileCandidates(last);
            OverlapMode mode = OverlapMode.values()[random.nextInt(OverlapMode.values().length)];
            StackSchedule s = space.stack(new UnitSpan(first, last), random.nextInt(tiles.size()), mode);
            FusedStack stack = StackPartition.stackOf(full, 0, s.layerIds(), false);
            Map<String, Long> out = stack.output().layer().loops();
            long tx = s.tile() instanceof TileSize.Fixed f ? f.width() : out.get("OX");
            long ty = s.tile() instanceof TileSize.Fixed f ? f.height() : out.get("OY");
            if ((out.get("OX") / tx) * (out.get("OY") / ty) > 50_000) {
                continue; // keeps the cell-by-cell reference quick
            }
            StackTiling expected;
            try {
                expected = StackTiling.ofByCell(stack, core.hierarchy(), mode, s.tile());
            } catch (RuntimeException e) {
                continue; // e.g. no level holds an overlap cache: of must fail alike
            }
            StackTiling actual = StackTiling.of(stack, core.hierarchy(), mode, s.tile());
            assertEquals(expected, actual, s.toString());
            assertEquals(new ArrayList<>(expected.plans().keySet()), new ArrayList<>(actual.plans().keySet()));
            assertSame(expected.weightLevel(), actual.weightLevel());
            assertSame(expected.lastVml(), actual.lastVml());
            assertEquals(expected.types().size(), actual.types().size());
            for (int t = 0; t < expected.types().size(); t++) {
                TileTypeKey a = expected.types().get(t).key();
                TileTypeKey b = actual.types().get(t).key();
                assertEquals(expected.types().get(t), actual.types().get(t));
                assertSame(a.makeH(), b.makeH(), s + " type " + t);
                assertSame(a.useH(), b.useH(), s + " type " + t);
                assertSame(a.makeV(), b.makeV(), s + " type " + t);
                assertSame(a.useV(), b.useV(), s + " type " + t);
                assertEquals(a.colsWrite(), b.colsWrite());
                assertEquals(a.colsRead(), b.colsRead());
                assertEquals(a.rowsWrite(), b.rowsWrite());
                assertEquals(a.rowsRead(), b.rowsRead());
            }
            compared++;
        }
        assertTrue(compared > 50, "only " + compared + " stacks compared");
    }
}
