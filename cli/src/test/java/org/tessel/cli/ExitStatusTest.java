package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.search.AdditiveScheduleEvaluator;
import org.tessel.model.search.StackCost;
import picocli.CommandLine;

/**
 * Exit statuses tell the truth: bad input is status 2 with {@code error: ...}; a failure inside
 * the program, whatever its exception type, is status 1 with {@code internal error (...)} and a
 * hint at {@code --debug}, which prints the stack trace.
 */
class ExitStatusTest {

    /** An evaluator whose every stack breaks an invariant of the engine (thrown here, so the trace shows it). */
    record Broken(Supplier<RuntimeException> failure) implements AdditiveScheduleEvaluator {
        @Override
        public StackCost evaluateStack(StackSchedule stack) {
            throw failure.get();
        }
    }

    /** {@code tessel search} on the tiny scenario with the cost model's evaluator replaced by {@code evaluator}. */
    static CommandLineTest.Run searchWith(Function<SearchSetup, CostModel> costModels, String... more) {
        List<String> args = new ArrayList<>(List.of("search"));
        args.addAll(SearchCommandTest.tiny(more));
        return CommandLineTest.run(factory(costModels), args.toArray(String[]::new));
    }

    /** Subcommands as usual, except {@code search}, which gets its cost models from {@code costModels}. */
    static CommandLine.IFactory factory(Function<SearchSetup, CostModel> costModels) {
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == SearchCommand.class ? type.cast(new SearchCommand(costModels))
                        : CommandLine.defaultFactory().create(type);
            }
        };
    }

    static Function<SearchSetup, CostModel> failingWith(Supplier<RuntimeException> failure) {
        return setup -> new CostModel(setup.newCostModel().engine(), new Broken(failure));
    }

    @Test
    void anInvariantFailureInTheEngineIsAnInternalErrorWithTheDebugHint() {
        CommandLineTest.Run r = searchWith(failingWith(() -> new IllegalStateException("stack memo out of sync")), "--no-progress");
        assertEquals(1, r.status(), r.out() + r.err());
        assertEquals("internal error (IllegalStateException): stack memo out of sync — run with --debug for the stack trace",
                r.err().strip());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void anIllegalArgumentInsideTheProgramIsNotBadInput() {
        CommandLineTest.Run r = searchWith(failingWith(() -> new IllegalArgumentException("no loop dimension OZ")), "--no-progress");
        assertEquals(1, r.status(), r.out() + r.err());
        assertEquals("internal error (IllegalArgumentException): no loop dimension OZ — run with --debug for the stack trace",
                r.err().strip());
    }

    @Test
    void debugPrintsTheStackTraceAfterASubcommandOrBeforeIt() {
        for (boolean before : List.of(false, true)) {
            List<String> args = new ArrayList<>(SearchCommandTest.tiny("--no-progress"));
            args.addFirst("search");
            if (before) {
                args.addFirst("--debug");
            } else {
                args.add("--debug");
            }
            CommandLineTest.Run r = CommandLineTest.run(factory(failingWith(() -> new IllegalStateException("broken"))),
                    args.toArray(String[]::new));
            assertEquals(1, r.status(), r.err());
            assertTrue(r.err().startsWith("internal error (IllegalStateException): broken\n"), r.err());
            assertTrue(r.err().contains("\tat org.tessel.cli.ExitStatusTest$Broken.evaluateStack"), r.err());
            assertFalse(r.err().contains("run with --debug"), r.err());
        }
    }

    @Test
    void badInputStaysStatusTwoInOneLineEvenWithDebug() {
        CommandLineTest.Run r = SearchCommandTest.search("--budget-evals", "0", "--debug");
        assertEquals(2, r.status());
        assertEquals("error: --budget-evals must be a positive number, got 0", r.err().strip());
    }

    @Test
    void aTileSizeTheModelRefusesIsBadInput() {
        CommandLineTest.Run r = CommandLineTest.run("evaluate", "--workload", CommandLineTest.FSRCNN, "--accelerator",
                CommandLineTest.META_DF, "--mapping", CommandLineTest.META_MAPPING, "--tile", "0x4", "--mode", "fully-cached");
        assertEquals(2, r.status(), r.err());
        assertEquals("error: tile size must be positive, got 0x4", r.err().strip());
    }

    @Test
    void aScheduleFileThatCutsThroughParallelBranchesIsBadInput(@TempDir Path dir) throws Exception {
        // the stack [0, 1] ends in both branches, which the add 2 in the next stack reads (docs/stacks.md)
        Path schedule = Files.writeString(dir.resolve("split.yaml"), """
                kind: schedule
                workload: branch
                stacks:
                  - {layers: [0, 1], tile: full, mode: fully-cached}
                  - {layers: [2], tile: 8x8, mode: fully-cached}
                """);
        CommandLineTest.Run r = CommandLineTest.run("evaluate", "--workload", "src/test/resources/branch/branch.yaml",
                "--accelerator", CommandLineTest.META_DF, "--mapping", "src/test/resources/branch/branch-mapping.yaml",
                "--schedule", schedule.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals("error: " + schedule + ": the cuts make a stack of layers [0, 1] with 2 outputs [0, 1] (layers no other"
                + " layer of the stack reads); a depth-first stack has exactly one output, so cut after each of them or after"
                + " none (docs/stacks.md)", r.err().strip());
    }

    @Test
    void anOutputFileThatCannotBeWrittenIsBadInput(@TempDir Path dir) throws Exception {
        Path directory = Files.createDirectory(dir.resolve("taken"));
        CommandLineTest.Run r = SearchCommandTest.search("--no-progress", "--schedule-out", directory.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("error: cannot write " + directory), r.err());
    }
}
