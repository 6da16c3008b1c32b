package org.tessel.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.costmodel.depthfirst.DepthFirstEngine;
import org.tessel.costmodel.depthfirst.DepthFirstSettings;
import org.tessel.costmodel.depthfirst.aggregate.DepthFirstResult;
import org.tessel.costmodel.depthfirst.graph.StackGraph;
import org.tessel.costmodel.depthfirst.partition.StackCuts;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;

/**
 * The energy of a search's best schedule, its baseline and the layer-by-layer schedule (every layer
 * its own stack, the whole output as one tile), split by memory, MACs and data copies: the search
 * figure's comparison, and the {@code energy_breakdown} of the search JSON when a chart is asked
 * for. The search costs schedules as totals only; this re-runs the (at most three) schedules
 * through the run's engine, whose layer-tile memo the search has already filled.
 */
final class SearchBreakdown {

    private SearchBreakdown() {}

    /**
     * Schedule name ({@code best}, {@code baseline}, {@code layer_by_layer}) → its breakdown
     * ({@link DepthFirstReport#energyBreakdown}); a schedule the report lacks is left out.
     */
    static Map<String, Object> of(SearchReport report, DepthFirstEngine engine) {
        Scenario s = report.setup().scenario();
        int lpf = report.setup().lpfLimit();
        Map<String, Object> out = new LinkedHashMap<>();
        report.result().best().ifPresent(b -> out.put("best", breakdown(engine.run(s, b.schedule(), lpf, false), b.schedule().stacks())));
        Baseline baseline = report.baseline();
        if (baseline != null) {
            out.put("baseline", breakdown(engine.run(s, baseline.schedule(), lpf, false), baseline.schedule().stacks()));
        }
        DepthFirstResult lbl = engine.run(s, new DepthFirstSettings(TileSize.wholeOutput(), OverlapMode.FULLY_CACHED,
                StackCuts.everyLayer(StackGraph.of(s.workload())), lpf, false));
        out.put("layer_by_layer", breakdown(lbl, lbl.stacks().stream()
                .map(st -> new StackSchedule(st.layerIds(), TileSize.wholeOutput(), OverlapMode.FULLY_CACHED)).toList()));
        return out;
    }

    private static Map<String, Object> breakdown(DepthFirstResult result, List<StackSchedule> stacks) {
        return new DepthFirstReport(result, stacks, 0).energyBreakdown();
    }
}
