package org.tessel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.cli.io.AtomicFile;
import org.tessel.cluster.CampaignRun;
import org.tessel.model.BadInputException;

/**
 * A campaign's results: {@code runs.jsonl} (one JSON object per run: every field of {@code search
 * --json}, trace and schedules included, plus the campaign's own) and {@code runs.csv} (the fields
 * that fit a row). The JSON Lines file is the record that {@code --resume} reads; the CSV is
 * derived from it. Rows are appended as runs finish (in campaign order) and both files are
 * rewritten whole, in campaign order, at the end.
 */
final class CampaignResults implements AutoCloseable {

    static final String JSONL = "runs.jsonl";
    static final String CSV = "runs.csv";

    /** The CSV's columns, in order. */
    static final List<String> COLUMNS = List.of("run", "workload_file", "accelerator_file", "mapping_file", "workload", "accelerator",
            "strategy", "objective", "unit", "seed", "budget_evals", "tile_grid", "lpf_limit", "space_size", "stack_count", "best_value",
            "best_energy_pj", "best_latency_cycles", "baseline_value", "baseline_energy_pj", "baseline_latency_cycles",
            "baseline_candidates", "baseline_note", "gain", "evaluations", "complete", "interrupted", "wall_ms", "baseline_ms", "member");

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Quotes a field only where CSV needs it (a comma, a quote, a line break). */
    static final CsvMapper CSV_MAPPER = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private static final CsvSchema SCHEMA = CsvSchema.builder().addColumns(COLUMNS, CsvSchema.ColumnType.STRING).build();

    private final Path dir;
    private final BufferedWriter jsonl;
    private final BufferedWriter csv;

    private CampaignResults(Path dir, BufferedWriter jsonl, BufferedWriter csv) {
        this.dir = dir;
        this.jsonl = jsonl;
        this.csv = csv;
    }

    /**
     * The rows of the finished runs in {@code dir}, by key, for {@code --resume}. A torn last line (the
     * coordinator was killed while writing it) is dropped: that run runs again.
     *
     * @throws BadInputException if the file is damaged elsewhere
     */
    static Map<String, ObjectNode> finished(Path dir) {
        Path file = dir.resolve(JSONL);
        Map<String, ObjectNode> rows = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return rows;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("--resume: cannot read " + file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                if (!(node instanceof ObjectNode row) || !row.hasNonNull("key")) {
                    throw new BadInputException("--resume: " + file + " line " + (i + 1) + " is not a run of a campaign");
                }
                rows.put(row.get("key").asText(), row);
            } catch (JsonProcessingException e) {
                if (i < lines.size() - 1) {
                    throw new BadInputException("--resume: " + file + " line " + (i + 1) + " is damaged (" + e.getOriginalMessage()
                            + "); only a torn last line is expected");
                }
                // the last line was being written when the campaign stopped: that run is run again
            }
        }
        return rows;
    }

    /** Writes {@code rows} (in this order) as the whole of both files and opens them for appending. */
    static CampaignResults start(Path dir, List<ObjectNode> rows) {
        rewrite(dir, rows);
        try {
            return new CampaignResults(dir, Files.newBufferedWriter(dir.resolve(JSONL), StandardOpenOption.APPEND),
                    Files.newBufferedWriter(dir.resolve(CSV), StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new BadInputException("--out: cannot write in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The row of a finished run: the member's search document with the campaign's fields. */
    static ObjectNode row(int run, CampaignRun spec, String document, String member) {
        ObjectNode doc;
        try {
            doc = (ObjectNode) JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a member sent a result that is not JSON", e);
        }
        ObjectNode row = JSON.createObjectNode();
        row.put("run", run);
        row.put("workload_file", spec.workloadFile());
        row.put("accelerator_file", spec.acceleratorFile());
        row.put("mapping_file", spec.mappingFile());
        row.setAll(doc);
        // the exhaustive search ignores seed and budget: none is recorded
        if (spec.seed() == null) {
            row.putNull("seed");
        }
        if (spec.budgetEvals() == null) {
            row.putNull("budget_evals");
        } else {
            row.put("budget_evals", spec.budgetEvals());
        }
        row.put("member", member);
        row.put("key", spec.key());
        return row;
    }

    /** Appends one finished run to both files, flushed: a killed campaign keeps it. */
    void append(ObjectNode row) {
        try {
            jsonl.write(JSON.writeValueAsString(row));
            jsonl.newLine();
            jsonl.flush();
            csv.write(csvLine(row));
            csv.flush();
        } catch (IOException e) {
            throw new BadInputException("--out: cannot write in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Both files whole, {@code rows} sorted by run number. */
    static void rewrite(Path dir, List<ObjectNode> rows) {
        List<ObjectNode> sorted = rows.stream().sorted(Comparator.comparingInt(r -> r.get("run").asInt())).toList();
        StringBuilder jsonl = new StringBuilder();
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (ObjectNode row : sorted) {
            try {
                jsonl.append(JSON.writeValueAsString(row)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            csv.append(csvLine(row));
        }
        AtomicFile.write(dir.resolve(JSONL), jsonl.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(dir.resolve(CSV), csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String csvLine(ObjectNode row) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (String c : COLUMNS) {
            JsonNode v = row.get(c);
            cells.put(c, v == null || v.isNull() ? "" : v.asText());
        }
        try {
            return CSV_MAPPER.writer(SCHEMA).writeValueAsString(cells);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            jsonl.close();
            csv.close();
        } catch (IOException e) {
            throw new BadInputException("--out: cannot write in " + dir + ": " + e.getMessage(), e);
        }
    }
}
