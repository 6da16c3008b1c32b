package org.tessel.costmodel.depthfirst;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessel.costmodel.SingleLayerEvaluator;
import org.tessel.costmodel.depthfirst.aggregate.DepthFirstResult;
import org.tessel.costmodel.depthfirst.partition.StackCuts;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.TileSize;

/**
 * Concatenation along channels (docs/concat.md): each producer's slice is that producer's own
 * output, so the order in which a concatenation lists its producers, and the name the consumer
 * gives their channels, change nothing.
 */
class ConcatTest {

    private static final Path DIR = Path.of("src", "test", "resources", "concat");

    private static Scenario scenario(String workload) {
        return Scenario.load(DIR.resolve(workload + ".yaml"), Path.of("..", "configs", "accelerators", "Tesla_NPU_like_DF.yaml"),
                DIR.resolve("concat-Tesla_NPU_like.yaml"));
    }

    /** Layer by layer every producer is a stack input of the concatenating layer: sized as its own whole output. */
    @ParameterizedTest(name = "cuts {0}")
    @ValueSource(strings = {"all", "none"})
    void theOrderOfAConcatenationChangesNothing(String cuts) {
        DepthFirstEngine engine = new DepthFirstEngine(SingleLayerEvaluator.memoized());
        StackCuts c = cuts.equals("all") ? new StackCuts(List.of(-1, 0, 1)) : new StackCuts(List.of());
        DepthFirstSettings settings = new DepthFirstSettings(TileSize.of(4, 4), OverlapMode.FULLY_CACHED, c, 6, false);
        DepthFirstResult a = engine.run(scenario("concat"), settings);
        DepthFirstResult b = engine.run(scenario("concat-reversed"), settings);
        assertEquals(a.totals().energyTotal(), b.totals().energyTotal(), 1e-9 * a.totals().energyTotal());
        assertEquals(a.totals().latencyTotal1(), b.totals().latencyTotal1());
        assertEquals(a.key("2").energyTotal(), b.key("2").energyTotal(), 1e-9 * a.key("2").energyTotal());
    }
}
