package org.tessel.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.tessel.model.BadInputException;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.Budget;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.TileGrid;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * What {@code search} and {@code compare} share: the scenario, the objective, the schedule space
 * (tile grid, loop-prime-factor limit) and the budget. A mixin.
 */
final class SearchOptions {

    @Mixin
    ScenarioOptions files;

    @Option(names = "--objective", paramLabel = "NAME", defaultValue = "energy", converter = ObjectiveConverter.class,
            description = "energy | latency | edp | pareto (default: ${DEFAULT-VALUE})")
    ObjectiveChoice objective;

    @Option(names = "--tiles", paramLabel = "LIST", split = ",", converter = TileConverter.class,
            description = "the same candidate tile sizes for every stack, e.g. 60x72,120x135,full (the whole output "
                    + "is always a candidate); default: per stack the divisors and powers of two of its output size")
    List<TileSize> tiles;

    @Mixin
    LpfLimitOption lpf;

    @Option(names = "--budget-evals", paramLabel = "N",
            description = "stop after N stacks costed by the model (every strategy counts stacks)")
    Long budgetEvals;

    @Option(names = "--budget-seconds", paramLabel = "S", description = "stop after S seconds of wall time")
    Double budgetSeconds;

    @Option(names = "--gap", paramLabel = "P%", converter = GapConverter.class,
            description = "exhaustive: stop once the best schedule is proven within P%% of the optimum, e.g. 1%%")
    Double gap;

    /** The checked budget. */
    Budget budget() {
        if (budgetEvals != null && budgetEvals <= 0) {
            throw new BadInputException("--budget-evals must be a positive number, got " + budgetEvals);
        }
        if (budgetSeconds != null && !(budgetSeconds > 0 && budgetSeconds < 1e12)) {
            throw new BadInputException("--budget-seconds must be a positive number, got " + budgetSeconds);
        }
        long evals = budgetEvals == null ? Long.MAX_VALUE : budgetEvals;
        Duration time = budgetSeconds == null ? Budget.NO_TIME_LIMIT : Duration.ofMillis(Math.max(1, Math.round(budgetSeconds * 1000)));
        return new Budget(evals, time, gap == null ? 0 : gap);
    }

    /** {@code --gap} values: a percentage in (0, 100), with or without the sign; the fraction. */
    static final class GapConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String v = value.strip();
            try {
                double p = Double.parseDouble(v.endsWith("%") ? v.substring(0, v.length() - 1) : v);
                if (p > 0 && p < 100) {
                    return p / 100;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("--gap must be a percentage between 0 and 100, e.g. 1%, got '" + value + "'");
        }
    }

    /** Loads the configs (warnings on {@code err}) and builds the schedule space. */
    SearchSetup setup(PrintWriter err) {
        int lpfLimit = lpf.get();
        var scenario = files.loadToCost(err, objective.objective(), lpfLimit);
        TileGrid grid = tiles == null ? TileGrid.divisorsAndPowers() : TileGrid.fixed(tiles);
        ScheduleSpace space = ScheduleSpace.of(scenario.workload(), grid, List.of(OverlapMode.values()));
        String gridName = tiles == null ? "divisors-and-powers"
                : ((TileGrid.Fixed) grid).sizes().stream().map(TileSize::toString).collect(Collectors.joining(","));
        return new SearchSetup(scenario, space, objective, lpfLimit, grid, gridName);
    }

    /** {@code --objective} values. */
    static final class ObjectiveConverter implements ITypeConverter<ObjectiveChoice> {
        @Override
        public ObjectiveChoice convert(String value) {
            try {
                return ObjectiveChoice.parse(value);
            } catch (BadInputException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --strategy} values. */
    static final class StrategyConverter implements ITypeConverter<StrategyChoice> {
        @Override
        public StrategyChoice convert(String value) {
            try {
                return StrategyChoice.parse(value);
            } catch (BadInputException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --tiles} elements: {@code WxH} or {@code full}. */
    static final class TileConverter implements ITypeConverter<TileSize> {
        @Override
        public TileSize convert(String value) {
            try {
                return TileSize.parse(value.toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
