package org.tessel.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tessel.cli.chart.ChartFile;
import org.tessel.cli.chart.LayerEnergyChart;
import org.tessel.cli.chart.LogColourScale;
import org.tessel.cli.chart.SearchFigure;
import org.tessel.cli.chart.SweepHeatmaps;
import org.tessel.cli.chart.SweepPoint;
import org.tessel.model.BadInputException;

/**
 * Reads one result file into a report {@link Section}, recognising what it is by its content: a
 * sweep CSV (by its header), an evaluation or search JSON (by {@code kind}, or by their fields for
 * files written before {@code kind} existed), any other CSV with a header line as a plain table.
 */
public final class ResultFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultFile() {}

    /**
     * The section of {@code file}.
     *
     * @throws BadInputException if the file cannot be read or is not a result Tessel writes
     */
    public static Section read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            JsonNode doc;
            try {
                doc = JSON.readTree(file.toFile());
            } catch (IOException e) {
                throw new BadInputException(file + ": not valid JSON (" + BadInputException.oneLine(e.getMessage()) + ")");
            }
            String kind = doc.path("kind").asText(doc.has("strategy") ? "search" : doc.has("layers") ? "evaluate" : "");
            return switch (kind) {
                case "search" -> search(file, doc);
                case "evaluate" -> evaluation(file, doc);
                default -> throw new BadInputException(file + ": not a result Tessel writes (neither a search nor an "
                        + "evaluation JSON)");
            };
        }
        if (name.endsWith(".csv")) {
            List<String> lines = lines(file);
            if (!lines.isEmpty() && lines.getFirst().strip().equals(SweepPoint.HEADER)) {
                return sweep(file);
            }
            return table(file, lines);
        }
        throw new BadInputException(file + ": a result file ends in .json or .csv");
    }

    private static Section sweep(Path file) {
        List<SweepPoint> points = SweepPoint.readCsv(file);
        if (points.isEmpty()) {
            throw new BadInputException(file + ": a sweep CSV without rows");
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("points", String.valueOf(points.size()));
        inputs.put("tile widths", joined(points.stream().map(SweepPoint::width).distinct().sorted().toList()));
        inputs.put("tile heights", joined(points.stream().map(SweepPoint::height).distinct().sorted().toList()));
        inputs.put("overlap modes", String.join(", ", points.stream().map(SweepPoint::mode).distinct().toList()));
        List<List<String>> rows = new ArrayList<>();
        for (String mode : points.stream().map(SweepPoint::mode).distinct().toList()) {
            List<SweepPoint> ofMode = points.stream().filter(p -> p.mode().equals(mode) && p.feasible()).toList();
            var bestE = ofMode.stream().min(Comparator.comparingDouble(SweepPoint::energy));
            var bestL = ofMode.stream().min(Comparator.comparingDouble(SweepPoint::latency));
            long infeasible = points.stream().filter(p -> p.mode().equals(mode) && !p.feasible()).count();
            rows.add(List.of(mode, bestE.map(p -> p.width() + "×" + p.height()).orElse("–"),
                    bestE.map(p -> sci(p.energy())).orElse("–"), bestL.map(p -> p.width() + "×" + p.height()).orElse("–"),
                    bestL.map(p -> sci(p.latency())).orElse("–"), String.valueOf(infeasible)));
        }
        Section.Table best = new Section.Table("best point per overlap mode",
                List.of("mode", "best tile (energy)", "energy pJ", "best tile (latency)", "latency_total1 cycles", "infeasible"),
                rows);
        byte[] png = ChartFile.png(SweepHeatmaps.of(points, file.getFileName().toString()), SweepHeatmaps.COLUMNS);
        return new Section("sweep: " + file.getFileName(), file.toString(), inputs, List.of(best), List.of(png));
    }

    private static Section evaluation(Path file, JsonNode doc) {
        String subject = doc.path("workload").asText("?") + " on " + doc.path("accelerator").asText("?");
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("workload", doc.path("workload").asText("(not recorded)"));
        inputs.put("accelerator", doc.path("accelerator").asText("(not recorded)"));
        inputs.put("cuts", doc.path("cuts").toString());
        Section.Table totals = new Section.Table("totals", List.of("energy pJ", "MAC pJ", "memory pJ", "data copies pJ",
                "latency_total0", "latency_total1", "latency_total2"),
                List.of(List.of(sci(doc.path("energy_total_pJ").asDouble()), sci(doc.path("mac_energy_pJ").asDouble()),
                        sci(doc.path("memory_energy_pJ").asDouble()), sci(doc.path("data_copy_energy_pJ").asDouble()),
                        doc.path("latency_total0").asText(), doc.path("latency_total1").asText(), doc.path("latency_total2").asText())));
        List<List<String>> stacks = new ArrayList<>();
        int i = 0;
        for (JsonNode s : doc.path("stacks")) {
            stacks.add(List.of(String.valueOf(i++), s.path("layers").toString(), s.path("tile").asText(), s.path("mode").asText(),
                    String.valueOf(s.path("tile_types").size())));
        }
        Section.Table stackTable = new Section.Table("stacks", List.of("stack", "layers", "tile", "mode", "tile types"), stacks);
        byte[] png = ChartFile.png(LayerEnergyChart.of(doc, subject), 1);
        return new Section("evaluate: " + subject, file.toString(), inputs, List.of(totals, stackTable), List.of(png));
    }

    private static Section search(Path file, JsonNode doc) {
        String subject = doc.path("workload").asText("?") + " on " + doc.path("accelerator").asText("?");
        Map<String, String> inputs = new LinkedHashMap<>();
        for (String field : List.of("workload", "accelerator", "strategy", "objective", "seed", "tile_grid", "lpf_limit", "space_size",
                "stack_count")) {
            if (doc.has(field)) {
                inputs.put(field.replace('_', ' '), doc.path(field).isValueNode() ? doc.path(field).asText() : doc.path(field).toString());
            }
        }
        String unit = doc.path("unit").asText("");
        Section.Table summary = new Section.Table("result", List.of("best " + unit, "baseline " + unit, "gain", "evaluations",
                "complete", "wall ms"),
                List.of(List.of(value(doc.path("best_value")), value(doc.path("baseline_value")), value(doc.path("gain")),
                        doc.path("evaluations").asText(), doc.path("complete").asText(), doc.path("wall_ms").asText())));
        List<List<String>> stacks = new ArrayList<>();
        int i = 0;
        for (JsonNode s : doc.path("best_schedule").path("stacks")) {
            stacks.add(List.of(String.valueOf(i++), s.path("layers").toString(), s.path("tile").asText(), s.path("mode").asText()));
        }
        Section.Table schedule = new Section.Table("best schedule", List.of("stack", "layers", "tile", "mode"), stacks);
        var panels = SearchFigure.of(doc);
        List<byte[]> images = panels.isEmpty() ? List.of() : List.of(ChartFile.png(panels, 1));
        return new Section("search: " + subject, file.toString(), inputs, List.of(summary, schedule), images);
    }

    private static Section table(Path file, List<String> lines) {
        if (lines.isEmpty()) {
            throw new BadInputException(file + ": an empty CSV file");
        }
        List<String> header = List.of(lines.getFirst().split(",", -1));
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = List.of(line.split(",", -1));
            if (cells.size() == header.size()) { // a torn last line is left out
                rows.add(cells);
            }
        }
        return new Section("table: " + file.getFileName(), file.toString(), Map.of("rows", String.valueOf(rows.size())),
                List.of(new Section.Table(file.getFileName().toString(), header, rows)), List.of());
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static String value(JsonNode v) {
        return v.isNumber() ? sci(v.asDouble()) : v.isNull() || v.isMissingNode() ? "–" : v.asText();
    }

    private static String sci(double v) {
        return LogColourScale.compact(v);
    }

    private static String joined(List<Long> values) {
        return String.join(", ", values.stream().map(String::valueOf).toList());
    }
}
