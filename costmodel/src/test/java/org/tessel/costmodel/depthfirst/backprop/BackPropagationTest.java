package org.tessel.costmodel.depthfirst.backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessel.costmodel.depthfirst.ReferenceCase;
import org.tessel.costmodel.depthfirst.backprop.BackPropagation.Caching;
import org.tessel.costmodel.depthfirst.graph.StackGraph;
import org.tessel.costmodel.depthfirst.partition.FusedStack;
import org.tessel.costmodel.depthfirst.partition.StackPartition;
import org.tessel.costmodel.depthfirst.tiling.TileLayout;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.UnitSpan;
import org.tessel.model.workload.Workload;

/**
 * {@link BackPropagation#run}, which on exact-size stacks runs each node's job once and walks only
 * the lags over every path, against {@link BackPropagation#everyPath}, the reference's walk that
 * runs every job of every path: on every bundled
 * workload, for seeded stacks (and the whole network), tiles, every caching combination, with and
 * without real-position regions, the results are equal — nodes in the same order and every map
 * with the same entries in the same order.
 */
class BackPropagationTest {

    private static final List<TileSize> TILES = List.of(TileSize.of(1, 1), TileSize.of(7, 5), TileSize.of(16, 18),
            TileSize.of(60, 72), TileSize.wholeOutput());

