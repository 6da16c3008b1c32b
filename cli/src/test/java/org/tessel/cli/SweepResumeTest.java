package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tessel.cli.EvaluateAndSweepTest.cmd;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sweep's CSV survives a crash and is its sweep's alone: a torn last line is dropped with a
 * warning and its point run again, and a second sweep on the same file is refused while the
 * first runs (issue 13, item 4).
 */
class SweepResumeTest {

    /** Three points of FSRCNN: each is a whole network, so few of them. */
    private static final String[] GRID = {"--tiles", "960,480x540", "--modes", "fully-recompute"};

    private static List<String> full;

    private static String[] sweep(Path csv, String... more) {
        String[] base = cmd("sweep", GRID);
        String[] args = java.util.stream.Stream.of(base, new String[] {"--csv", csv.toString()}, more)
                .flatMap(java.util.Arrays::stream).toArray(String[]::new);
        return args;
    }

    @BeforeAll
    static void sweepOnce(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("full.csv");
        CommandLineTest.Run r = CommandLineTest.run(sweep(csv));
        assertEquals(0, r.status(), r.err());
        full = Files.readAllLines(csv);
        assertEquals(3, full.size(), full.toString()); // header and two rows
    }

    private static List<String> withoutRuntime(List<String> rows) {
        return rows.stream().map(row -> row.substring(0, row.lastIndexOf(','))).toList();
    }

    /** A crash mid-row (keep 20 characters of the last row) or in its last field (drop 2 and the line end). */
    @ParameterizedTest
    @ValueSource(strings = {"mid-row", "last-field"})
    void aTornLastLineIsDroppedAndRunAgain(String cut, @TempDir Path dir) throws Exception {
        Path csv = dir.resolve("sweep.csv");
        String whole = String.join("\n", full) + "\n";
        String last = full.getLast();
        int keep = cut.equals("mid-row") ? whole.length() - last.length() - 1 + 20 : whole.length() - 3;
        Files.writeString(csv, whole.substring(0, keep));

        CommandLineTest.Run r = CommandLineTest.run(sweep(csv, "--resume"));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("2 points (1 already in"), r.out());
        assertTrue(r.err().contains("warning: " + csv + ": the last line was cut short"), r.err());
        List<String> resumed = Files.readAllLines(csv);
        assertEquals(withoutRuntime(full), withoutRuntime(resumed));
    }

    @Test
    void aSecondSweepOnTheSameFileIsRefusedWhileTheFirstHoldsIt(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("sweep.csv");
        Files.writeString(csv, String.join("\n", full.subList(0, 2)) + "\n");
        // the lock a running sweep holds; a sweep in another process sees it the same way
        try (FileChannel first = FileChannel.open(csv, StandardOpenOption.WRITE); FileLock held = first.lock()) {
            for (String[] args : List.of(sweep(csv, "--resume"), sweep(csv))) {
                CommandLineTest.Run r = CommandLineTest.run(args);
                assertEquals(2, r.status(), r.err());
                assertEquals("error: --csv: " + csv + " is being written by another sweep (it holds the file's lock);"
                        + " wait for it to end or give another --csv", r.err().strip());
            }
        }
        assertEquals(full.subList(0, 2), Files.readAllLines(csv), "the refused sweeps changed nothing");
    }

    @Test
    void aRowThatIsNotASweepRowIsNamedByItsLine(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("sweep.csv");
        Files.writeString(csv, full.getFirst() + "\n960,540\n");
        CommandLineTest.Run r = CommandLineTest.run(sweep(csv, "--resume"));
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("error: --resume: " + csv + " line 2 has 2 fields, not 9"), r.err());
    }
}
