package org.tessel.costmodel.depthfirst.bound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessel.costmodel.SingleLayerEvaluator;
import org.tessel.costmodel.depthfirst.DepthFirstScheduleEvaluator;
import org.tessel.costmodel.depthfirst.ReferenceCase;
import org.tessel.costmodel.depthfirst.aggregate.DepthFirstResult;
import org.tessel.costmodel.depthfirst.layertile.LayerTileProblem;
import org.tessel.costmodel.depthfirst.tiletype.NodeTileRecord;
import org.tessel.costmodel.depthfirst.tiletype.TileTypeEvaluation;
import org.tessel.costmodel.layer.EnergyLowerBound;
import org.tessel.costmodel.layer.LayerContext;
import org.tessel.model.accelerator.Core;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.UnitSpan;

/**
 * The claim {@link DepthFirstStackBound}'s level-0 term rests on: where
 * {@link EnergyLowerBound#levelZeroIgnoresUpperLevels} holds, the level-0 energies of a layer-tile
 * on the whole hierarchy are those on the hierarchy the engine truncates for it (spec
 * depthfirst.md §3.8), bit for bit — checked on every layer-tile the engine poses for seeded
 * stacks of networks on every accelerator family.
 */
class LevelZeroTest {

    private static final int LPF = 6;

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("fsrcnn", "Meta_prototype_DF", "Meta_prototype"),
                Arguments.of("mccnn", "Tesla_NPU_like_DF", "Tesla_NPU_like"),
                Arguments.of("fsrcnn", "Edge_TPU_like_DF", "Edge_TPU_like"),
                Arguments.of("mccnn", "Ascend_like_DF", "Ascend_like"),
                Arguments.of("resnet18", "TPU_like_DF", "TPU_like"),
                Arguments.of("resnet18", "Meta_prototype_DF", "Meta_prototype"));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("networks")
    void levelZeroIsTheSameOnTheHierarchiesTheEngineTruncates(String workload, String accelerator, String family) {
        Scenario s = ReferenceCase.scenario(workload, accelerator, family);
        DepthFirstScheduleEvaluator evaluator = new DepthFirstScheduleEvaluator(s, SingleLayerEvaluator.memoized(), LPF, false);
        Core core = s.accelerator().cores().getFirst();
        ScheduleSpace space = ScheduleSpace.of(s.workload());
        Random rnd = new Random(5);
        int n = space.units().count();
        int compared = 0;
        int truncated = 0;
        for (int i = 0; i < 12; i++) {
            int first = rnd.nextInt(n);
            int last = Math.min(n - 1, first + rnd.nextInt(4));
            int t = rnd.nextInt(space.tileCandidates(last).size());
            StackSchedule stack = space.stack(new UnitSpan(first, last), t, space.modes().get(rnd.nextInt(space.modes().size())));
            DepthFirstResult r;
            try {
                r = evaluator.runStack(stack);
            } catch (RuntimeException infeasible) {
                continue;
            }
            for (TileTypeEvaluation type : r.evaluations()) {
                for (NodeTileRecord rec : type.nodes()) {
                    LayerTileProblem p = rec.problem();
                    if (p == null || !core.hierarchy().levels().containsAll(p.hierarchy().levels())) {
                        // not a cut of the core's hierarchy: a mirrored second input (two inputs on I1, §3.8 step 4),
                        // which the bound does not count
                        continue;
                    }
                    LayerContext engine = LayerContext.of(p.layerProblem());
                    LayerContext whole = LayerContext.of(new LayerTileProblem(p.layer(), core.hierarchy(), p.array(),
                            p.spatialMapping(), LPF).layerProblem());
                    EnergyLowerBound onWhole = new EnergyLowerBound(whole);
                    if (!onWhole.levelZeroIgnoresUpperLevels()) {
                        continue;
                    }
                    assertArrayEquals(DepthFirstStackBound.levelZero(whole, onWhole, LPF),
                            DepthFirstStackBound.levelZero(engine, new EnergyLowerBound(engine), LPF),
                            () -> stack + " " + rec.node());
                    compared++;
                    if (!p.hierarchy().equals(core.hierarchy())) {
                        truncated++;
                    }
                }
            }
        }
        System.out.printf("level 0 %s on %s: %d layer-tiles, %d of them on truncated hierarchies%n", workload, accelerator,
                compared, truncated);
        assertTrue(truncated > 0, "some layer-tile runs on a truncated hierarchy");
    }
}