    static Stream<Arguments> workloads() {
        return Stream.of("fsrcnn", "mccnn", "dmcnnvd", "mobilenetv1", "resnet18", "resnet50", "vgg19", "mobilenetv2")
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void skippingJobsGivesTheReferenceWalksResult(String name) {
        Workload workload = ReferenceCase.scenario(name, "Tesla_NPU_like_DF", "Tesla_NPU_like").workload();
        StackGraph network = StackGraph.of(workload);
        assertSame(BackPropagation.everyPath(network, network.loops(), TileSize.wholeOutput(), Caching.NONE, null, null),
                BackPropagation.run(network, network.loops(), TileSize.wholeOutput(), Caching.NONE), "full size");
        StackGraph full = StackPartition.fullSize(network);
        ScheduleSpace space = ScheduleSpace.of(workload);
        int units = space.units().count();
        Random random = new Random(name.hashCode());
        Set<UnitSpan> spans = new LinkedHashSet<>();
        // the whole network (the deepest walk) but where it has many merges (the oracle is exponential), and runs of up to 8 units
        if (!name.equals("resnet50") && !name.equals("mobilenetv2")) {
            spans.add(new UnitSpan(0, units - 1));
        }
        while (spans.size() < 6) {
            int first = random.nextInt(units);
            spans.add(new UnitSpan(first, Math.min(units - 1, first + random.nextInt(8))));
        }
        int compared = 0;
        int lagsOnly = 0;
        for (UnitSpan span : spans) {
            StackSchedule schedule = space.stack(span, 0, OverlapMode.FULLY_CACHED);
            FusedStack stack = StackPartition.stackOf(full, 0, schedule.layerIds(), false);
            StackGraph graph = stack.graph();
            for (TileSize tile : TILES) {
                TileLayout layout = TileLayout.of(stack, tile);
                for (TileLayout.Span column : ends(layout.columns())) {
                    for (TileLayout.Span row : ends(layout.rows())) {
                        TileSize size = tile instanceof TileSize.Fixed ? TileSize.of(column.size(), row.size()) : tile;
                        for (int flags = 0; flags < 16; flags++) {
                            Caching caching = new Caching((flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0,
                                    (flags & 8) != 0);
                            String what = span + " " + tile + " " + caching;
                            assertSame(BackPropagation.everyPath(graph, graph.loops(), size, caching, null, null),
                                    BackPropagation.run(graph, graph.loops(), size, caching), what);
                            if (column.regions() != null) {
                                if (BackPropagation.walksLagsOnly(graph, graph.loops(), size, caching, column.regions(),
                                        row.regions())) {
                                    lagsOnly++;
                                }
                                assertSame(
                                        BackPropagation.everyPath(graph, graph.loops(), size, caching, column.regions(),
                                                row.regions()),
                                        BackPropagation.run(graph, graph.loops(), size, caching, column.regions(), row.regions()),
                                        what + " with regions");
                            }
                            compared++;
                        }
                    }
                }
            }
        }
        assertEquals(true, compared > 0);
        System.out.printf("%s: %d of %d back-propagations with the lags only%n", name, lagsOnly, compared);
    }

    /**
     * The lags alone decide the cached amounts of a producer with several consumers, and on the
     * bundled exact-size stacks they come out the same whatever the order of the paths. Here the
     * sizes are fixed as regions would fix them — to the sizes the reference walk ends with — on
     * resnet18 stacks with several residual blocks, where the order of the paths does change the
     * lags: the walk over the lags must still give the reference's result.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void theLagWalkFollowsThePathOrder(String name) {
        Workload workload = ReferenceCase.scenario(name, "Tesla_NPU_like_DF", "Tesla_NPU_like").workload();
        StackGraph full = StackPartition.fullSize(StackGraph.of(workload));
        ScheduleSpace space = ScheduleSpace.of(workload);
        int units = space.units().count();
        int lagsOnly = 0;
        for (int first = 0; first < units; first += 3) {
            StackSchedule schedule = space.stack(new UnitSpan(first, Math.min(units - 1, first + 5)), 0,
                    OverlapMode.FULLY_CACHED);
            StackGraph graph = StackPartition.stackOf(full, 0, schedule.layerIds(), false).graph();
            for (TileSize size : List.of(TileSize.of(1, 1), TileSize.of(3, 2), TileSize.of(8, 8))) {
                for (int flags = 0; flags < 16; flags++) {
                    Caching caching = new Caching((flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0);
                    BackPropagation sizes = BackPropagation.everyPath(graph, graph.loops(), size, caching, null, null);
                    Map<Integer, Long> widths = new java.util.LinkedHashMap<>();
                    Map<Integer, Long> heights = new java.util.LinkedHashMap<>();
                    sizes.loops().forEach((id, loops) -> {
                        widths.put(id, org.tessel.costmodel.depthfirst.graph.SpatialAxis.X.sizeIn(loops));
                        heights.put(id, org.tessel.costmodel.depthfirst.graph.SpatialAxis.Y.sizeIn(loops));
                    });
                    AxisRegions columns = new AxisRegions(widths, widths);
                    AxisRegions rows = new AxisRegions(heights, heights);
                    if (BackPropagation.walksLagsOnly(graph, graph.loops(), size, caching, columns, rows)) {
                        lagsOnly++;
                    }
                    assertSame(BackPropagation.everyPath(graph, graph.loops(), size, caching, columns, rows),
                            BackPropagation.run(graph, graph.loops(), size, caching, columns, rows),
                            first + " " + size + " " + caching);
                }
            }
        }
        assertEquals(true, lagsOnly > 0, "the walk over the lags was taken");
    }

    /** The first, a middle and the last span: first/last tiles and the inner ones. */
    private static List<TileLayout.Span> ends(List<TileLayout.Span> spans) {
        Set<TileLayout.Span> picked = new LinkedHashSet<>(List.of(spans.getFirst(), spans.get(spans.size() / 2),
                spans.getLast()));
        return new ArrayList<>(picked);
    }

    private static void assertSame(BackPropagation expected, BackPropagation actual, String what) {
        assertEquals(expected.useful(), actual.useful(), what + ": nodes reached");
        assertEquals(ordered(expected.colsOut()), ordered(actual.colsOut()), what + ": colsOut");
        assertEquals(ordered(expected.colsIn()), ordered(actual.colsIn()), what + ": colsIn");
        assertEquals(ordered(expected.rowsOut()), ordered(actual.rowsOut()), what + ": rowsOut");
        assertEquals(ordered(expected.rowsIn()), ordered(actual.rowsIn()), what + ": rowsIn");
        assertEquals(ordered(expected.loops()), ordered(actual.loops()), what + ": loops");
    }

    /** A map's entries as a list, recursively: equal only with the same order. */
    private static Object ordered(Object value) {
        if (value instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> List.of(e.getKey(), ordered(e.getValue()))).toList();
        }
        return value;
    }
}
