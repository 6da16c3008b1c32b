package org.tessel.model.search;

import java.time.Duration;

/**
 * How much of its {@link Budget} a search run has spent: the evaluations counted so far and the
 * wall time since the run started. The run counts; strategies read.
 */
public final class BudgetMeter {

    private final Budget budget;
    private final long startNanos = System.nanoTime();
    private long evaluations;

    BudgetMeter(Budget budget) {
        this.budget = budget;
    }

    /** Evaluations so far: stacks costed by the model, or whole schedules (see {@link SearchProgress}). */
    public long evaluations() {
        return evaluations;
    }

    /** Evaluations the budget still allows ({@code Long.MAX_VALUE} minus the count if it sets no limit). */
    public long evaluationsLeft() {
        return Math.max(0, budget.maxEvaluations() - evaluations);
    }

    /** The budget's target gap ({@link Budget#targetGap()}; 0 for none). */
    public double targetGap() {
        return budget.targetGap();
    }

    /** Wall time since the run started. */
    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Wall time left in the budget, or {@link Budget#NO_TIME_LIMIT}. */
    public Duration timeLeft() {
        if (budget.maxWallTime().equals(Budget.NO_TIME_LIMIT)) {
            return Budget.NO_TIME_LIMIT;
        }
        Duration left = budget.maxWallTime().minus(elapsed());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** True once the evaluation count or the wall time has reached the budget. */
    public boolean exhausted() {
        return evaluations >= budget.maxEvaluations() || outOfTime();
    }

    /** True once the wall time has reached the budget. */
    boolean outOfTime() {
        return elapsed().compareTo(budget.maxWallTime()) >= 0;
    }

    /** True if {@code more} further evaluations stay within the evaluation budget. */
    boolean allows(long more) {
        return evaluations + more <= budget.maxEvaluations();
    }

    /** Counts one evaluation. */
    void count() {
        evaluations++;
    }
}
