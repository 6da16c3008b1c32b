package org.tessel.cli.chart;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;

/**
 * The figure of a sweep, as the reference's case study draws it: one {@link TileHeatmap} per
 * overlap mode (rows) and metric (columns: energy, latency), each metric on one colour scale
 * across modes so that the modes compare at a glance.
 */
public final class SweepHeatmaps {

    /** Panels per row: energy and latency. */
    public static final int COLUMNS = 2;

    private SweepHeatmaps() {}

    /** The panels, mode by mode, energy then latency. */
    public static List<XYChart> of(List<SweepPoint> points, String subject) {
        List<Long> widths = points.stream().map(SweepPoint::width).distinct().sorted().toList();
        List<Long> heights = points.stream().map(SweepPoint::height).distinct().sorted().toList();
        Set<String> modes = new LinkedHashSet<>();
        points.forEach(p -> modes.add(p.mode()));
        LogColourScale energy = LogColourScale.spanning(points.stream().mapToDouble(SweepPoint::energy).toArray());
        LogColourScale latency = LogColourScale.spanning(points.stream().mapToDouble(SweepPoint::latency).toArray());
        List<XYChart> panels = new ArrayList<>();
        for (String mode : modes) {
            List<SweepPoint> ofMode = points.stream().filter(p -> p.mode().equals(mode)).toList();
            panels.add(panel(subject + ", " + mode + ": energy", "pJ", widths, heights, ofMode, SweepPoint::energy, energy));
            panels.add(panel(subject + ", " + mode + ": latency", "cycles", widths, heights, ofMode, SweepPoint::latency,
                    latency));
        }
        return panels;
    }

    private static XYChart panel(String title, String unit, List<Long> widths, List<Long> heights, List<SweepPoint> points,
            ToDoubleFunction<SweepPoint> metric, LogColourScale scale) {
        List<TileHeatmap.Cell> cells = points.stream()
                .map(p -> new TileHeatmap.Cell(p.width(), p.height(), p.feasible() ? metric.applyAsDouble(p) : Double.NaN))
                .toList();
        return TileHeatmap.of(title, unit, widths, heights, cells, scale);
    }
}
