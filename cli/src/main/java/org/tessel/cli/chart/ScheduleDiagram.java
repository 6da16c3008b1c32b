package org.tessel.cli.chart;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Schedules as diagrams: the network's compute layers along the x axis in the schedule's order,
 * one row per schedule (the best on top), each stack a span labelled with its tile and overlap
 * mode where the span is wide enough for it. Neighbouring stacks alternate between two shades of the row's colour; labels are staggered
 * in height so that short stacks' labels do not collide.
 */
public final class ScheduleDiagram {

    private static final Color[][] SHADES = {
        {new Color(0x45, 0x75, 0xb4), new Color(0x91, 0xbf, 0xdb)},
        {new Color(0xd7, 0x30, 0x27), new Color(0xfc, 0x8d, 0x59)},
        {new Color(0x1a, 0x98, 0x50), new Color(0x91, 0xcf, 0x60)}};

    /** Spans narrower than this (logical pixels) go unlabelled. */
    private static final double MIN_LABELLED_WIDTH = 36;

    private ScheduleDiagram() {}

    /**
     * A named schedule (the {@code best_schedule} / {@code baseline_schedule} of a search result).
     *
     * @param name the row's legend name
     * @param schedule the schedule document: {@code stacks: [{layers, tile, mode}]}
     */
    public record Row(String name, JsonNode schedule) {}

    /** The diagram of {@code rows} (at most three), top to bottom. */
    public static XYChart of(String title, List<Row> rows) {
        int layers = rows.stream().mapToInt(r -> layerCount(r.schedule())).max().orElse(1);
        XYChart chart = new XYChartBuilder().width(Math.max(900, 14 * layers + 200)).height(150 + 110 * rows.size())
                .title(title).xAxisTitle("compute layers, in schedule order (stack spans labelled tile, mode)").build();
        double pixelsPerLayer = (chart.getWidth() - 120.0) / layers;
        var styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesVisible(false);
        styler.setYAxisTicksVisible(false);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setXAxisMin(0.0).setXAxisMax((double) layers);
        styler.setYAxisMin(0.0).setYAxisMax((double) rows.size());
        styler.setAnnotationTextFontColor(Color.BLACK);
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            double y0 = rows.size() - r - 1 + 0.08;
            double y1 = y0 + 0.84;
            JsonNode stacks = row.schedule().path("stacks");
            int x = 0;
            for (int s = 0; s < stacks.size(); s++) {
                JsonNode stack = stacks.get(s);
                int n = stack.path("layers").size();
                Color colour = SHADES[r % SHADES.length][s % 2];
                XYSeries span = chart.addSeries(s == 0 ? row.name() + " (" + stacks.size() + (stacks.size() == 1 ? " stack)" : " stacks)") : row.name() + " " + s,
                        new double[] {x, x + n, x + n, x, x}, new double[] {y0, y0, y1, y1, y0});
                span.setFillColor(colour);
            span.setLineColor(Color.WHITE);
            span.setShowInLegend(s == 0);
                span.setMarker(SeriesMarkers.NONE);
                double labelY = y0 + (y1 - y0) * (0.25 + 0.25 * (s % 3));
                if (n * pixelsPerLayer >= MIN_LABELLED_WIDTH) { // narrower spans would only print over each other
                    chart.addAnnotation(new AnnotationText(label(stack), x + n / 2.0, labelY, false));
                }
                x += n;
            }
        }
        return chart;
    }

    /** A stack's label, e.g. {@code 60×72 fc}. */
    static String label(JsonNode stack) {
        String mode = switch (stack.path("mode").asText()) {
            case "fully-recompute" -> "fr";
            case "h-cached-v-recompute" -> "hc";
            case "fully-cached" -> "fc";
            default -> stack.path("mode").asText();
        };
        return String.format(Locale.ROOT, "%s %s", stack.path("tile").asText().replace('x', '×'), mode);
    }

    private static int layerCount(JsonNode schedule) {
        int n = 0;
        for (JsonNode s : schedule.path("stacks")) {
            n += s.path("layers").size();
        }
        return Math.max(1, n);
    }

    /** The rows present in a search result: best, baseline, in that order. */
    static List<Row> rowsOf(JsonNode search) {
        List<Row> rows = new ArrayList<>();
        if (search.path("best_schedule").isObject()) {
            rows.add(new Row("best", search.path("best_schedule")));
        }
        if (search.path("baseline_schedule").isObject()) {
            rows.add(new Row("baseline", search.path("baseline_schedule")));
        }
        return rows;
    }
}
