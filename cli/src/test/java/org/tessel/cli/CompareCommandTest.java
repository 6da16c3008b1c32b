package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tessel compare} on the tiny workload of {@link SearchCommandTest}. */
class CompareCommandTest {

    static CommandLineTest.Run compare(String... more) {
        List<String> args = new ArrayList<>(List.of("compare"));
        args.addAll(SearchCommandTest.tiny(more));
        return CommandLineTest.run(args.toArray(String[]::new));
    }

    @Test
    void writesTableCsvAndPng(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("runs.csv");
        Path png = dir.resolve("chart.png");
        CommandLineTest.Run r = compare("--strategies", "exhaustive,genetic,constraint", "--budget-evals", "10", "--seeds", "2",
                "--csv", csv.toString(), "--chart", png.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Exact optimum: "), r.out());
        for (String s : List.of("exhaustive (seed-free)", "genetic", "constraint", "gap median", "within 1 %")) {
            assertTrue(r.out().contains(s), s + " in " + r.out());
        }
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + 1 + 2 + 2, lines.size(), lines.toString()); // header, exhaustive once, 2 seeds each
        assertTrue(lines.getFirst().startsWith("workload,accelerator,objective,strategy,seed,budget_evals,best_value"));
        assertTrue(lines.get(2).startsWith("tiny,Meta_prototype_DF,energy,genetic,1,10,"), lines.get(2));
        byte[] image = Files.readAllBytes(png);
        assertTrue(image.length > 1000, "PNG of " + image.length + " bytes");
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(image, 4));
    }

    @Test
    void givenOptimumSkipsTheExhaustiveReference(@TempDir Path dir) {
        CommandLineTest.Run r = compare("--strategies", "genetic", "--budget-evals", "5", "--seeds", "1", "--optimum", "1.2e6");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Exact optimum (given): 1.200000e+06"), r.out());
    }

    @Test
    void unwritableOutputIsRefusedBeforeComparing(@TempDir Path dir) {
        for (String option : List.of("--csv", "--chart")) {
            Path file = dir.resolve("no-such-dir").resolve("out");
            CommandLineTest.Run r = compare("--strategies", "genetic", "--budget-evals", "5", "--seeds", "1", option,
                    file.toString());
            assertEquals(2, r.status(), r.out() + r.err());
            assertTrue(r.err().contains(option + ": cannot write " + file), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
            assertFalse(r.out().contains("genetic"), "nothing compared: " + r.out());
        }
    }

    @Test
    void needsAnEvaluationBudget() {
        CommandLineTest.Run r = compare("--strategies", "genetic");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("error: compare needs --budget-evals"), r.err());
    }

    @Test
    void unknownStrategyInTheListIsBadInput() {
        CommandLineTest.Run r = compare("--strategies", "genetic,annealing", "--budget-evals", "5");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown strategy 'annealing'"), r.err());
    }
}
