package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessel.costmodel.SingleLayerEvaluator;
import org.tessel.costmodel.depthfirst.DepthFirstScheduleEvaluator;
import org.tessel.costmodel.depthfirst.layertile.MemoizingLayerTileEvaluator;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.Budget;
import org.tessel.model.search.Objective;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.SearchResult;
import org.tessel.model.search.TileGrid;
import org.tessel.search.exhaustive.ExhaustiveMethod;
import org.tessel.search.exhaustive.ExhaustiveSearch;

/**
 * Branch and bound on the real depth-first model against the plain dynamic programme, on a sample
 * of the small reference networks × every {@code _DF} accelerator (a 3-tile grid plus the whole
 * output, so that the plain programme finishes in CI time): the same best value bit for bit, the
 * same schedule, a proven gap of 0, and strictly fewer stacks costed.
 */
class BranchAndBoundRealModelTest {

    private static final List<TileSize> TILES = List.of(TileSize.of(4, 4), TileSize.of(16, 16), TileSize.of(60, 72));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("fsrcnn", "Meta_prototype", Objective.ENERGY),
                Arguments.of("mccnn", "Tesla_NPU_like", Objective.ENERGY),
                Arguments.of("resnet18", "Edge_TPU_like", Objective.ENERGY),
                Arguments.of("mccnn", "TPU_like", Objective.ENERGY),
                Arguments.of("resnet18", "Tesla_NPU_like", Objective.LATENCY));
    }

    @ParameterizedTest(name = "{0} on {1}_DF, {2}")
    @MethodSource("cases")
    void sameOptimumAsThePlainProgrammeWithFewerStacks(String workload, String family, Objective objective) {
        Path configs = Path.of("..", "configs");
        Scenario s = Scenario.load(configs.resolve("workloads/" + workload + ".yaml"),
                configs.resolve("accelerators/" + family + "_DF.yaml"), configs.resolve("mappings/" + family + "/" + workload + ".yaml"));
        MemoizingLayerTileEvaluator layerTiles = SingleLayerEvaluator.memoized();
        DepthFirstScheduleEvaluator evaluator = new DepthFirstScheduleEvaluator(s, layerTiles, 6, false);
        ScheduleSpace space = ScheduleSpace.of(s.workload(), TileGrid.fixed(TILES), List.of(OverlapMode.values()));
        SearchResult plain = new ExhaustiveSearch(2, ExhaustiveMethod.DYNAMIC_PROGRAMMING).search(space, evaluator, objective,
                Budget.unlimited(), 0);
        SearchResult bnb = new ExhaustiveSearch(2, ExhaustiveMethod.AUTO).search(space, evaluator, objective,
                Budget.unlimited(), 0);
        assertTrue(plain.complete() && bnb.complete());
        assertEquals(plain.bestValue(), bnb.bestValue(), 0.0);
        assertEquals(plain.best().orElseThrow().schedule(), bnb.best().orElseThrow().schedule());
        assertEquals(0, bnb.gap(), 0.0);
        assertTrue(bnb.evaluations() < plain.evaluations(), bnb.evaluations() + " of " + plain.evaluations());
        System.out.printf("%s on %s_DF (%s): branch and bound costed %d of %d stacks%n", workload, family, objective,
                bnb.evaluations(), plain.evaluations());
    }
}
