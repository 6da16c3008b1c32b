package org.tessel.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.tessel.model.BadInputException;

/**
 * The PNG chart of a {@link Comparison}: per strategy, the median over seeds of the best-so-far
 * value divided by the exact optimum, against evaluator calls (both axes logarithmic). Drawn
 * headless.
 *
 * @param comparison the runs to draw
 */
record ComparisonChart(Comparison comparison) {

    /** Draws the chart and writes it to {@code file} as PNG. */
    void writePng(Path file) {
        System.setProperty("java.awt.headless", "true"); // no display needed, none used
        XYChart chart = new XYChartBuilder().width(900).height(560)
                .title("Best so far, " + comparison.setup().scenario().workload().name() + " on "
                        + comparison.setup().scenario().accelerator().name() + " (" + comparison.setup().objective().cliName()
                        + ", median over seeds)")
                .xAxisTitle("evaluations (stacks costed)").yAxisTitle("best so far / exact optimum").build();
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(1.0); // the exact optimum is the floor
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        chart.getStyler().setMarkerSize(0);
        boolean any = false;
        for (StrategyChoice s : comparison.strategies()) {
            List<ComparisonRun> runs = comparison.runsOf(s);
            TreeSet<Long> xs = new TreeSet<>();
            runs.forEach(r -> r.result().trace().forEach(p -> xs.add(Math.max(1, p.evaluations()))));
            runs.forEach(r -> xs.add(Math.max(1, r.result().evaluations())));
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (long e : xs) {
                double median = Comparison.median(runs.stream().mapToDouble(r -> r.bestAfter(e)).toArray());
                if (Double.isFinite(median)) {
                    x.add((double) e);
                    y.add(median / comparison.optimum());
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(s.cliName(), x, y);
                any = true;
            }
        }
        if (!any) {
            chart.addSeries("no feasible schedule found", List.of(1.0), List.of(1.0));
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new BadInputException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
