package org.tessel.costmodel.depthfirst;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessel.costmodel.SingleLayerEvaluator;
import org.tessel.costmodel.depthfirst.aggregate.DepthFirstResult;
import org.tessel.costmodel.depthfirst.aggregate.KeyAggregate;
import org.tessel.costmodel.depthfirst.copy.CopyKind;
import org.tessel.costmodel.depthfirst.copy.DataCopyAction;
import org.tessel.costmodel.depthfirst.tiletype.NodeTileRecord;
import org.tessel.costmodel.depthfirst.tiletype.TileTypeEvaluation;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.workload.Layer;

/**
 * Padding on real positions (docs/padding.md): an exact-size workload that reduces to the
 * reference gives the reference's numbers, and on padded workloads every layer computes exactly
 * its real output once when overlaps are cached, and the stack input is fetched exactly once.
 */
class PaddingTest {

    private static final Path PADDING = Path.of("src", "test", "resources", "padding");
    private static final Path CONFIGS = Path.of("..", "configs");

    private static Scenario padded(String workload, String mapping) {
        return Scenario.load(PADDING.resolve(workload + ".yaml"), CONFIGS.resolve("accelerators/Meta_prototype_DF.yaml"),
                mapping.startsWith("padding/") ? PADDING.resolve(mapping.substring(8) + ".yaml")
                        : CONFIGS.resolve("mappings/Meta_prototype/" + mapping + ".yaml"));
    }

    static Stream<Arguments> referenceTiles() {
        List<Arguments> out = new ArrayList<>();
        for (OverlapMode mode : OverlapMode.values()) {
            for (TileSize tile : List.of(TileSize.of(60, 72), TileSize.of(16, 18), TileSize.of(240, 270))) {
                out.add(Arguments.of(tile, mode));
            }
        }
        return out.stream();
    }

    /** FSRCNN with zero padding declared everywhere is costed on real positions, and equals the reference path bit for bit. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("referenceTiles")
    void zeroPaddingGivesTheReferenceNumbers(TileSize tile, OverlapMode mode) {
        Scenario reference = ReferenceCase.scenario("fsrcnn", "Meta_prototype_DF", "Meta_prototype");
        Scenario exact = padded("fsrcnn-zero-padding", "fsrcnn");
        DepthFirstEngine engine = new DepthFirstEngine(SingleLayerEvaluator.memoized());
        DepthFirstSettings settings = new DepthFirstSettings(tile, mode, null, 6, false);
        DepthFirstResult a = engine.run(reference, settings);
        DepthFirstResult b = engine.run(exact, settings);
        assertEquals(a.keys().size(), b.keys().size());
        for (int i = 0; i < a.keys().size(); i++) {
            KeyAggregate x = a.keys().get(i);
            KeyAggregate y = b.keys().get(i);
            assertEquals(x.key(), y.key());
            assertEquals(x.energyTotal(), y.energyTotal(), 0.0, x.key());
            assertEquals(x.latencyTotal1(), y.latencyTotal1(), x.key());
            assertEquals(x.latencyTotal2(), y.latencyTotal2(), x.key());
        }
        assertEquals(a.totals(), b.totals());
        assertEquals(a.tilings().getFirst().types().size(), b.tilings().getFirst().types().size());
    }

    static Stream<Arguments> paddedCases() {
        List<Arguments> out = new ArrayList<>();
        Random rnd = new Random(20261202);
        for (String[] wl : List.of(new String[] {"padded-residual", "padding/padded-residual-Meta_prototype", "14"},
                new String[] {"fsrcnn-same-padding", "fsrcnn", "960"})) {
            long size = Long.parseLong(wl[2]);
            for (int i = 0; i < 12; i++) {
                long w = 1 + rnd.nextLong(i < 6 ? 8 : size);
                long h = 1 + rnd.nextLong(i < 6 ? 8 : size);
                out.add(Arguments.of(wl[0], wl[1], w, h));
            }
        }
        return out.stream();
    }

    /**
     * Fully cached, every layer computes exactly its true MACs and the stack input is fetched
     * exactly once, whatever the tile (seeded random tiles, small ones included: their receptive
     * fields span several tiles at the border).
     */
    @ParameterizedTest(name = "{0} {2}x{3}")
    @MethodSource("paddedCases")
    void fullyCachedComputesEveryOutputOnceAndFetchesTheInputOnce(String workload, String mapping, long w, long h) {
        Scenario s = padded(workload, mapping);
        DepthFirstResult r = new DepthFirstEngine(SyntheticLayerTileEvaluator.INSTANCE)
                .run(s, new DepthFirstSettings(TileSize.of(w, h), OverlapMode.FULLY_CACHED, null, 6, false));
        Map<Integer, Long> macs = computed(r);
        for (Layer l : s.workload().computeLayers()) {
            assertEquals(l.macCount(), macs.getOrDefault(l.id(), 0L), "MACs of layer " + l.id());
        }
        Layer input = s.workload().layers().getFirst();
        long fetched = 0;
        for (TileTypeEvaluation ev : r.evaluations()) {
            for (NodeTileRecord n : ev.nodes()) {
                for (DataCopyAction a : n.copies().actions()) {
                    if (a.kind() == CopyKind.STACK_INPUT) {
                        fetched += a.bits() * ev.type().multiplicity();
                    }
                }
            }
        }
        assertEquals(input.operandElements("O") * input.precision().get("O"), fetched, "stack input bits fetched");
    }

    /** Without caching, tiles recompute their overlap: never fewer MACs than the true count. */
    @ParameterizedTest(name = "{0} {2}x{3}")
    @MethodSource("paddedCases")
    void recomputingNeverComputesLess(String workload, String mapping, long w, long h) {
        Scenario s = padded(workload, mapping);
        for (OverlapMode mode : List.of(OverlapMode.FULLY_RECOMPUTE, OverlapMode.H_CACHED_V_RECOMPUTE)) {
            DepthFirstResult r = new DepthFirstEngine(SyntheticLayerTileEvaluator.INSTANCE)
                    .run(s, new DepthFirstSettings(TileSize.of(w, h), mode, null, 6, false));
            Map<Integer, Long> macs = computed(r);
            for (Layer l : s.workload().computeLayers()) {
                long m = macs.getOrDefault(l.id(), 0L);
                if (m < l.macCount()) {
                    throw new AssertionError(mode + ": layer " + l.id() + " computes " + m + " < " + l.macCount());
                }
            }
        }
    }

    /** MACs per layer as the engine computed them: every evaluated region × its tile type's multiplicity. */
    private static Map<Integer, Long> computed(DepthFirstResult r) {
        Map<Integer, Long> macs = new HashMap<>();
        for (TileTypeEvaluation ev : r.evaluations()) {
            for (NodeTileRecord n : ev.nodes()) {
                if (n.problem() != null) {
                    long p = n.problem().layer().macCount();
                    macs.merge(n.layerId(), p * ev.type().multiplicity(), Long::sum);
                }
            }
        }
        return macs;
    }
}
