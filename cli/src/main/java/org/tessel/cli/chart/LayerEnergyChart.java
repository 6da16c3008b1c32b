package org.tessel.cli.chart;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.tessel.model.BadInputException;

/**
 * The figure of one evaluation ({@code tessel evaluate --json}): energy per compute layer as bars
 * stacked by memory, MAC energy and the data copies before the layer, and the layer's
 * {@code latency_total1} below it; a vertical line where one stack ends and the next begins.
 * Copies before a stack's input node have no layer of their own and go in a last bar, "inputs".
 */
public final class LayerEnergyChart {

    private static final String INPUTS = "inputs";
    private static final String COPY_PREFIX = "datamovement_b4_LayerNode_";

    private LayerEnergyChart() {}

    /** The two panels (energy, latency) of an evaluation's JSON document, one above the other. */
    public static List<CategoryChart> of(JsonNode evaluation, String subject) {
        JsonNode layers = evaluation.path("layers");
        if (!layers.isArray() || layers.isEmpty()) {
            throw new BadInputException("not an evaluation result: it has no 'layers'");
        }
        // categories: compute layers in the order the result lists them, then "inputs" if needed
        Map<String, Integer> stackOf = new LinkedHashMap<>();
        for (JsonNode l : layers) {
            if (!l.path("data_copy").asBoolean()) {
                stackOf.put(l.path("name").asText(), l.path("stack").asInt(-1));
            }
        }
        List<String> categories = new ArrayList<>(stackOf.keySet());
        Map<String, double[]> energy = new LinkedHashMap<>(); // series → per category
        double[] mac = new double[categories.size() + 1];
        double[] copies = new double[categories.size() + 1];
        double[] latency = new double[categories.size() + 1];
        for (JsonNode l : layers) {
            String key = l.path("name").asText();
            if (l.path("data_copy").asBoolean()) {
                int i = key.startsWith(COPY_PREFIX) ? categories.indexOf(key.substring(COPY_PREFIX.length())) : -1;
                copies[i < 0 ? categories.size() : i] += l.path("energy_total_pJ").asDouble();
                continue;
            }
            int i = categories.indexOf(key);
            mac[i] = l.path("mac_energy_pJ").asDouble();
            latency[i] = l.path("latency_total1").asDouble();
            l.path("memory_energy_pJ").properties().forEach(m -> energy.computeIfAbsent(m.getKey(),
                    k -> new double[categories.size() + 1])[i] += m.getValue().asDouble());
        }
        boolean inputs = copies[categories.size()] > 0;
        List<String> xs = new ArrayList<>(categories);
        if (inputs) {
            xs.add(INPUTS);
        }
        int width = Math.max(900, 16 * xs.size() + 260);
        CategoryChart e = new CategoryChartBuilder().width(width).height(440).title(subject + ": energy per layer")
                .xAxisTitle("layer (id)").yAxisTitle("energy (pJ)").build();
        style(e, xs.size());
        e.getStyler().setStacked(true);
        energy.entrySet().stream().sorted((a, b) -> Double.compare(sum(b.getValue()), sum(a.getValue())))
                .forEach(m -> e.addSeries(m.getKey(), xs, list(m.getValue(), xs.size())));
        e.addSeries("MACs", xs, list(mac, xs.size()));
        if (sum(copies) > 0) {
            e.addSeries("data copies", xs, list(copies, xs.size()));
        }
        CategoryChart t = new CategoryChartBuilder().width(width).height(440).title(subject + ": latency per layer")
                .xAxisTitle("layer (id)").yAxisTitle("latency_total1 (cycles)").build();
        style(t, xs.size());
        t.addSeries("latency_total1", xs, list(latency, xs.size())).setFillColor(new Color(0x45, 0x75, 0xb4));
        List<Integer> stacks = new ArrayList<>(stackOf.values());
        for (int i = 1; i < stacks.size(); i++) {
            if (!stacks.get(i).equals(stacks.get(i - 1))) { // a category spans [i, i+1) on the chart's x
                e.addAnnotation(boundary(i));
                t.addAnnotation(boundary(i));
            }
        }
        return List.of(e, t);
    }

    private static void style(CategoryChart c, int categories) {
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setAvailableSpaceFill(0.8);
        c.getStyler().setOverlapped(false);
        if (categories > 24) {
            c.getStyler().setXAxisLabelRotation(90);
        }
        c.getStyler().setYAxisDecimalPattern("0.##E0");
        c.getStyler().setAnnotationLineColor(Color.DARK_GRAY);
        c.getStyler().setAnnotationLineStroke(new BasicStroke(1.5f));
    }

    private static AnnotationLine boundary(int category) {
        return new AnnotationLine(category, true, false);
    }

    private static List<Double> list(double[] values, int n) {
        List<Double> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(values[i]);
        }
        return out;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
