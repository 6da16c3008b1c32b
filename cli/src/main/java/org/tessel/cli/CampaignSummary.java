package org.tessel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.tessel.cli.chart.ChartFile;
import org.tessel.cli.io.AtomicFile;
import org.tessel.model.search.SearchResult;
import org.tessel.model.search.TracePoint;

/**
 * The summary of a campaign's runs per problem (workload, accelerator, mapping, objective, tile grid,
 * loop-prime-factor limit), like {@code compare}'s table: per strategy and budget the runs, best and
 * median value, the gap to the exact optimum where an exhaustive run is part of the campaign (else to
 * the best value found), the runs within 1 % of it; and one chart per problem ({@link ComparisonChart}).
 *
 * @param problems the problems in campaign order, each with its setup and its rows in run order
 */
record CampaignSummary(List<Problem> problems) {

    static final String FILE = "summary.csv";
    static final String CHARTS = "charts";

    static final List<String> COLUMNS = List.of("workload", "accelerator", "mapping_file", "objective", "unit", "tile_grid",
            "lpf_limit", "strategy", "budget_evals", "runs", "best", "median", "reference", "reference_value", "gap_best_percent",
            "gap_median_percent", "within_1pct", "evals_to_1pct_median", "wall_s_median");

    /**
     * One problem of the campaign.
     *
     * @param setup the problem as a search sees it (names, objective, unit)
     * @param rows its runs
     */
    record Problem(SearchSetup setup, List<ObjectNode> rows) {

        /** The exact optimum (best of the complete exhaustive runs), or NaN. */
        double optimum() {
            return rows.stream().filter(r -> r.get("strategy").asText().equals("exhaustive") && r.get("complete").asBoolean())
                    .mapToDouble(CampaignSummary::value).min().orElse(Double.NaN);
        }

        /** The optimum if known, else the best value found. */
        double reference() {
            double optimum = optimum();
            return Double.isNaN(optimum) ? rows.stream().mapToDouble(CampaignSummary::value).min().orElse(Double.NaN) : optimum;
        }

        /** The runs as {@code compare} sees them. */
        List<ComparisonRun> comparisonRuns() {
            return rows.stream().map(r -> new ComparisonRun(StrategyChoice.parse(r.get("strategy").asText()),
                    r.get("seed").isNull() ? null : r.get("seed").asLong(), result(r))).toList();
        }
    }

    /** The best value of a row; +∞ if it found no feasible schedule. */
    static double value(JsonNode row) {
        JsonNode v = row.get("best_value");
        return v == null || v.isNull() ? Double.POSITIVE_INFINITY : v.asDouble();
    }

    /** A row's search result as far as the summary needs it: value, evaluations, time, trace. */
    static SearchResult result(JsonNode row) {
        List<TracePoint> trace = new ArrayList<>();
        row.get("trace").forEach(p -> trace.add(new TracePoint(p.get("evaluations").asLong(), p.get("value").asDouble())));
        ObjectiveChoice objective = ObjectiveChoice.parse(row.get("objective").asText());
        return new SearchResult(row.get("strategy").asText(), objective.objective(), List.of(), value(row),
                row.get("evaluations").asLong(), Duration.ofMillis(row.get("wall_ms").asLong()), trace, row.get("complete").asBoolean());
    }

