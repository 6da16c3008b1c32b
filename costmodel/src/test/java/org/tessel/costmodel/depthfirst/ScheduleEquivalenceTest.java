package org.tessel.costmodel.depthfirst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessel.costmodel.depthfirst.aggregate.DepthFirstResult;
import org.tessel.costmodel.depthfirst.aggregate.KeyAggregate;
import org.tessel.costmodel.depthfirst.layertile.LayerTileResult;
import org.tessel.costmodel.depthfirst.partition.FusedStack;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;

/**
 * The engine driven by a {@link Schedule} against the engine driven by DeFiNES' settings, on the
 * reference runs with their replayed single-layer results: a schedule of the same stacks, every
 * one with the settings' tile size and mode, gives the identical result, number for number (the
 * replay only knows the reference's layer-tiles, so only reference-equivalent schedules can be run).
 * The TPU_like case is left out: its cut list starts with the input node (-1), a stack no schedule
 * of layers can express.
 */
class ScheduleEquivalenceTest {

    static Stream<String> cases() {
        return ReferenceCase.names().stream().filter(n -> !n.contains("TPU_like__"));
    }

    /** The schedule of the stacks a settings run built, each with the settings' tile and mode. */
    static Schedule scheduleOf(DepthFirstResult r, DepthFirstSettings s) {
        return new Schedule(r.stacks().stream().map(st -> new StackSchedule(st.layerIds(), s.tile(), s.mode())).toList());
    }

    @ParameterizedTest(name = "{0} compat={1}")
    @MethodSource("casesAndModes")
    void scheduleGivesTheSettingsResult(String name, boolean compat) {
        ReferenceCase c = ReferenceCase.load(name);
        DepthFirstSettings s = c.settings(compat);
        DepthFirstResult bySettings = new DepthFirstEngine(new ReplayLayerTileEvaluator(c.json())).run(c.scenario(), s);
        Schedule schedule = c.cutsContainZero() && compat
                // DeFiNES ignores the cut at 0 and duplicates layers; the schedule names the intended stacks
                ? new Schedule(c.scenario().workload().computeLayers().stream()
                        .map(l -> new StackSchedule(List.of(l.id()), s.tile(), s.mode())).toList())
                : scheduleOf(bySettings, s);
        DepthFirstResult bySchedule = new DepthFirstEngine(new ReplayLayerTileEvaluator(c.json()))
                .run(c.scenario(), schedule, s.lpfLimit(), compat);
        assertEquals(bySettings.cuts(), bySchedule.cuts());
        assertEquals(bySettings.stacks().stream().map(FusedStack::layerIds).toList(),
                bySchedule.stacks().stream().map(FusedStack::layerIds).toList());
        assertEquals(bySettings.totals(), bySchedule.totals(), "network totals");
        assertEquals(bySettings.stackTotals(), bySchedule.stackTotals(), "stack totals");
        assertEquals(bySettings.keys().size(), bySchedule.keys().size());
        for (int k = 0; k < bySettings.keys().size(); k++) {
            KeyAggregate a = bySettings.keys().get(k);
            KeyAggregate b = bySchedule.keys().get(k);
            assertEquals(a.key(), b.key());
            assertEquals(a.energyTotal(), b.energyTotal(), a.key());
            assertEquals(List.of(a.latencyTotal0(), a.latencyTotal1(), a.latencyTotal2()),
                    List.of(b.latencyTotal0(), b.latencyTotal1(), b.latencyTotal2()), a.key());
            assertEquals(a.entries().stream().map(e -> e.multiplicity()).toList(),
                    b.entries().stream().map(e -> e.multiplicity()).toList(), a.key());
        }
        for (int i = 0; i < bySettings.tilings().size(); i++) {
            assertEquals(bySettings.tilings().get(i).types(), bySchedule.tilings().get(i).types(), "tile types of stack " + i);
        }
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> casesAndModes() {
        return cases().flatMap(n -> Stream.of(true, false)
                .filter(compat -> compat || !n.contains("cuts_all__") && !n.endsWith("cuts_all"))
                .map(compat -> org.junit.jupiter.params.provider.Arguments.of(n, compat)));
    }

    @Test
    void theReferenceTotalsComeOutOfASchedule() {
        // FSRCNN 60×72 mode 3 given as a one-stack schedule: DeFiNES' energy and latency_total1
        ReferenceCase c = ReferenceCase.load("fsrcnn__Meta_prototype_DF__t60x72__m3__lpf6");
        List<Integer> all = c.scenario().workload().computeLayers().stream().map(l -> l.id()).toList();
        Schedule s = new Schedule(List.of(new StackSchedule(all, TileSize.of(60, 72), OverlapMode.FULLY_CACHED)));
        DepthFirstResult r = new DepthFirstEngine(new ReplayLayerTileEvaluator(c.json())).run(c.scenario(), s, 6, true);
        double e = c.json().get("totals").get("energy_total").asDouble();
        assertEquals(e, r.totals().energyTotal(), 1e-9 * e);
        assertEquals(c.json().get("totals").get("latency_total1").asLong(), r.totals().latencyTotal1());
    }

    @Test
    void malformedSchedulesAreRejected() {
        Scenario fsrcnn = ReferenceCase.scenario("fsrcnn", "Meta_prototype_DF", "Meta_prototype");
        DepthFirstEngine engine = new DepthFirstEngine(p -> new LayerTileResult(1, 0, 1, 1, 1, 1, 1, 1, 0, 0, java.util.Map.of()));
        TileSize t = TileSize.wholeOutput();
        OverlapMode m = OverlapMode.FULLY_RECOMPUTE;
        // a layer missing
        assertThrows(IllegalArgumentException.class, () -> engine.run(fsrcnn,
                new Schedule(List.of(new StackSchedule(List.of(0, 1, 2, 3, 4, 5, 6), t, m))), 6, false));
        // stacks out of order
        assertThrows(IllegalArgumentException.class, () -> engine.run(fsrcnn, new Schedule(List.of(
                new StackSchedule(List.of(4, 5, 6, 7), t, m), new StackSchedule(List.of(0, 1, 2, 3), t, m))), 6, false));
        // a stack with a hole
        assertThrows(IllegalArgumentException.class, () -> engine.run(fsrcnn, new Schedule(List.of(
                new StackSchedule(List.of(0, 2), t, m), new StackSchedule(List.of(1, 3, 4, 5, 6, 7), t, m))), 6, false));
        assertThrows(IllegalArgumentException.class, () -> engine.runStack(fsrcnn, new StackSchedule(List.of(1, 3), t, m), 6, false));
        // the input node is not a layer of any stack
        assertThrows(IllegalArgumentException.class, () -> engine.runStack(fsrcnn, new StackSchedule(List.of(-1, 0), t, m), 6, false));
    }
}
