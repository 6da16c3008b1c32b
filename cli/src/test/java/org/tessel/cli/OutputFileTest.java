package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tessel.cli.CommandLineTest.FSRCNN;
import static org.tessel.cli.CommandLineTest.META_DF;
import static org.tessel.cli.CommandLineTest.META_MAPPING;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessel.model.BadInputException;
import org.tessel.cli.io.AtomicFile;

/**
 * Every output file of every command is checked before any work: a directory, a missing or
 * non-directory parent, a place where no file can be created are one line and status 2, with
 * nothing done and nothing left behind (issue 13, item 3).
 */
class OutputFileTest {

    private static final String[] FILES = {"--workload", FSRCNN, "--accelerator", META_DF, "--mapping", META_MAPPING};

    /** Each command with an output option, the option last, its value to be appended. */
    static Stream<List<String>> commands() {
        return Stream.of(
                List.of("describe", "--workload", FSRCNN, "--json"),
                with("evaluate", "--tile", "60x72", "--mode", "fully-cached", "--json"),
                with("layer", "--layer", "2", "--json"),
                with("sweep", "--tiles", "960x540", "--modes", "fully-cached", "--csv"),
                Stream.concat(Stream.of("search"), SearchCommandTest.tiny("--no-progress", "--json").stream()).toList(),
                Stream.concat(Stream.of("search"), SearchCommandTest.tiny("--no-progress", "--schedule-out").stream()).toList(),
                Stream.concat(Stream.of("compare"), SearchCommandTest.tiny("--strategies", "genetic", "--budget-evals", "5",
                        "--seeds", "1", "--csv").stream()).toList(),
                Stream.concat(Stream.of("compare"), SearchCommandTest.tiny("--strategies", "genetic", "--budget-evals", "5",
                        "--seeds", "1", "--chart").stream()).toList(),
                List.of("import", "src/test/resources/missing.onnx", "--out"));
    }

    private static List<String> with(String command, String... more) {
        return Stream.of(Stream.of(command), Stream.of(FILES), Stream.of(more)).flatMap(s -> s).toList();
    }

    /** The unusable places: a directory, a missing directory, a file as directory. */
    static Stream<Arguments> cases() {
        return commands().flatMap(c -> Stream.of(
                Arguments.of(c, "directory", "it is a directory"),
                Arguments.of(c, "missing/out.txt", "its directory does not exist"),
                Arguments.of(c, "plain.txt/out.txt", "is not a directory")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void anUnusableOutputIsRefusedBeforeAnyWork(List<String> command, String place, String reason, @TempDir Path dir)
            throws IOException {
        Files.createDirectory(dir.resolve("directory"));
        Files.writeString(dir.resolve("plain.txt"), "x");
        Path target = dir.resolve(place);
        String option = command.getLast();
        String[] args = Stream.concat(command.stream(), Stream.of(target.toString())).toArray(String[]::new);
        CommandLineTest.Run r = CommandLineTest.run(args);
        assertEquals(2, r.status(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertTrue(r.err().contains(option) && r.err().contains(target.toString()) && r.err().contains(reason), r.err());
        assertEquals("", r.out(), "no work done");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("directory", "plain.txt"), left.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aPlaceWhereNoFileCanBeCreatedIsRefused() {
        // /proc refuses new files even to root, for whom permission bits do not count
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")));
        CommandLineTest.Run r = CommandLineTest.run(with("evaluate", "--tile", "60x72", "--mode", "fully-cached", "--json",
                "/proc/tessel.json").toArray(String[]::new));
        assertEquals(2, r.status(), r.err());
        assertEquals("error: --json: cannot write /proc/tessel.json: cannot create files in /proc", r.err().strip());
        assertEquals("", r.out());
    }

    @Test
    void aFailedAtomicWriteLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path taken = Files.createDirectory(dir.resolve("taken.json"));
        BadInputException e = assertThrows(BadInputException.class, () -> JsonFile.write(taken, Map.of("a", 1)));
        assertTrue(e.getMessage().startsWith("cannot write " + taken), e.getMessage());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(taken), left.toList());
        }
        assertThrows(BadInputException.class, () -> AtomicFile.write(dir.resolve("x.txt"), out -> {
            out.write(1);
            throw new IOException("disk full");
        }));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(taken), left.toList(), "neither the file nor its temporary file");
        }
    }
}
