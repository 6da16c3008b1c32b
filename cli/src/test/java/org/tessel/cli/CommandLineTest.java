package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The {@code tessel} command as a user sees it: output, errors and exit statuses. */
class CommandLineTest {

    static final String CONFIGS = Path.of("..", "configs").toString();
    static final String FSRCNN = CONFIGS + "/workloads/fsrcnn.yaml";
    static final String META_DF = CONFIGS + "/accelerators/Meta_prototype_DF.yaml";
    static final String META_MAPPING = CONFIGS + "/mappings/Meta_prototype/fsrcnn.yaml";

    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        return run(CommandLine.defaultFactory(), args);
    }

    /** A run whose subcommands are made by {@code factory}. */
    static Run run(CommandLine.IFactory factory, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = TesselCommand.commandLine(factory);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void describePrintsLayersWithMacCountsAndTheHierarchy() {
        Run r = run("describe", "--workload", FSRCNN, "--accelerator", META_DF, "--mapping", META_MAPPING);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("746,900,000"), r.out()); // layer 0: 1×56×1×550×970×5×5
        assertTrue(r.out().contains("4,180,377,600"), r.out()); // layer 7
        for (int id = 0; id <= 7; id++) {
            String row = "\\s+" + id + "\\s+conv.*";
            assertTrue(r.out().lines().anyMatch(line -> line.matches(row)), "layer " + id);
        }
        assertTrue(r.out().contains("I2  rf_1B -> sram_32KB -> sram_1MB_W -> dram"), r.out());
        assertTrue(r.out().contains("I1  sram_64KB -> sram_1MB_A -> dram"), r.out());
        assertTrue(r.out().contains("208.08/189.2"), r.out());
    }

    @Test
    void validateAcceptsEveryBundledConfig() {
        Run r = run("validate", CONFIGS);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("58 of 58 files valid"), r.out()); // 57 YAML files and configs/onnx/resnet50.onnx
    }

    @Test
    void validateReportsEachBadFileInOneLineWithStatusTwo(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
        Path missing = dir.resolve("missing.yaml");
        Run r = run("validate", META_DF, empty.toString(), missing.toString());
        assertEquals(2, r.status());
        assertTrue(r.out().contains("OK      " + META_DF), r.out());
        assertTrue(r.err().contains("INVALID " + empty + ": is empty"), r.err());
        assertTrue(r.err().contains("INVALID " + missing + ": no such file"), r.err());
        assertTrue(r.out().contains("1 of 3 files valid"), r.out());
    }

    @Test
    void mismatchedFilesGiveOneErrorLineAndNoStackTrace() {
        Run r = run("describe", "--workload", CONFIGS + "/workloads/resnet18.yaml", "--accelerator", META_DF,
                "--mapping", META_MAPPING);
        assertEquals(2, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: " + META_MAPPING + ": workload: mapping is for workload 'fsrcnn', not 'resnet18'"),
                r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void unknownOptionIsBadInput() {
        Run r = run("describe", "--workload", FSRCNN, "--accelerator", META_DF, "--mapping", META_MAPPING, "--bogus");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("Unknown option: '--bogus'"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"validate", "describe", "import", "layer", "evaluate", "sweep", "search", "compare"})
    void everySubcommandHasHelp(String command) {
        // picocli reports a malformed description (e.g. a lone '%') on System.err, not on the command's writer
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        Run r;
        try {
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            r = run(command, "--help");
        } finally {
            System.setErr(stderr);
        }
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("Usage: tessel " + command), r.out());
        assertEquals("", warnings.toString(StandardCharsets.UTF_8));
        assertFalse(r.out().contains("%n"), r.out());
    }

    @Test
    void topLevelHelpListsTheSubcommands() {
        Run r = run("--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("validate") && r.out().contains("describe"), r.out());
    }
}
