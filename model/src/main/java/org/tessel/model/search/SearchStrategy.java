package org.tessel.model.search;

/**
 * A way of searching a schedule space. Implementations are deterministic: the same space,
 * evaluator, objective, evaluation budget and seed give the same result, however many threads
 * evaluate. When the budget runs out, the best found so far is returned.
 */
public interface SearchStrategy {

    /** A short name for reports, e.g. {@code exhaustive}. */
    String name();

    /**
     * Searches {@code space}.
     *
     * @param space the schedules to choose from
     * @param evaluator costs schedules (and stacks, if it says it can)
     * @param objective what to minimise
     * @param budget how much may be spent
     * @param seed the random seed (ignored by deterministic enumerations)
     */
    SearchResult search(ScheduleSpace space, ScheduleEvaluator evaluator, Objective objective, Budget budget, long seed);
}
