package org.tessel.cli;

import java.util.List;
import java.util.OptionalLong;
import org.tessel.model.search.SearchResult;
import org.tessel.model.search.TracePoint;

/**
 * One run of {@code tessel compare}: a strategy with one seed on the shared budget.
 *
 * @param strategy the back end
 * @param seed the seed, or null if the strategy ignores it (one run stands for all seeds)
 * @param result what it found
 */
record ComparisonRun(StrategyChoice strategy, Long seed, SearchResult result) {

    /** Relative distance of the best value from {@code optimum}: 0 at the optimum, +∞ if nothing was found. */
    double gap(double optimum) {
        return result.bestValue() / optimum - 1;
    }

    /** The evaluation count at which the best-so-far first came within {@code tolerance} (0.01 = 1 %) of {@code optimum}. */
    OptionalLong evaluationsToWithin(double optimum, double tolerance) {
        for (TracePoint p : result.trace()) {
            if (p.value() <= optimum * (1 + tolerance)) {
                return OptionalLong.of(p.evaluations());
            }
        }
        return OptionalLong.empty();
    }

    /** The best value after {@code evaluations} evaluator calls (+∞ before the first feasible schedule). */
    double bestAfter(long evaluations) {
        double best = Double.POSITIVE_INFINITY;
        List<TracePoint> trace = result.trace();
        for (TracePoint p : trace) {
            if (p.evaluations() > evaluations) {
                break;
            }
            best = p.value();
        }
        return best;
    }
}
