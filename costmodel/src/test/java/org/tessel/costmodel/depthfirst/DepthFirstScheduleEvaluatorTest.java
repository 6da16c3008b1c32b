package org.tessel.costmodel.depthfirst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessel.costmodel.depthfirst.aggregate.DepthFirstResult;
import org.tessel.costmodel.depthfirst.aggregate.KeyAggregate;
import org.tessel.costmodel.depthfirst.aggregate.NetworkTotals;
import org.tessel.costmodel.depthfirst.copy.UnroutableCopyException;
import org.tessel.costmodel.depthfirst.graph.StackGraph;
import org.tessel.costmodel.depthfirst.layertile.LayerTileResult;
import org.tessel.costmodel.depthfirst.partition.StackPartition;
import org.tessel.costmodel.depthfirst.tiletype.NodeTileRecord;
import org.tessel.costmodel.depthfirst.tiletype.TileTypeEvaluation;
import org.tessel.costmodel.depthfirst.tiling.StackTiling;
import org.tessel.costmodel.temporal.MemoryHierarchyTooSmallException;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.Memo;
import org.tessel.model.search.ScheduleCost;
import org.tessel.model.search.SchedulePoint;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.StackComposition;
import org.tessel.model.search.StackCost;
import org.tessel.model.search.TileGrid;
import org.tessel.model.workload.Layer;

/**
 * Properties of {@link DepthFirstScheduleEvaluator} and of the engine on arbitrary schedules, with the
 * deterministic {@link SyntheticLayerTileEvaluator}: stacks are additive (a schedule costs exactly the
 * sum of its stacks evaluated alone, and a stack costs the same alone as inside the whole-schedule run),
 * layer-by-layer is the sum over layers, totals are the sums of their breakdown parts; plus
 * infeasibility, latency choice, determinism under concurrency and malformed schedules.
 */
public class DepthFirstScheduleEvaluatorTest {

    private static final int LPF = 6;
    private static final List<TileSize> TILES = List.of(TileSize.of(4, 4), TileSize.of(8, 8), TileSize.of(7, 7),
            TileSize.of(16, 18), TileSize.of(28, 28), TileSize.of(60, 72), TileSize.wholeOutput());

    static Scenario scenario(String workload) {
        return ReferenceCase.scenario(workload, "Meta_prototype_DF", "Meta_prototype");
    }

    /** A seeded random schedule of the workload's schedule space (unit-aligned cuts, random tiles and modes). */
    static Schedule randomSchedule(Scenario s, long seed) {
        ScheduleSpace space = ScheduleSpace.of(s.workload(), TileGrid.fixed(TILES), List.of(OverlapMode.values()));
        Random rnd = new Random(seed);
        List<Boolean> cuts = new ArrayList<>();
        for (int i = 0; i < space.cutPointCount(); i++) {
            cuts.add(rnd.nextDouble() < 0.35);
        }
        int stacks = 1 + (int) cuts.stream().filter(c -> c).count();
        List<Integer> tiles = new ArrayList<>();
        List<OverlapMode> modes = new ArrayList<>();
        for (int i = 0; i < stacks; i++) {
            tiles.add(rnd.nextInt(TILES.size()));
            modes.add(OverlapMode.values()[rnd.nextInt(3)]);
        }
        return space.decode(new SchedulePoint(cuts, tiles, modes));
    }

    /** Every layer its own stack, whole-output tiles: layer-by-layer. */
    static Schedule layerByLayer(Scenario s) {
        return new Schedule(s.workload().computeLayers().stream()
                .map(l -> new StackSchedule(List.of(l.id()), TileSize.wholeOutput(), OverlapMode.FULLY_CACHED)).toList());
    }

    static Stream<Arguments> randomCases() {
        return Stream.of("fsrcnn", "resnet18").flatMap(w -> Stream.of(1L, 2L, 3L, 4L, 5L, 6L, 7L)
                .map(seed -> Arguments.of(w, seed, seed % 3 == 0)));
    }

