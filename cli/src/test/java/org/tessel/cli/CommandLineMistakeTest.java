package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tessel.cli.CommandLineTest.FSRCNN;
import static org.tessel.cli.CommandLineTest.META_DF;
import static org.tessel.cli.CommandLineTest.META_MAPPING;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mistake on the command line, in every command: one line {@code error: ...} with the
 * command's help to look at, status 2, and no usage text (issue 13, item 2).
 */
class CommandLineMistakeTest {

    private static final String[] FILES = {"--workload", FSRCNN, "--accelerator", META_DF, "--mapping", META_MAPPING};

    private static String[] args(String... parts) {
        return Stream.of(parts).flatMap(p -> p.equals("FILES") ? Stream.of(FILES) : Stream.of(p)).toArray(String[]::new);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("tessel", args("--bogus"), "Unknown option: '--bogus'"),
                Arguments.of("tessel", args("evalute"), "Unmatched argument at index 0: 'evalute'"),
                Arguments.of("tessel search", args("search", "FILES", "--seed", "x"), "'x' is not a long"),
                Arguments.of("tessel search", args("search", "FILES", "--objective", "power"), "unknown objective 'power'"),
                Arguments.of("tessel search", args("search", "FILES", "--strategy", "greedy"), "unknown strategy 'greedy'"),
                Arguments.of("tessel search", args("search", "FILES", "--tiles", "8x"), "'8x' is not a tile size"),
                Arguments.of("tessel search", args("search", "FILES", "--budget-evals", "ten"), "'ten' is not a long"),
                Arguments.of("tessel search", args("search", "FILES", "--strategy"), "Missing required parameter for option"),
                Arguments.of("tessel search", args("search", "--accelerator", META_DF, "--mapping", META_MAPPING),
                        "Missing required option: '--workload=FILE'"),
                Arguments.of("tessel compare", args("compare", "FILES", "--strategies", "exhaustive,greedy"),
                        "unknown strategy 'greedy'"),
                Arguments.of("tessel compare", args("compare", "FILES", "--seeds", "many"), "'many' is not an int"),
                Arguments.of("tessel sweep", args("sweep", "FILES", "--tiles", "4x4"), "Missing required option: '--csv=FILE'"),
                Arguments.of("tessel sweep", args("sweep", "FILES", "--tiles", "4x4", "--csv", "x.csv", "--threads", "two"),
                        "'two' is not an int"),
                Arguments.of("tessel evaluate", args("evaluate", "FILES", "--tile"), "Missing required parameter for option '--tile'"),
                Arguments.of("tessel evaluate", args("evaluate", "FILES", "--tile", "8x8", "--mode", "fully-cached", "--bogus"),
                        "Unknown option: '--bogus'"),
                Arguments.of("tessel layer", args("layer", "FILES", "--layer", "two"), "'two' is not an int"),
                Arguments.of("tessel layer", args("layer", "FILES", "--layer", "1", "--ox"), "Missing required parameter"),
                Arguments.of("tessel describe", args("describe", "--workload"), "Missing required parameter for option '--workload'"),
                Arguments.of("tessel import", args("import", "model.onnx"), "Missing required option: '--out=FILE'"),
                Arguments.of("tessel validate", args("validate"), "Missing required parameter"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void isOneErrorLineWithAHintAtHelp(String command, String[] args, String message) {
        CommandLineTest.Run r = CommandLineTest.run(args);
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertTrue(r.err().strip().endsWith("; see '" + command + " --help'"), r.err());
        assertFalse(r.err().contains("Usage:"), r.err());
        assertEquals("", r.out());
    }
}
