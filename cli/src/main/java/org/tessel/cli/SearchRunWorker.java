package org.tessel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tessel.cluster.ConfigFile;
import org.tessel.cluster.RunSpec;
import org.tessel.cluster.RunWorker;
import org.tessel.model.BadInputException;
import org.tessel.model.search.Budget;
import org.tessel.model.search.SearchResult;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A campaign's work unit run on a member as {@code tessel search} runs it: the same options
 * ({@link SearchOptions}), setup ({@link SearchSetup}), back end ({@link StrategyChoice}), fresh
 * cost model, baseline and result document ({@link SearchReport#json()}). The unit's config files
 * arrive with it and are kept in this member's scratch directory, one copy per content.
 */
final class SearchRunWorker implements RunWorker {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path scratch;

    /** @param scratch the directory where shipped config files are written */
    SearchRunWorker(Path scratch) {
        this.scratch = scratch;
    }

    /** A worker with a fresh scratch directory, removed when the JVM exits. */
    static SearchRunWorker withScratchDirectory() {
        try {
            Path dir = Files.createTempDirectory("tessel-member");
            dir.toFile().deleteOnExit();
            return new SearchRunWorker(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory for shipped config files", e);
        }
    }

    /** The options of one unit: {@code search}'s, plus the campaign's baseline switch. */
    static final class RunArguments {
        @Mixin
        SearchOptions options;

        @Option(names = "--strategy", required = true, converter = SearchOptions.StrategyConverter.class)
        StrategyChoice strategy;

        @Option(names = "--seed", defaultValue = "1")
        long seed;

        @Option(names = "--no-baseline")
        boolean noBaseline;
    }

    /**
     * Parses a unit's options ({@code files} are the three config files' paths).
     *
     * @throws BadInputException if an option's value is invalid
     */
    static RunArguments arguments(List<Path> files, List<String> options) {
        List<String> args = new ArrayList<>(List.of("--workload", files.get(0).toString(), "--accelerator", files.get(1).toString(),
                "--mapping", files.get(2).toString()));
        args.addAll(options);
        RunArguments a = new RunArguments();
        try {
            new CommandLine(a).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            // the campaign's values, not the user's command line: no usage text
            throw new BadInputException(e.getMessage(), e);
        }
        return a;
    }

    @Override
    public String run(RunSpec spec) {
        RunArguments a = arguments(List.of(local(spec.workload()), local(spec.accelerator()), local(spec.mapping())), spec.options());
        SearchSetup setup = a.options.setup(new PrintWriter(Writer.nullWriter()));
        Budget budget = a.options.budget();
        CostModel model = setup.newCostModel();
        long start = System.nanoTime();
        SearchResult result = a.strategy.create().search(setup.space(), model.evaluator(), setup.objective().objective(), budget, a.seed);
        BaselineOutcome baseline = a.noBaseline ? BaselineOutcome.pending() : Baseline.find(setup, model, start, budget.maxWallTime());
        Map<String, Object> document = new SearchReport(setup, a.strategy, a.seed, result, baseline, false).json();
        if (a.noBaseline) {
            document.put("baseline_note", "baseline not computed: the campaign says baseline: false");
        }
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the result document", e);
        }
    }

    /** The member's copy of a shipped file, written once (atomically: runs on other threads may read it). */
    private Path local(ConfigFile file) {
        Path dir = scratch.resolve(file.fingerprint());
        Path path = dir.resolve(file.name());
        if (Files.isRegularFile(path)) {
            return path;
        }
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".part", ".tmp");
            Files.write(tmp, file.content());
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            // deleted in reverse order of registration: the file before its directory
            dir.toFile().deleteOnExit();
            path.toFile().deleteOnExit();
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a shipped config file in " + dir, e);
        }
    }
}
