package org.tessel.costmodel.depthfirst;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessel.costmodel.SingleLayerEvaluator;
import org.tessel.costmodel.depthfirst.aggregate.DepthFirstResult;

/**
 * Whole schedules with the real single-layer model (LOMA search + cost model) against the
 * reference: network totals and every per-layer energy and {@code latency_total1/2}, within 1e-9
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
        DepthFirstResult r = new DepthFirstEngine(SingleLayerEvaluator.memoized())
                .run(c.scenario(), c.settings(true));
        List<String> bad = c.aggregateMismatches(r);
        assertTrue(bad.isEmpty(), () -> bad.size() + " mismatches:\n" + String.join("\n", bad));
    }

}
