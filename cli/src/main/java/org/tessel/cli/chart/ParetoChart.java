package org.tessel.cli.chart;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The energy–latency front of a Pareto search: its points joined in order of energy, with the
 * baseline and the layer-by-layer schedule marked for scale. Both axes logarithmic when the points
 * span more than a decade.
 */
public final class ParetoChart {

    private ParetoChart() {}

    /** The chart of a search result with a {@code front}, or null if it has none. */
    public static XYChart of(String title, JsonNode search) {
        JsonNode front = search.path("front");
        if (!front.isArray() || front.isEmpty()) {
            return null;
        }
        List<double[]> points = new ArrayList<>();
        front.forEach(p -> points.add(new double[] {p.path("energy_pj").asDouble(), p.path("latency_cycles").asDouble()}));
        points.sort(Comparator.comparingDouble(p -> p[0]));
        XYChart chart = new XYChartBuilder().width(620).height(460).title(title).xAxisTitle("energy (pJ)")
                .yAxisTitle("latency_total1 (cycles)").build();
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setMarkerSize(9);
        styler.setXAxisDecimalPattern("0.##E0");
        styler.setYAxisDecimalPattern("0.##E0");
        XYSeries f = chart.addSeries("front (" + points.size() + " schedules)", points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray());
        f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        f.setMarker(SeriesMarkers.CIRCLE);
        List<double[]> all = new ArrayList<>(points);
        mark(chart, "baseline", search.path("baseline_energy_pj"), search.path("baseline_latency_cycles"), SeriesMarkers.SQUARE,
                new Color(0xd7, 0x30, 0x27), all);
        JsonNode lbl = search.path("energy_breakdown").path("layer_by_layer");
        mark(chart, "layer by layer", lbl.path("energy_pJ"), lbl.path("latency_cycles"), SeriesMarkers.TRIANGLE_UP,
                new Color(0x1a, 0x98, 0x50), all);
        boolean wide = spread(all, 0) > 10 || spread(all, 1) > 10;
        styler.setXAxisLogarithmic(wide && spread(all, 0) > 10);
        styler.setYAxisLogarithmic(wide && spread(all, 1) > 10);
        return chart;
    }

    private static void mark(XYChart chart, String name, JsonNode energy, JsonNode latency,
            org.knowm.xchart.style.markers.Marker marker, Color colour, List<double[]> all) {
        if (energy.isNumber() && latency.isNumber()) {
            XYSeries s = chart.addSeries(name, new double[] {energy.asDouble()}, new double[] {latency.asDouble()});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(marker).setMarkerColor(colour);
            all.add(new double[] {energy.asDouble(), latency.asDouble()});
        }
    }

    private static double spread(List<double[]> points, int axis) {
        double lo = points.stream().mapToDouble(p -> p[axis]).min().orElse(1);
        double hi = points.stream().mapToDouble(p -> p[axis]).max().orElse(1);
        return lo > 0 ? hi / lo : 1;
    }
}
