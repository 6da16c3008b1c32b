package org.tessel.model.search;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a search found.
 *
 * @param strategy the strategy's name
 * @param objective the objective searched for
 * @param front the best schedule (single objective) or the non-dominated schedules in order of
 *     increasing energy (Pareto); empty if no feasible schedule was found
 * @param bestValue the objective value of the best schedule (for Pareto: the lowest EDP on the
 *     front); +∞ if none was found
 * @param evaluations evaluator calls made (schedules and stacks)
 * @param wallTime wall time spent
 * @param trace best-so-far value after each improvement, in evaluation order
 * @param complete true if the search proved its answer optimal (whole space covered or pruned)
 * @param lowerBound a proven lower bound of the optimal value (equal to {@code bestValue} when
 *     {@code complete}); {@code NaN} if the search proves none (genetic, constraint, Pareto)
 */
public record SearchResult(String strategy, Objective objective, List<EvaluatedSchedule> front, double bestValue,
        long evaluations, Duration wallTime, List<TracePoint> trace, boolean complete, double lowerBound) {

    public SearchResult {
        front = List.copyOf(front);
        trace = List.copyOf(trace);
    }

    /** A result without a proven lower bound (its optimum if {@code complete}). */
    public SearchResult(String strategy, Objective objective, List<EvaluatedSchedule> front, double bestValue,
            long evaluations, Duration wallTime, List<TracePoint> trace, boolean complete) {
        this(strategy, objective, front, bestValue, evaluations, wallTime, trace, complete,
                complete && !objective.isPareto() ? bestValue : Double.NaN);
    }

    /**
     * The proven optimality gap {@code (bestValue − lowerBound) / bestValue}: 0 for a proven
     * optimum, {@code NaN} if no lower bound is known or nothing was found.
     */
    public double gap() {
        if (Double.isNaN(lowerBound) || !(bestValue < Double.POSITIVE_INFINITY) || bestValue <= 0) {
            return complete && bestValue == 0 ? 0 : Double.NaN;
        }
        return Math.max(0, (bestValue - lowerBound) / bestValue);
    }

    /** The best schedule: the only one, or for Pareto the one with the lowest EDP. */
    public Optional<EvaluatedSchedule> best() {
        return front.stream().min(java.util.Comparator.comparingDouble(e -> objective.value(e.cost())));
    }

    /** The evaluation count at which the final best value was first reached. */
    public long evaluationsToBest() {
        return trace.isEmpty() ? evaluations : trace.getLast().evaluations();
    }
}
