package org.tessel.costmodel.depthfirst.bound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessel.costmodel.SingleLayerEvaluator;
import org.tessel.costmodel.depthfirst.DepthFirstScheduleEvaluator;
import org.tessel.costmodel.depthfirst.ReferenceCase;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.StackCost;
import org.tessel.model.search.StackLowerBound;
import org.tessel.model.search.TileGrid;
import org.tessel.model.search.UnitSpan;

/**
 * {@link DepthFirstStackBound} against the real model: for every stack of the space (a small fixed
 * tile grid on the small reference networks, a seeded sample of stacks and default-grid tiles on
 * the real-size networks), the bound's energy and latency are at most the stack's, and a stack the
 * bound calls infeasible is infeasible; the same for the quick bound (without tiling). Prints the tightness (bound / cost).
 */
class DepthFirstStackBoundTest {

    private static final int LPF = 6;
    /** Small tiles, odd tiles, a remainder-making tile and the whole output: every tiling path. */
    private static final List<TileSize> TILES = List.of(TileSize.of(1, 1), TileSize.of(4, 4), TileSize.of(7, 5),
            TileSize.of(16, 18), TileSize.of(60, 72), TileSize.wholeOutput());

    static Stream<Arguments> everyStack() {
        return Stream.of(
                Arguments.of("fsrcnn", "Meta_prototype_DF", "Meta_prototype", 0),
                Arguments.of("mccnn", "Tesla_NPU_like_DF", "Tesla_NPU_like", 0),
                Arguments.of("resnet18", "Meta_prototype_DF", "Meta_prototype", 60),
                Arguments.of("mobilenetv1", "Tesla_NPU_like_DF", "Tesla_NPU_like", 60),
                Arguments.of("resnet50", "Tesla_NPU_like_DF", "Tesla_NPU_like", 25),
                Arguments.of("vgg19", "Meta_prototype_DF", "Meta_prototype", 25),
                Arguments.of("mobilenetv2", "Tesla_NPU_like_DF", "Tesla_NPU_like", 25),
                // the other accelerator families: other innermost memories (level 0) per operand
                Arguments.of("fsrcnn", "Edge_TPU_like_DF", "Edge_TPU_like", 40),
                Arguments.of("mccnn", "Ascend_like_DF", "Ascend_like", 40),
                Arguments.of("resnet18", "TPU_like_DF", "TPU_like", 40),
                Arguments.of("dmcnnvd", "Meta_prototype_DF", "Meta_prototype", 40));
    }

    /**
     * @param sample 0: every stack of the fixed grid; else that many seeded stacks with default-grid tiles
     */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("everyStack")
    void theBoundIsAtMostTheCost(String workload, String accelerator, String family, int sample) {
        Scenario s = ReferenceCase.scenario(workload, accelerator, family);
        DepthFirstScheduleEvaluator evaluator = new DepthFirstScheduleEvaluator(s, SingleLayerEvaluator.memoized(), LPF, false);
        StackLowerBound bound = evaluator.stackLowerBound();
        List<StackSchedule> stacks = sample == 0 ? everyStack(ScheduleSpace.of(s.workload(), TileGrid.fixed(TILES),
                List.of(OverlapMode.values()))) : sample(ScheduleSpace.of(s.workload()), sample, 11);
        List<Double> ratios = new ArrayList<>();
        for (StackSchedule stack : stacks) {
            StackCost lb = bound.of(stack);
            StackCost cost = evaluator.evaluateStack(stack);
            StackCost quick = bound.quick().of(stack);
            if (cost.feasible()) {
                assertTrue(quick.feasible() && quick.energyPj() <= cost.energyPj() && quick.latencyCycles() <= cost.latencyCycles(),
                        () -> stack + ": quick bound " + quick + " above the cost " + cost);
            }
            if (!lb.feasible()) {
                assertFalse(cost.feasible(), () -> stack + " has an infeasible bound but is feasible");
                continue;
            }
            if (!cost.feasible()) {
                continue;
            }
            assertTrue(lb.energyPj() <= cost.energyPj(), () -> stack + ": energy bound " + lb.energyPj() + " > " + cost.energyPj());
            assertTrue(lb.latencyCycles() <= cost.latencyCycles(),
                    () -> stack + ": latency bound " + lb.latencyCycles() + " > " + cost.latencyCycles());
            ratios.add(lb.energyPj() / cost.energyPj());
        }
        assertFalse(ratios.isEmpty());
        double[] r = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("bound/cost %s on %s: %d stacks, min %.3f, median %.3f, max %.3f%n", workload, accelerator,
                r.length, r[0], r[r.length / 2], r[r.length - 1]);
        assertTrue(r[r.length - 1] <= 1);
        assertEquals(r.length, Arrays.stream(r).filter(x -> x > 0).count(), "every bound counts something");
    }

    private static List<StackSchedule> everyStack(ScheduleSpace space) {
        List<StackSchedule> out = new ArrayList<>();
        int n = space.units().count();
        for (int first = 0; first < n; first++) {
            for (int last = first; last < n; last++) {
                for (int t = 0; t < space.tileCandidates(last).size(); t++) {
                    for (OverlapMode m : space.modes()) {
                        out.add(space.stack(new UnitSpan(first, last), t, m));
                    }
                }
            }
        }
        return out;
    }

    /** Seeded stacks of at most 6 units (deeper ones take seconds each to cost). */
    private static List<StackSchedule> sample(ScheduleSpace space, int count, long seed) {
        Random rnd = new Random(seed);
        int n = space.units().count();
        List<StackSchedule> out = new ArrayList<>();
        while (out.size() < count) {
            int first = rnd.nextInt(n);
            int last = Math.min(n - 1, first + rnd.nextInt(6));
            int t = rnd.nextInt(space.tileCandidates(last).size());
            out.add(space.stack(new UnitSpan(first, last), t, space.modes().get(rnd.nextInt(space.modes().size()))));
        }
        return out;
    }
}
