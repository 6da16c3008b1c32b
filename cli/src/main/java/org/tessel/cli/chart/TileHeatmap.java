package org.tessel.cli.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One heatmap panel over tile width × tile height: one equal cell per swept size, the axes
 * labelled with the swept sizes in order (the grids of tile sizes people sweep are geometric, so
 * this is a log scale for them, as in the reference's figures), coloured on a
 * {@link LogColourScale} with one legend entry per colour; the best (lowest) cell marked with a
 * diamond and named in the legend, infeasible cells with a grey cross.
 */
public final class TileHeatmap {

    /** Panel size in logical pixels. */
    public static final int WIDTH = 800;
    public static final int HEIGHT = 460;

    private TileHeatmap() {}

    /**
     * One swept point of a panel.
     *
     * @param width tile width
     * @param height tile height
     * @param value the metric, or NaN if the point is infeasible
     */
    public record Cell(long width, long height, double value) {}

    /**
     * The panel.
     *
     * @param title panel title (mode and metric)
     * @param unit the metric's unit, for the legend
     * @param widths the swept widths, ascending, distinct
     * @param heights the swept heights, ascending, distinct
     * @param cells the points of this panel
     * @param scale the colour scale (shared by panels of one metric so they compare), or null if
     *     no point is feasible
     */
    public static XYChart of(String title, String unit, List<Long> widths, List<Long> heights, List<Cell> cells,
            LogColourScale scale) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("tile width (output columns)").yAxisTitle("tile height (output rows)").build();
        var styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesVisible(false);
        styler.setMarkerSize(12);
        double[] xs = edges(widths.size());
        double[] ys = edges(heights.size());
        styler.setXAxisMin(xs[0]).setXAxisMax(xs[xs.length - 1]).setYAxisMin(ys[0]).setYAxisMax(ys[ys.length - 1]);
        // one tick per cell: a spacing hint of about a cell makes XChart step by 1 (cell centres at
        // whole numbers, labelled with the swept sizes); the invisible series keeps every centre in
        // the data range
        styler.setXAxisTickMarkSpacingHint(Math.max(20, (int) (0.8 * (WIDTH - 300) / widths.size())));
        styler.setYAxisTickMarkSpacingHint(Math.max(20, (int) (0.8 * (HEIGHT - 120) / heights.size())));
        chart.setCustomXAxisTickLabelsFormatter(v -> label(v, widths));
        chart.setCustomYAxisTickLabelsFormatter(v -> label(v, heights));
        int k = Math.max(widths.size(), heights.size());
        double[] tx = new double[k];
        double[] ty = new double[k];
        for (int i = 0; i < k; i++) {
            tx[i] = Math.min(i, widths.size() - 1);
            ty[i] = Math.min(i, heights.size() - 1);
        }
        XYSeries ticks = chart.addSeries(" ", tx, ty);
        ticks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        ticks.setMarker(SeriesMarkers.NONE);
        ticks.setShowInLegend(false);

        if (scale != null) { // legend entries first, warm to cool, each an empty series of its colour
            for (int b = scale.bins() - 1; b >= 0; b--) {
                XYSeries s = chart.addSeries(scale.label(b) + " " + unit, new double[] {xs[0]}, new double[] {ys[0]});
                s.setFillColor(scale.colour(b));
                s.setLineColor(scale.colour(b));
                s.setMarker(SeriesMarkers.NONE);
            }
        }
        Cell best = null;
        int n = 0;
        List<double[]> infeasible = new ArrayList<>();
        for (Cell c : cells) {
            int i = widths.indexOf(c.width());
            int j = heights.indexOf(c.height());
            if (Double.isNaN(c.value())) {
                infeasible.add(new double[] {i, j});
                continue;
            }
            if (best == null || c.value() < best.value()) {
                best = c;
            }
            Color colour = scale.colour(scale.bin(c.value()));
            XYSeries s = chart.addSeries("cell " + n++, new double[] {xs[i], xs[i + 1], xs[i + 1], xs[i], xs[i]},
                    new double[] {ys[j], ys[j], ys[j + 1], ys[j + 1], ys[j]});
            s.setFillColor(colour);
            s.setLineColor(Color.WHITE);
            s.setShowInLegend(false);
            s.setMarker(SeriesMarkers.NONE);
        }
        if (best != null) {
            XYSeries s = chart.addSeries(String.format(Locale.ROOT, "best: %s %s at %d×%d", LogColourScale.compact(best.value()), unit,
                    best.width(), best.height()), new double[] {widths.indexOf(best.width())}, new double[] {heights.indexOf(best.height())});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.DIAMOND).setMarkerColor(Color.BLACK);
        } else {
            chart.setTitle(title + " (no feasible point)");
        }
        if (!infeasible.isEmpty()) {
            XYSeries s = chart.addSeries("infeasible (" + infeasible.size() + ")",
                    infeasible.stream().mapToDouble(p -> p[0]).toArray(), infeasible.stream().mapToDouble(p -> p[1]).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CROSS).setMarkerColor(Color.DARK_GRAY);
        }
        return chart;
    }

    /** Cell edges: cell {@code i} spans [i − ½, i + ½]. */
    static double[] edges(int n) {
        double[] e = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            e[i] = i - 0.5;
        }
        return e;
    }

    /** A tick label: the swept size at a cell centre, nothing visible elsewhere. */
    private static String label(double position, List<Long> sizes) {
        long i = Math.round(position);
        if (Math.abs(position - i) < 1e-9 && i >= 0 && i < sizes.size()) {
            return String.valueOf(sizes.get((int) i));
        }
        // XChart drops every tick label of a step whose (trimmed) labels are not all distinct:
        // zero-width spaces, which trimming keeps, a different number at each other tick
        return "\u200B".repeat((int) Math.max(1, Math.round(2 * position + 3)));
    }

}