    private static DepthFirstScheduleEvaluator evaluator(Scenario s, boolean compat) {
        return new DepthFirstScheduleEvaluator(s, SyntheticLayerTileEvaluator.INSTANCE, LPF, compat);
    }

    @ParameterizedTest(name = "{0} seed {1} compat={2}")
    @MethodSource("randomCases")
    void aScheduleCostsExactlyTheSumOfItsStacksAlone(String workload, long seed, boolean compat) {
        Scenario s = scenario(workload);
        assertAdditive(s, randomSchedule(s, seed), compat);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void stacksCutInsideResidualBlocksAreAdditiveToo(long seed) {
        // DeFiNES' own ResNet-18 cut list runs overflowing blocks layer by layer: stacks with two
        // stack-input pseudo-layers (the merged substack_input_layer_0/1 keys of §5.1)
        Scenario s = scenario("resnet18");
        DepthFirstResult auto = new DepthFirstEngine(SyntheticLayerTileEvaluator.INSTANCE)
                .run(s, new DepthFirstSettings(TileSize.wholeOutput(), OverlapMode.FULLY_RECOMPUTE, null, LPF, false));
        assertEquals(List.of(13, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25), auto.cuts().cuts());
        Random rnd = new Random(seed);
        Schedule schedule = new Schedule(auto.stacks().stream().map(st -> new StackSchedule(st.layerIds(),
                TILES.get(rnd.nextInt(TILES.size())), OverlapMode.values()[rnd.nextInt(3)])).toList());
        assertAdditive(s, schedule, false);
    }

    @ParameterizedTest(name = "compat={0}")
    @ValueSource(booleans = {true, false})
    void theIdZeroQuirkKeepsStacksAdditive(boolean compat) {
        // a cut after layer 0: DeFiNES ignores it (§2.3, §7 item 16) and builds overlapping stacks,
        // each still a function of its own bounds
        Scenario s = scenario("fsrcnn");
        Schedule schedule = new Schedule(List.of(new StackSchedule(List.of(0), TileSize.of(60, 72), OverlapMode.FULLY_CACHED),
                new StackSchedule(List.of(1, 2, 3), TileSize.of(16, 18), OverlapMode.H_CACHED_V_RECOMPUTE),
                new StackSchedule(List.of(4, 5, 6, 7), TileSize.wholeOutput(), OverlapMode.FULLY_RECOMPUTE)));
        assertAdditive(s, schedule, compat);
        DepthFirstResult r = new DepthFirstEngine(SyntheticLayerTileEvaluator.INSTANCE).run(s, schedule, LPF, compat);
        List<Integer> evaluated = r.stacks().stream().flatMap(st -> st.layerIds().stream()).toList();
        assertEquals(compat ? 8 + 4 + 4 : 8, evaluated.size(), "layers evaluated: " + evaluated);
    }

    public static void assertAdditive(Scenario s, Schedule schedule, boolean compat) {
        DepthFirstScheduleEvaluator whole = evaluator(s, compat);
        assertEquals(StackComposition.ADDITIVE, whole.stackComposition());
        ScheduleCost cost = whole.evaluate(schedule);
        // stacks alone, each on a fresh evaluator
        List<StackCost> alone = schedule.stacks().stream().map(st -> evaluator(s, compat).evaluateStack(st)).toList();
        double energy = 0;
        long latency = 0;
        for (StackCost c : alone) {
            assertTrue(c.feasible());
            energy += c.energyPj();
            latency += c.latencyCycles();
        }
        assertTrue(cost.feasible());
        assertEquals(energy, cost.energyPj(), 0.0, "energy = Σ stacks, exactly");
        assertEquals(latency, cost.latencyCycles(), "latency = Σ stacks");
        assertEquals(alone, cost.perStack());
        // the whole schedule in one engine run: every stack costs there what it costs alone
        DepthFirstResult run = new DepthFirstEngine(SyntheticLayerTileEvaluator.INSTANCE).run(s, schedule, LPF, compat);
        assertEquals(schedule.stacks().size(), run.stackTotals().size());
        for (int i = 0; i < alone.size(); i++) {
            NetworkTotals t = run.stackTotals().get(i);
            assertEquals(alone.get(i).energyPj(), t.energyTotal(), 0.0, "stack " + i + " energy in context");
            assertEquals(alone.get(i).latencyCycles(), t.latencyTotal1(), "stack " + i + " latency in context");
        }
        // and DeFiNES' own key-order totals agree (latency exactly, energy up to reassociation)
        assertEquals(latency, run.totals().latencyTotal1());
        assertEquals(energy, run.totals().energyTotal(), 1e-12 * energy);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fsrcnn", "resnet18"})
    void layerByLayerIsTheSumOverLayers(String workload) {
        Scenario s = scenario(workload);
        Schedule lbl = layerByLayer(s);
        DepthFirstResult r = new DepthFirstEngine(SyntheticLayerTileEvaluator.INSTANCE).run(s, lbl, LPF, false);
        StackGraph full = StackPartition.fullSize(StackGraph.of(s.workload()));
        double energy = 0;
        long latency = 0;
        for (int i = 0; i < lbl.stacks().size(); i++) {
            int id = lbl.stacks().get(i).layerIds().getFirst();
            StackTiling tiling = r.tilings().get(i);
            assertEquals(1, tiling.types().size(), "layer " + id + ": one tile");
            assertEquals(1, tiling.types().getFirst().multiplicity());
            assertTrue(tiling.types().getFirst().key().weightsFromTop());
            int stack = i;
            List<TileTypeEvaluation> evs = r.evaluations().stream().filter(e -> e.stackIndex() == stack).toList();
            assertEquals(1, evs.size());
            List<NodeTileRecord> layerRecords = evs.getFirst().nodes().stream().filter(n -> !n.isInput()).toList();
            assertEquals(1, layerRecords.size(), "only layer " + id + " is evaluated in its stack");
            NodeTileRecord rec = layerRecords.getFirst();
            assertEquals(id, rec.layerId());
            assertEquals(full.node(id).layer().loops(), rec.problem().layer().loops(), "layer " + id + " runs on its whole output");
            // the layer, once, plus the data copies of its stack
            LayerTileResult single = SyntheticLayerTileEvaluator.INSTANCE.evaluate(rec.problem());
            double copies = 0;
            long copyLatency = 0;
            for (NodeTileRecord n : evs.getFirst().nodes()) {
                copies += n.copies().energyTotal();
                copyLatency += n.copies().latency();
            }
            energy += single.energyTotal() + copies;
            latency += single.latencyTotal1() + copyLatency;
            StackCost alone = evaluator(s, false).evaluateStack(lbl.stacks().get(i));
            assertEquals(single.latencyTotal1() + copyLatency, alone.latencyCycles(), "layer " + id);
            assertEquals(single.energyTotal() + copies, alone.energyPj(), 1e-12 * alone.energyPj(), "layer " + id);
        }
        assertEquals(latency, r.totals().latencyTotal1());
        assertEquals(energy, r.totals().energyTotal(), 1e-12 * energy);
        ScheduleCost cost = evaluator(s, false).evaluate(lbl);
        assertEquals(latency, cost.latencyCycles());
        assertEquals(energy, cost.energyPj(), 1e-12 * energy);
    }

    @ParameterizedTest(name = "{0} seed {1} compat={2}")
    @MethodSource("randomCases")
    void totalsAreTheSumsOfTheirParts(String workload, long seed, boolean compat) {
        Scenario s = scenario(workload);
        DepthFirstResult r = new DepthFirstEngine(SyntheticLayerTileEvaluator.INSTANCE).run(s, randomSchedule(s, seed), LPF, compat);
        NetworkTotals t = r.totals();
        double mac = 0;
        double mem = 0;
        double copies = 0;
        long l0 = 0;
        long l1 = 0;
        long l2 = 0;
        for (KeyAggregate k : r.keys()) {
            double entries = 0;
            for (KeyAggregate.Entry e : k.entries()) {
                entries += (k.dataCopy() ? e.record().copies().energyTotal() : e.record().result().energyTotal()) * e.multiplicity();
            }
            assertEquals(entries, k.energyTotal(), 1e-12 * Math.max(1, entries), k.key() + ": Σ type energy × multiplicity");
            if (k.dataCopy()) {
                copies += k.energyTotal();
                assertEquals(k.entries().stream().mapToLong(e -> e.record().copies().latency() * e.multiplicity()).sum(),
                        k.latencyTotal1(), k.key());
            } else {
                LayerTileResult lt = k.layerTotal();
                assertEquals(lt.macEnergy() + lt.memEnergy(), lt.energyTotal(), 1e-12 * lt.energyTotal(), k.key() + ": MAC + memory");
                double perMemory = lt.memoryEnergy().values().stream().flatMap(m -> m.values().stream())
                        .mapToDouble(Double::doubleValue).sum();
                assertEquals(lt.memEnergy(), perMemory, 1e-12 * lt.memEnergy(), k.key() + ": Σ per-memory energy");
                assertEquals(k.entries().stream().mapToLong(e -> e.record().result().latencyTotal1() * e.multiplicity()).sum(),
                        k.latencyTotal1(), k.key());
                mac += lt.macEnergy();
                mem += lt.memEnergy();
            }
            assertTrue(k.latencyTotal0() <= k.latencyTotal1(), k.key());
            l0 += k.latencyTotal0();
            l1 += k.latencyTotal1();
            l2 += k.latencyTotal2();
        }
        assertEquals(mac, t.macEnergy(), 1e-12 * mac);
        assertEquals(copies, t.dataCopyEnergy(), 1e-12 * Math.max(1, copies));
        assertEquals(mac + mem + copies, t.energyTotal(), 1e-12 * t.energyTotal(), "energy = MAC + memory + data copies");
        assertEquals(List.of(l0, l1, l2), List.of(t.latencyTotal0(), t.latencyTotal1(), t.latencyTotal2()));
        // the stacks' totals are a partition of the network's
        assertEquals(t.latencyTotal0(), r.stackTotals().stream().mapToLong(NetworkTotals::latencyTotal0).sum());
        assertEquals(t.latencyTotal1(), r.stackTotals().stream().mapToLong(NetworkTotals::latencyTotal1).sum());
        assertEquals(t.latencyTotal2(), r.stackTotals().stream().mapToLong(NetworkTotals::latencyTotal2).sum());
        assertEquals(t.energyTotal(), r.stackTotals().stream().mapToDouble(NetworkTotals::energyTotal).sum(), 1e-12 * t.energyTotal());
        assertEquals(t.macEnergy(), r.stackTotals().stream().mapToDouble(NetworkTotals::macEnergy).sum(), 1e-12 * t.macEnergy());
    }

    @Test
    void perStackTileSizesAndModesAreHonoured() {
        Scenario s = scenario("fsrcnn");
        Schedule schedule = new Schedule(List.of(new StackSchedule(List.of(0, 1, 2), TileSize.of(16, 18), OverlapMode.FULLY_RECOMPUTE),
                new StackSchedule(List.of(3, 4, 5), TileSize.of(60, 72), OverlapMode.FULLY_CACHED),
                new StackSchedule(List.of(6, 7), TileSize.wholeOutput(), OverlapMode.H_CACHED_V_RECOMPUTE)));
        DepthFirstResult r = new DepthFirstEngine(SyntheticLayerTileEvaluator.INSTANCE).run(s, schedule, LPF, false);
        assertEquals(List.of(2, 5), r.cuts().cuts());
        // stack 0: 16×18 tiles over layer 2's output; stack 1: 60×72 in mode 3 (3×3 tile categories); stack 2: one tile
        long ox2 = StackPartition.fullSize(StackGraph.of(s.workload())).node(2).layer().loops().get("OX");
        assertEquals((ox2 + 15) / 16, r.tilings().get(0).grid().columns().size());
        assertTrue(r.tilings().get(0).types().size() <= 4, "mode 1: at most 4 types");
        assertEquals(9, r.tilings().get(1).types().size(), "mode 3, 60×72: 9 types");
        assertEquals(1, r.tilings().get(2).types().size());
        assertEquals(1, r.tilings().get(2).grid().tiles().size());
        // each stack alone gives its in-context totals
        for (int i = 0; i < 3; i++) {
            DepthFirstResult alone = new DepthFirstEngine(SyntheticLayerTileEvaluator.INSTANCE).runStack(s, schedule.stacks().get(i), LPF, false);
            assertEquals(r.stackTotals().get(i), alone.stackTotals().getFirst(), "stack " + i);
            assertEquals(r.tilings().get(i).types(), alone.tilings().getFirst().types(), "stack " + i);
        }
        // a different tile on one stack changes only that stack
        Schedule other = new Schedule(List.of(schedule.stacks().get(0),
                new StackSchedule(List.of(3, 4, 5), TileSize.of(8, 8), OverlapMode.FULLY_CACHED), schedule.stacks().get(2)));
        DepthFirstResult r2 = new DepthFirstEngine(SyntheticLayerTileEvaluator.INSTANCE).run(s, other, LPF, false);
        assertEquals(r.stackTotals().get(0), r2.stackTotals().get(0));
        assertFalse(r.stackTotals().get(1).equals(r2.stackTotals().get(1)));
        assertEquals(r.stackTotals().get(2), r2.stackTotals().get(2));
    }

    @Test
    void aStackThatFitsNoHierarchyIsInfeasibleNotAnError() {
        Scenario s = scenario("fsrcnn");
        DepthFirstScheduleEvaluator ev = new DepthFirstScheduleEvaluator(s, new SyntheticLayerTileEvaluator(3), LPF, false);
        Schedule schedule = new Schedule(List.of(new StackSchedule(List.of(0, 1, 2), TileSize.of(60, 72), OverlapMode.FULLY_CACHED),
                new StackSchedule(List.of(3, 4), TileSize.of(60, 72), OverlapMode.FULLY_CACHED),
                new StackSchedule(List.of(5, 6, 7), TileSize.of(60, 72), OverlapMode.FULLY_CACHED)));
        ScheduleCost cost = ev.evaluate(schedule);
        assertFalse(cost.feasible());
        assertEquals(List.of(true, false, true), cost.perStack().stream().map(StackCost::feasible).toList());
        assertEquals(1, cost.infeasibleStackCount());
        assertFalse(ev.evaluateStack(schedule.stacks().get(1)).feasible());
        assertTrue(ev.evaluateStack(schedule.stacks().get(2)).feasible());
        // the engine itself fails, as DeFiNES does: the retries run out (or reach a level choice the
        // hierarchy cannot route a copy for)
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> new DepthFirstEngine(new SyntheticLayerTileEvaluator(3)).run(s, schedule, LPF, false));
        assertTrue(e instanceof MemoryHierarchyTooSmallException || e instanceof UnroutableCopyException, e.toString());
    }

    @Test
    void retriesAreExercisedAndTransparent() {
        // the synthetic model rejects some first-choice hierarchies: the engine retries with more levels
        Scenario s = scenario("fsrcnn");
        DepthFirstResult r = new DepthFirstEngine(SyntheticLayerTileEvaluator.INSTANCE).run(s, new Schedule(List.of(
                new StackSchedule(s.workload().computeLayers().stream().map(Layer::id).toList(), TileSize.of(60, 72),
                        OverlapMode.FULLY_CACHED))), LPF, false);
        assertTrue(r.evaluations().stream().flatMap(e -> e.nodes().stream()).anyMatch(n -> n.failedAttempts() > 0),
                "some layer-tile needed a retry");
    }

    @Test
    void theLatencyIsTheChosenSum() {
        Scenario s = scenario("resnet18");
        Schedule schedule = randomSchedule(s, 11);
        DepthFirstResult r = new DepthFirstEngine(SyntheticLayerTileEvaluator.INSTANCE).run(s, schedule, LPF, false);
        for (DepthFirstLatency l : DepthFirstLatency.values()) {
            ScheduleCost c = new DepthFirstScheduleEvaluator(s, SyntheticLayerTileEvaluator.INSTANCE, LPF, false, l).evaluate(schedule);
            assertEquals(r.stackTotals().stream().mapToLong(l::of).sum(), c.latencyCycles(), l.name());
            assertEquals(l.of(r.totals()), c.latencyCycles(), l.name());
        }
        assertEquals(r.totals().latencyTotal1(), evaluator(s, false).evaluate(schedule).latencyCycles(), "default: latency_total1");
        assertTrue(r.totals().latencyTotal0() < r.totals().latencyTotal1() && r.totals().latencyTotal1() < r.totals().latencyTotal2());
    }

    @Test
    void concurrentEvaluationIsDeterministic() throws Exception {
        Scenario s = scenario("resnet18");
        List<Schedule> schedules = new ArrayList<>();
        for (long seed = 20; seed < 32; seed++) {
            schedules.add(randomSchedule(s, seed));
        }
        DepthFirstScheduleEvaluator shared = evaluator(s, false);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ScheduleCost>> futures = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (Schedule sc : schedules) {
                    futures.add(pool.submit(() -> shared.evaluate(sc)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                ScheduleCost expected = evaluator(s, false).evaluate(schedules.get(i % schedules.size()));
                assertEquals(expected, futures.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wholeSchedulesAfterASearchRunTakeTheRunsStacks() {
        // the evaluator memoises nothing itself: a run's stack memo (newStackMemo) serves later whole schedules
        Scenario s = scenario("resnet18");
        AtomicLong layerTiles = new AtomicLong();
        DepthFirstScheduleEvaluator ev = new DepthFirstScheduleEvaluator(s, p -> {
            layerTiles.incrementAndGet();
            return SyntheticLayerTileEvaluator.INSTANCE.evaluate(p);
        }, LPF, false);
        Schedule schedule = randomSchedule(s, 5);
        StackSchedule first = schedule.stacks().getFirst();
        ev.evaluateStack(first);
        long once = layerTiles.get();
        ev.evaluateStack(first);
        assertEquals(2 * once, layerTiles.get(), "evaluateStack computes every time");
        Memo<StackSchedule, StackCost> run = ev.newStackMemo();
        schedule.stacks().forEach(st -> run.get(st, ev::evaluateStack));
        long before = layerTiles.get();
        assertEquals(evaluator(s, false).evaluate(schedule), ev.evaluate(schedule));
        assertEquals(before, layerTiles.get(), "every stack taken from the run's memo");
        Schedule other = randomSchedule(s, 6);
        long unknown = other.stacks().stream().filter(st -> run.peek(st) == null).count();
        assertEquals(evaluator(s, false).evaluate(other), ev.evaluate(other));
        assertEquals(schedule.stacks().size() + unknown, run.size(), "the new stacks join the memo");
        assertTrue(ev.newStackMemo().size() == 0, "a new run starts empty");
    }

    @Test
    void malformedSchedulesAreCallerErrors() {
        Scenario s = scenario("fsrcnn");
        DepthFirstScheduleEvaluator ev = evaluator(s, false);
        TileSize t = TileSize.wholeOutput();
        OverlapMode m = OverlapMode.FULLY_CACHED;
        assertThrows(IllegalArgumentException.class,
                () -> ev.evaluate(new Schedule(List.of(new StackSchedule(List.of(0, 1, 2, 3), t, m)))));
        assertThrows(IllegalArgumentException.class, () -> ev.evaluate(new Schedule(List.of(
                new StackSchedule(List.of(4, 5, 6, 7), t, m), new StackSchedule(List.of(0, 1, 2, 3), t, m)))));
        assertThrows(IllegalArgumentException.class, () -> ev.evaluate(new Schedule(List.of(
                new StackSchedule(List.of(0, 1, 3), t, m), new StackSchedule(List.of(2, 4, 5, 6, 7), t, m)))));
        assertThrows(IllegalArgumentException.class, () -> ev.evaluateStack(new StackSchedule(List.of(42), t, m)));
    }
}
