package org.tessel.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.tessel.model.BadInputException;
import org.tessel.model.search.SearchStrategy;
import org.tessel.search.constraint.ConstraintSearch;
import org.tessel.search.exhaustive.ExhaustiveSearch;
import org.tessel.search.genetic.GeneticSearch;

/** The search back ends selectable with {@code --strategy} / {@code --strategies}. */
enum StrategyChoice {
    /** Dynamic programming over the cut points (every stack evaluated once): the exact optimum. */
    EXHAUSTIVE,
    /** Jenetics genetic algorithm (NSGA-II for the Pareto objective). */
    GENETIC,
    /** OptaPlanner local search with restarts. */
    CONSTRAINT;

    /** The name on the command line. */
    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A fresh strategy with the back end's standard settings. */
    SearchStrategy create() {
        return switch (this) {
            case EXHAUSTIVE -> ExhaustiveSearch.standard();
            case GENETIC -> GeneticSearch.standard();
            case CONSTRAINT -> ConstraintSearch.standard();
        };
    }

    /** True if the seed changes nothing (one run stands for every seed). */
    boolean ignoresSeed() {
        return this == EXHAUSTIVE;
    }

    /**
     * The strategy called {@code name}.
     *
     * @throws BadInputException naming the valid choices
     */
    static StrategyChoice parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.cliName().equals(n)).findFirst()
                .orElseThrow(() -> new BadInputException("unknown strategy '" + name + "' (choose from "
                        + Arrays.stream(values()).map(StrategyChoice::cliName).collect(Collectors.joining(", ")) + ")"));
    }
}
