package org.tessel.cli.chart;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Energy by memory of several schedules side by side (a search's best, its baseline and layer by
 * layer), as stacked bars: one segment per memory, MACs and data copies. Drawn from a search
 * result's {@code energy_breakdown}: schedule name → {@code {by_memory: {memory: pJ}, mac_pJ,
 * data_copy_pJ}}.
 */
public final class MemoryEnergyComparison {

    private MemoryEnergyComparison() {}

    /** The chart, or null if the document has no breakdown. */
    public static CategoryChart of(String title, JsonNode breakdown) {
        if (!breakdown.isObject() || breakdown.isEmpty()) {
            return null;
        }
        List<String> schedules = new ArrayList<>();
        breakdown.fieldNames().forEachRemaining(schedules::add);
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (int i = 0; i < schedules.size(); i++) {
            JsonNode b = breakdown.path(schedules.get(i));
            int at = i;
            b.path("by_memory").properties().forEach(m -> value(series, m.getKey(), schedules.size()).set(at, m.getValue().asDouble()));
            value(series, "MACs", schedules.size()).set(i, b.path("mac_pJ").asDouble());
            value(series, "data copies", schedules.size()).set(i, b.path("data_copy_pJ").asDouble());
        }
        CategoryChart chart = new CategoryChartBuilder().width(620).height(460).title(title).xAxisTitle("schedule")
                .yAxisTitle("energy (pJ)").build();
        chart.getStyler().setStacked(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisDecimalPattern("0.##E0");
        chart.getStyler().setAvailableSpaceFill(0.6);
        series.forEach((name, values) -> chart.addSeries(name, schedules.stream().map(s -> s.replace('_', ' ')).toList(), values));
        return chart;
    }

    private static List<Double> value(Map<String, List<Double>> series, String name, int n) {
        return series.computeIfAbsent(name, k -> new ArrayList<>(java.util.Collections.nCopies(n, 0.0)));
    }
}
