package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.search.ForwardingScheduleEvaluator;
import org.tessel.model.search.ScheduleEvaluator;
import org.tessel.model.search.StackCost;

/**
 * {@code search --checkpoint FILE}: a search stopped early and run again with the file ends with
 * the result of a search never stopped, costing only the stacks the file did not hold.
 */
class SearchCheckpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The real evaluator, counting the stacks it costs. */
    static final class Counting extends ForwardingScheduleEvaluator {
        private final AtomicLong stacks;

        Counting(ScheduleEvaluator real, AtomicLong stacks) {
            super(real);
            this.stacks = stacks;
        }

        @Override
        public StackCost evaluateStack(StackSchedule stack) {
            stacks.incrementAndGet();
            return super.evaluateStack(stack);
        }
    }

    private static CommandLineTest.Run search(AtomicLong stacks, String... more) {
        return ExitStatusTest.searchWith(SearchCommandTest.withEvaluator(e -> new Counting(e, stacks)), more);
    }

    /** A checkpoint of a search of tiny stopped after {@code stacks} stacks, in {@code dir}. */
    private static Path stoppedAfter(Path dir, int stacks) {
        Path checkpoint = dir.resolve("stacks.jsonl");
        CommandLineTest.Run r = search(new AtomicLong(), "--budget-evals", Integer.toString(stacks), "--baseline", "none",
                "--no-progress", "--checkpoint", checkpoint.toString());
        assertEquals(0, r.status(), r.err());
        return checkpoint;
    }

    /** The result document without what differs from run to run (wall times). */
    private static ObjectNode result(Path json) throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(json.toFile());
        doc.remove(List.of("wall_ms", "baseline_ms"));
        return doc;
    }

    @ParameterizedTest
    @ValueSource(strings = {"exhaustive", "genetic", "constraint"})
    void aStoppedSearchResumedFromItsCheckpointEndsAsOneNeverStoppedAndCostsOnlyTheRest(String strategy,
            @TempDir Path dir) throws Exception {
        AtomicLong whole = new AtomicLong();
        Path reference = dir.resolve("reference.json");
        CommandLineTest.Run r = search(whole, "--strategy", strategy, "--budget-evals", "60", "--baseline", "none",
                "--no-progress", "--json", reference.toString());
        assertEquals(0, r.status(), r.err());

        // stopped early (as an interrupted run would be), then run again with the same checkpoint
        Path checkpoint = dir.resolve("stacks.jsonl");
        AtomicLong first = new AtomicLong();
        r = search(first, "--strategy", strategy, "--budget-evals", "5", "--baseline", "none", "--no-progress",
                "--checkpoint", checkpoint.toString());
        assertEquals(0, r.status(), r.err());
        long recorded = Files.readAllLines(checkpoint).size() - 1;
        assertEquals(first.get(), recorded, "every stack costed is recorded");
        assertTrue(recorded > 0 && recorded < whole.get(), recorded + " of " + whole.get());

        AtomicLong second = new AtomicLong();
        Path resumed = dir.resolve("resumed.json");
        r = search(second, "--strategy", strategy, "--budget-evals", "60", "--baseline", "none", "--no-progress",
                "--checkpoint", checkpoint.toString(), "--json", resumed.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("checkpoint " + checkpoint + ": " + recorded + " stack costs of this problem restored"),
                r.err());
        assertEquals(result(reference), result(resumed));
        assertEquals(whole.get() - recorded, second.get(), "the model costs only the stacks the file did not hold");
        assertEquals(whole.get() + 1, Files.readAllLines(checkpoint).size());
    }

    @Test
    void aCheckpointOfAnotherProblemIsRefused(@TempDir Path dir) throws Exception {
        Path checkpoint = stoppedAfter(dir, 5);
        AtomicLong stacks = new AtomicLong();
        List<String> before = Files.readAllLines(checkpoint);
        CommandLineTest.Run r = search(stacks, "--lpf-limit", "4", "--baseline", "none", "--no-progress", "--checkpoint",
                checkpoint.toString());
        assertEquals(2, r.status(), r.out());
        assertTrue(r.err().startsWith("error: --checkpoint: " + checkpoint + " holds the stack costs of another problem"),
                r.err());
        assertEquals(before, Files.readAllLines(checkpoint), "the file is left as it was");

        List<String> otherBuild = new java.util.ArrayList<>(before);
        otherBuild.set(0, before.get(0).replaceFirst("\"build\":\"[^\"]*\"", "\"build\":\"0000\""));
        Files.write(checkpoint, otherBuild);
        r = search(stacks, "--baseline", "none", "--no-progress", "--checkpoint", checkpoint.toString());
        assertEquals(2, r.status(), r.out());
        assertTrue(r.err().startsWith("error: --checkpoint: " + checkpoint + " was written by another build of Tessel"),
                r.err());

        Files.writeString(checkpoint, "stack,tile\n");
        r = search(stacks, "--baseline", "none", "--no-progress", "--checkpoint", checkpoint.toString());
        assertEquals(2, r.status(), r.out());
        assertTrue(r.err().startsWith("error: --checkpoint: " + checkpoint + " is not a search checkpoint"), r.err());
    }

    @Test
    void aTornLastLineIsDroppedAndItsStackCostedAgain(@TempDir Path dir) throws Exception {
        Path checkpoint = stoppedAfter(dir, 5);
        List<String> lines = Files.readAllLines(checkpoint);
        String whole = String.join("\n", lines) + "\n";
        Files.writeString(checkpoint, whole.substring(0, whole.length() - 10)); // the last record cut short

        AtomicLong second = new AtomicLong();
        CommandLineTest.Run r = search(second, "--budget-evals", "5", "--baseline", "none", "--no-progress",
                "--checkpoint", checkpoint.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("warning: " + checkpoint + ": the last line was cut short"), r.err());
        assertEquals(1, second.get(), "only the torn stack is costed again");
        assertEquals(lines, Files.readAllLines(checkpoint));
    }

    @Test
    void aDamagedLineIsNamed(@TempDir Path dir) throws Exception {
        Path checkpoint = stoppedAfter(dir, 3);
        AtomicLong stacks = new AtomicLong();
        List<String> lines = Files.readAllLines(checkpoint);
        Files.write(checkpoint, List.of(lines.get(0), lines.get(1).replace("\"tile\"", "\"tyle\"")));
        CommandLineTest.Run r = search(stacks, "--baseline", "none", "--no-progress", "--checkpoint", checkpoint.toString());
        assertEquals(2, r.status(), r.out());
        assertTrue(r.err().startsWith("error: --checkpoint: " + checkpoint + " line 2: "), r.err());
        assertTrue(r.err().contains("remove the line or delete the file"), r.err());
    }
}
