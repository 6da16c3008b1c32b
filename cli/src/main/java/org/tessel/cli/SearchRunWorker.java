package org.tessel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tessel.cluster.RunSpec;
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
 * arrive with it and are kept in this member's {@link ScratchFiles}.
 */
final class SearchRunWorker {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScratchFiles scratch;

    /** @param scratch where shipped config files are kept */
    SearchRunWorker(ScratchFiles scratch) {
        this.scratch = scratch;
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
     * Parses a unit's options ({@code workload}, {@code accelerator} and {@code mapping} are the
     * three files' paths; {@code mapping} may be {@code auto}).
     *
     * @throws BadInputException if an option's value is invalid
     */
    static RunArguments arguments(Path workload, Path accelerator, String mapping, List<String> options) {
        List<String> args = new ArrayList<>(List.of("--workload", workload.toString(), "--accelerator", accelerator.toString(),
                "--mapping", mapping));
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

    /** Runs a campaign's search run; its result document as JSON text. */
    String run(RunSpec spec) {
        RunArguments a = arguments(scratch.local(spec.workload()), scratch.local(spec.accelerator()),
                scratch.local(spec.mapping()).toString(), spec.options());
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
}
