package org.tessel.costmodel.depthfirst;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessel.costmodel.SingleLayerEvaluator;

/**
 * Whole schedules with the real single-layer model (LOMA search + cost model) against the
 * reference: network totals and every per-layer energy and {@code latency_total1}, within 1e-9
 * relative, for every reference case. {@code DefinesReferenceTest} checks the same cases in more
 * detail with replayed single-layer results, {@code ReferenceSearchTest} one layer-tile at a time.
 */
class EndToEndReferenceTest {

    static Stream<String> cases() {
        return ReferenceCase.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void wholeScheduleMatchesTheReference(String name) {
        ReferenceCase c = ReferenceCase.load(name);
        DepthFirstResult r = new DepthFirstEngine(new MemoizingLayerTileEvaluator(new SingleLayerEvaluator(), 100_000))
                .run(c.scenario(), c.settings(true));
        List<String> bad = new ArrayList<>();
        for (JsonNode layer : c.json().get("layers")) {
            String key = layer.get("name").asText();
            KeyAggregate agg = r.key(key);
            JsonNode acc = layer.get("accumulated");
            check(bad, key + " energy_total", acc.get("energy_total").asDouble(), agg.energyTotal());
            check(bad, key + " latency_total1", acc.get("latency_total1").asDouble(), agg.latencyTotal1());
        }
        JsonNode t = c.json().get("totals");
        check(bad, "network energy", t.get("energy_total").asDouble(), r.totals().energyTotal());
        check(bad, "network latency_total0", t.get("latency_total0_incl_datacopy").asDouble(), r.totals().latencyTotal0());
        check(bad, "network latency_total1", t.get("latency_total1").asDouble(), r.totals().latencyTotal1());
        check(bad, "network latency_total2", t.get("latency_total2_as_accumulated").asDouble(), r.totals().latencyTotal2());
        assertTrue(bad.isEmpty(), () -> bad.size() + " mismatches:\n" + String.join("\n", bad));
    }

    private static void check(List<String> bad, String what, double expected, double actual) {
        if (Math.abs(expected - actual) > 1e-9 * Math.max(Math.abs(expected), Math.abs(actual))) {
            bad.add(what + ": expected " + expected + ", got " + actual);
        }
    }
}
