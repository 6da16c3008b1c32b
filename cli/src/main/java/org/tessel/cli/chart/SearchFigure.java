package org.tessel.cli.chart;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;
import org.tessel.model.BadInputException;

/**
 * The figure of a search result ({@code tessel search --json}): the schedule diagram of the best
 * schedule and the baseline, the energy by memory of best, baseline and layer by layer (when the
 * result holds that breakdown) and, for a Pareto search, the front.
 */
public final class SearchFigure {

    private SearchFigure() {}

    /** The figure's panels, each its own chart, in reading order. */
    public static List<Chart<?, ?>> of(JsonNode search) {
        if (!search.has("strategy") || !search.has("best_value")) {
            throw new BadInputException("not a search result: it has no 'strategy' and 'best_value'");
        }
        String subject = search.path("workload").asText() + " on " + search.path("accelerator").asText();
        List<Chart<?, ?>> panels = new ArrayList<>();
        List<ScheduleDiagram.Row> rows = ScheduleDiagram.rowsOf(search);
        if (!rows.isEmpty()) {
            panels.add(ScheduleDiagram.of(subject + ": " + search.path("strategy").asText() + " search, "
                    + search.path("objective").asText(), rows));
        }
        var memories = MemoryEnergyComparison.of(subject + ": energy by memory", search.path("energy_breakdown"));
        if (memories != null) {
            panels.add(memories);
        }
        var front = ParetoChart.of(subject + ": energy-latency front", search);
        if (front != null) {
            panels.add(front);
        }
        return panels;
    }
}