    /** The summary rows, one per problem, strategy and budget. */
    List<Map<String, String>> lines() {
        List<Map<String, String>> lines = new ArrayList<>();
        for (Problem p : problems) {
            double reference = p.reference();
            boolean exact = !Double.isNaN(p.optimum());
            Map<String, List<ObjectNode>> byStrategy = new LinkedHashMap<>();
            for (ObjectNode r : p.rows()) {
                byStrategy.computeIfAbsent(r.get("strategy").asText() + "|" + r.get("budget_evals").asText(""), k -> new ArrayList<>())
                        .add(r);
            }
            for (List<ObjectNode> rs : byStrategy.values()) {
                ObjectNode first = rs.getFirst();
                double[] values = rs.stream().mapToDouble(CampaignSummary::value).toArray();
                double best = Arrays.stream(values).min().orElse(Double.POSITIVE_INFINITY);
                double median = Comparison.median(values);
                List<ComparisonRun> runs = rs.stream().map(r -> new ComparisonRun(StrategyChoice.parse(r.get("strategy").asText()), null,
                        result(r))).toList();
                List<OptionalLong> reached = runs.stream().map(r -> r.evaluationsToWithin(reference, Comparison.TOLERANCE)).toList();
                double[] toReach = reached.stream().filter(OptionalLong::isPresent).mapToDouble(OptionalLong::getAsLong).toArray();
                double[] wall = rs.stream().mapToDouble(r -> r.get("wall_ms").asLong() / 1000.0).toArray();
                Map<String, String> line = new LinkedHashMap<>();
                line.put("workload", first.get("workload").asText());
                line.put("accelerator", first.get("accelerator").asText());
                line.put("mapping_file", first.get("mapping_file").asText());
                line.put("objective", first.get("objective").asText());
                line.put("unit", first.get("unit").asText());
                line.put("tile_grid", first.get("tile_grid").asText());
                line.put("lpf_limit", first.get("lpf_limit").asText());
                line.put("strategy", first.get("strategy").asText());
                line.put("budget_evals", first.get("budget_evals").asText(""));
                line.put("runs", Integer.toString(rs.size()));
                line.put("best", number(best));
                line.put("median", number(median));
                line.put("reference", exact ? "exact optimum" : "best found");
                line.put("reference_value", number(reference));
                line.put("gap_best_percent", percent(best / reference - 1));
                line.put("gap_median_percent", percent(median / reference - 1));
                line.put("within_1pct", toReach.length + "/" + rs.size());
                line.put("evals_to_1pct_median", toReach.length == 0 ? "" : String.format(Locale.ROOT, "%.0f", Comparison.median(toReach)));
                line.put("wall_s_median", String.format(Locale.ROOT, "%.3f", Comparison.median(wall)));
                lines.add(line);
            }
        }
        return lines;
    }

    /** Writes {@code summary.csv} into {@code dir}. */
    void writeCsv(Path dir) {
        CsvSchema schema = CsvSchema.builder().addColumns(COLUMNS, CsvSchema.ColumnType.STRING).build();
        StringBuilder text = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        CsvMapper mapper = CampaignResults.CSV_MAPPER;
        try {
            for (Map<String, String> line : lines()) {
                text.append(mapper.writer(schema).writeValueAsString(line));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        AtomicFile.write(dir.resolve(FILE), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Draws one chart per problem into {@code dir/charts} (best so far over the reference value against
     * evaluations, median over seeds, as {@code compare --chart}).
     *
     * @return the files written
     */
    List<Path> writeCharts(Path dir, String extension) {
        List<Path> files = new ArrayList<>();
        Path charts = dir.resolve(CHARTS);
        try {
            java.nio.file.Files.createDirectories(charts);
        } catch (java.io.IOException e) {
            throw new org.tessel.model.BadInputException("--out: cannot create " + charts + ": " + e.getMessage(), e);
        }
        Map<String, Integer> used = new LinkedHashMap<>();
        for (Problem p : problems) {
            double reference = p.reference();
            if (!Double.isFinite(reference)) {
                continue; // nothing feasible: nothing to draw against
            }
            String base = (p.setup().scenario().workload().name() + "_" + p.setup().scenario().accelerator().name() + "_"
                    + p.setup().objective().cliName()).replaceAll("[^A-Za-z0-9._-]", "_");
            int n = used.merge(base, 1, Integer::sum);
            Path file = charts.resolve(base + (n == 1 ? "" : "_" + n) + "." + extension);
            long budget = p.rows().stream().mapToLong(r -> r.get("budget_evals").asLong(0)).max().orElse(0);
            Comparison comparison = new Comparison(p.setup(), reference, budget, p.comparisonRuns());
            ChartFile.write(file, List.of(new ComparisonChart(comparison).chart()), 1, "--out");
            files.add(file);
        }
        return files;
    }

    private static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static String percent(double gap) {
        return Double.isFinite(gap) ? String.format(Locale.ROOT, "%.4f", 100 * gap) : "";
    }
}
