package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tessel.cli.SearchCommandTest.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code search --baseline auto|none|FILE}: the reference's baseline, none, or a schedule file,
 * its cost reported apart from the search's (issue 13, item 7).
 */
class BaselineChoiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void noneSkipsTheBaseline(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        CommandLineTest.Run r = search("--no-progress", "--baseline", "none", "--json", json.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Baseline: not computed (--baseline none)."), r.out());
        assertFalse(r.out().contains("Gain over baseline") || r.out().contains("Baseline cost"), r.out());
        JsonNode doc = JSON.readTree(json.toFile());
        assertEquals("baseline not computed: --baseline none", doc.get("baseline_note").asText());
        assertTrue(doc.get("baseline_value").isNull() && doc.get("baseline_ms").isNull(), doc.toString());
    }

    @Test
    void autoIsTheReferenceBaselineWithItsCostApart(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        CommandLineTest.Run r = search("--no-progress", "--json", json.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Baseline (weights-overflow cuts"), r.out());
        assertTrue(r.out().matches("(?s).*Baseline cost: \\d+\\.\\d s, \\d+ stacks? costed \\(apart from the search\\).*"), r.out());
        JsonNode doc = JSON.readTree(json.toFile());
        // the baseline's 9 candidates are 9 stacks (layers 0-2 fused, each global tile and mode); branch and
        // bound costed 8 of them, which the baseline finds in the run's memo: it costs the ninth alone
        assertEquals(9, doc.get("baseline_candidates").asLong(), doc.toString());
        assertEquals(1, doc.get("baseline_stacks").asLong(), doc.toString());
        assertTrue(doc.get("baseline_ms").asLong() >= 0);
        assertTrue(doc.get("baseline_file").isNull());
    }

    @Test
    void aScheduleFileIsCostedAsTheBaseline(@TempDir Path dir) throws Exception {
        Path best = dir.resolve("best.yaml");
        assertEquals(0, search("--no-progress", "--baseline", "none", "--schedule-out", best.toString()).status());
        Path json = dir.resolve("r.json");
        // a genetic search of a few evaluations: the optimum as baseline is at least as good as its best
        CommandLineTest.Run r = search("--no-progress", "--strategy", "genetic", "--budget-evals", "20", "--baseline",
                best.toString(), "--json", json.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Baseline (schedule file " + best + ", "), r.out());
        assertTrue(r.out().contains("Gain over baseline: "), r.out());
        JsonNode doc = JSON.readTree(json.toFile());
        assertEquals(best.toString(), doc.get("baseline_file").asText());
        assertTrue(doc.get("baseline_value").asDouble() <= doc.get("best_value").asDouble(), doc.toString());
        assertTrue(doc.get("gain").asDouble() <= 1.0, doc.toString());
        assertTrue(doc.get("baseline_note").isNull(), doc.toString());
        assertTrue(doc.hasNonNull("baseline_stacks") && doc.hasNonNull("baseline_ms"), doc.toString());
    }

    @Test
    void aBadScheduleFileIsRefusedBeforeTheSearch(@TempDir Path dir) throws Exception {
        Path other = Files.writeString(dir.resolve("other.yaml"), """
                kind: schedule
                workload: fsrcnn
                stacks:
                  - {layers: [0, 1, 2], tile: full, mode: fully-cached}
                """);
        for (Path file : new Path[] {dir.resolve("missing.yaml"), other}) {
            CommandLineTest.Run r = search("--no-progress", "--baseline", file.toString());
            assertEquals(2, r.status(), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("error: " + file), r.err());
            assertEquals("", r.out(), "nothing searched");
        }
    }
}
