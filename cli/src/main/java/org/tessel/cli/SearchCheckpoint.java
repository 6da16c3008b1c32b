package org.tessel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.cli.io.LineJournal;
import org.tessel.model.BadInputException;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.StackCost;

/**
 * The checkpoint file of {@code search --checkpoint FILE} (docs/search.md "Checkpoints"): every
 * stack the model costs, one JSON line each as it is costed, after a first line naming the problem
 * (the fingerprint of the costing problem a cluster's members get, {@code RunSpec#fingerprint}:
 * the files and what else a stack's cost depends on) and the Tessel jar that costs it, so that
 * another build's numbers are never taken. A search given the file again takes the
 * recorded costs instead of costing those stacks: an interrupted search loses at most the stack
 * being written, and a search with another strategy, objective or budget on the same problem
 * starts with every stack costed before. Locked while a search uses it ({@link LineJournal}).
 * Thread-safe.
 */
final class SearchCheckpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORMAT = "tessel-search-checkpoint-1";
    /** This build of Tessel ({@link #build}), read once. */
    private static final String BUILD = build();

    private final Path file;
    private final LineJournal journal;
    private final Map<StackSchedule, StackCost> restored;

    private SearchCheckpoint(Path file, LineJournal journal, Map<StackSchedule, StackCost> restored) {
        this.file = file;
        this.journal = journal;
        this.restored = restored;
    }

    /**
     * Opens (creates) {@code file} for the problem {@code fingerprint} and reads the costs it holds.
     *
     * @throws BadInputException if another search holds the file, it is a checkpoint of another
     *     problem or not a checkpoint, or it cannot be read or written
     */
    static SearchCheckpoint open(Path file, String problem, PrintWriter err) {
        LineJournal journal = LineJournal.open(file, "--checkpoint", "another search", true, err);
        try {
            List<String> lines = journal.lines();
            if (lines.isEmpty()) {
                journal.restart(header(problem));
                return new SearchCheckpoint(file, journal, Map.of());
            }
            checkHeader(file, lines.getFirst(), problem);
            Map<StackSchedule, StackCost> costs = new HashMap<>();
            for (int i = 1; i < lines.size(); i++) {
                read(file, i + 1, lines.get(i), costs);
            }
            return new SearchCheckpoint(file, journal, costs);
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    /** The first line must name this problem and this build. */
    private static void checkHeader(Path file, String first, String problem) {
        JsonNode h;
        try {
            h = JSON.readTree(first);
        } catch (JsonProcessingException e) {
            h = null;
        }
        if (h == null || !FORMAT.equals(h.path("format").asText())) {
            throw new BadInputException("--checkpoint: " + file + " is not a search checkpoint (its first line differs); give"
                    + " another file");
        }
        if (!problem.equals(h.path("problem").asText())) {
            throw new BadInputException("--checkpoint: " + file + " holds the stack costs of another problem (workload,"
                    + " accelerator, mapping, lpf limit or import options differ); give another file, or delete it to start"
                    + " anew");
        }
        if (!BUILD.equals(h.path("build").asText())) {
            throw new BadInputException("--checkpoint: " + file + " was written by another build of Tessel, whose stack costs"
                    + " may differ; delete it to start anew");
        }
    }

    /**
     * This build of Tessel: the SHA-256 of the jar it runs from (any change of the code is another
     * build); {@code classes} when it runs from class directories (tests, an IDE), whose builds are
     * not told apart.
     */
    private static String build() {
        try {
            Path code = Path.of(SearchCheckpoint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(code)) {
                return "classes";
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(code), sha)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException | URISyntaxException | NoSuchAlgorithmException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The recorded cost of {@code stack}, or null if the file has none. */
    StackCost restored(StackSchedule stack) {
        return restored.get(stack);
    }

    /** How many stack costs the file held when it was opened. */
    int restoredCount() {
        return restored.size();
    }

    /** Appends the cost of a stack the model has just costed. */
    synchronized void record(StackSchedule stack, StackCost cost) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("layers", stack.layerIds());
        line.put("tile", stack.tile().toString());
        line.put("mode", stack.mode().cliName());
        line.put("feasible", cost.feasible());
        line.put("energy_pj", cost.energyPj()); // Jackson writes the shortest text that reads back to the same double
        line.put("latency_cycles", cost.latencyCycles());
        try {
            journal.append(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stack cost is plain JSON", e);
        }
    }

    /** The file. */
    Path file() {
        return file;
    }

    @Override
    public void close() {
        journal.close();
    }

    private static String header(String problem) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("format", FORMAT);
        h.put("problem", problem);
        h.put("build", BUILD);
        try {
            return JSON.writeValueAsString(h);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("three strings are plain JSON", e);
        }
    }

    private static void read(Path file, int lineNumber, String line, Map<StackSchedule, StackCost> costs) {
        String at = "--checkpoint: " + file + " line " + lineNumber + ": ";
        try {
            JsonNode n = JSON.readTree(line);
            List<Integer> layers = new ArrayList<>();
            for (JsonNode id : n.required("layers")) {
                if (!id.canConvertToInt()) {
                    throw new BadInputException(at + "layer id " + id + " is not an integer");
                }
                layers.add(id.intValue());
            }
            TileSize tile = TileSize.parse(n.required("tile").asText());
            OverlapMode mode = OverlapMode.fromCliName(n.required("mode").asText()).orElseThrow(
                    () -> new BadInputException(at + "unknown mode '" + n.get("mode").asText() + "'"));
            StackCost cost = new StackCost(n.required("energy_pj").asDouble(), n.required("latency_cycles").asLong(),
                    n.required("feasible").asBoolean());
            costs.put(new StackSchedule(layers, tile, mode), cost);
        } catch (JsonProcessingException e) {
            throw new BadInputException(at + "not a JSON stack cost: " + BadInputException.oneLine(e.getOriginalMessage()), e);
        } catch (IllegalArgumentException e) { // a missing field, a bad tile or stack, a negative cost
            throw new BadInputException(at + BadInputException.oneLine(e.getMessage()) + "; remove the line or delete the"
                    + " file to start anew", e);
        }
    }
}
