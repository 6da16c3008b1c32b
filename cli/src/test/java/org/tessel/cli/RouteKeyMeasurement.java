package org.tessel.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.tessel.costmodel.SingleLayerEvaluator;
import org.tessel.costmodel.depthfirst.DepthFirstScheduleEvaluator;
import org.tessel.costmodel.depthfirst.layertile.MemoizingLayerTileEvaluator;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.TileGrid;
import org.tessel.model.search.UnitSpan;

/**
 * Not a test but a measurement, run on request only: how many layer-tiles (LOMA searches) two members
 * compute for the same stacks when the stacks are routed by their unit span, by their tile and mode
 * ({@code ClusterStackCoster}'s key) or by last unit, tile and mode, against one member alone. Each
 * member has its own layer-tile memo, as on a cluster.
 *
 * <pre>bin/with-jdk25 mvn -B -q test -pl cli -am -Dtest=RouteKeyMeasurement -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dexp.workload=fsrcnn -Dexp.maxlen=3</pre>
 * (one line per key on standard output).
 */
@EnabledIfSystemProperty(named = "exp.workload", matches = ".+")
class RouteKeyMeasurement {
    @Test
    void layerTilesPerRouteKey() {
        String w = System.getProperty("exp.workload", "fsrcnn");
        String acc = System.getProperty("exp.acc", "Meta_prototype_DF");
        String fam = System.getProperty("exp.family", "Meta_prototype");
        int maxLen = Integer.getInteger("exp.maxlen", 3);
        Scenario s = Scenario.load(Path.of("../configs/workloads/" + w + ".yaml"), Path.of("../configs/accelerators/" + acc + ".yaml"),
                Path.of("../configs/mappings/" + fam + "/" + w + ".yaml"));
        ScheduleSpace space = ScheduleSpace.of(s.workload(), TileGrid.divisorsAndPowers(), List.of(OverlapMode.values()));
        int n = space.units().count();
        List<StackSchedule> stacks = new ArrayList<>();
        for (int first = 0; first < n; first++) {
            for (int last = first; last < Math.min(n, first + maxLen); last++) {
                for (int t = 0; t < space.tileCandidates(last).size(); t++) {
                    for (OverlapMode m : space.modes()) {
                        stacks.add(space.stack(new UnitSpan(first, last), t, m));
                    }
                }
            }
        }
        System.out.println(w + ": " + n + " units, " + stacks.size() + " stacks (span length <= " + maxLen + ")");
        Map<String, Function<StackSchedule, String>> keys = new LinkedHashMap<>();
        keys.put("one member", st -> "");
        keys.put("span", st -> st.layerIds().getFirst() + "-" + st.layerIds().getLast());
        keys.put("tile+mode", st -> st.tile() + "|" + st.mode());
        keys.put("last+tile+mode", st -> st.layerIds().getLast() + "|" + st.tile() + "|" + st.mode());
        for (var e : keys.entrySet()) {
            int members = e.getKey().equals("one member") ? 1 : 2;
            long[] misses = new long[members];
            long[] ms = new long[members];
            long[] count = new long[members];
            for (int m = 0; m < members; m++) {
                MemoizingLayerTileEvaluator lt = SingleLayerEvaluator.memoized();
                DepthFirstScheduleEvaluator ev = new DepthFirstScheduleEvaluator(s, lt, 6, false);
                long t0 = System.nanoTime();
                for (StackSchedule st : stacks) {
                    if (Math.floorMod(e.getValue().apply(st).hashCode(), members) == m) {
                        ev.evaluateStack(st);
                        count[m]++;
                    }
                }
                ms[m] = (System.nanoTime() - t0) / 1_000_000;
                misses[m] = lt.misses();
            }
            System.out.printf("%-15s stacks %s, layer-tile misses %s (sum %d), ms %s (max %d)%n", e.getKey(),
                    java.util.Arrays.toString(count), java.util.Arrays.toString(misses), java.util.Arrays.stream(misses).sum(),
                    java.util.Arrays.toString(ms), java.util.Arrays.stream(ms).max().getAsLong());
        }
    }
}
