package org.tessel.model.search;

import java.time.Duration;

/**
 * How much a search may spend: at most {@code maxEvaluations} evaluator calls and at most
 * {@code maxWallTime}. Whichever runs out first ends the search, which then returns the best found
 * so far. Only an evaluation budget gives reproducible results: the wall-time limit depends on the
 * machine.
 *
 * @param maxEvaluations the maximum number of evaluator calls (schedule or stack); {@code Long.MAX_VALUE} for none
 * @param maxWallTime the maximum wall time; {@link #NO_TIME_LIMIT} for none
 * @param targetGap stop as soon as a search proves its best schedule within this relative gap of the
 *     optimum ({@code (best − lower bound) / best}; 0.01 for 1 %); 0 for none. Only searches that
 *     prove lower bounds use it (exhaustive branch and bound).
 */
public record Budget(long maxEvaluations, Duration maxWallTime, double targetGap) {

    /** Stands for "no wall-time limit". */
    public static final Duration NO_TIME_LIMIT = Duration.ofSeconds(Long.MAX_VALUE);

    public Budget {
        if (maxEvaluations <= 0 || maxWallTime.isNegative() || maxWallTime.isZero()) {
            throw new IllegalArgumentException("a budget must allow at least one evaluation and some time");
        }
        if (!(targetGap >= 0 && targetGap < 1)) {
            throw new IllegalArgumentException("a target gap must be in [0, 1), got " + targetGap);
        }
    }

    /** A budget without a target gap. */
    public Budget(long maxEvaluations, Duration maxWallTime) {
        this(maxEvaluations, maxWallTime, 0);
    }

    /** This budget with a target gap ({@code 0.01} for 1 %). */
    public Budget withTargetGap(double gap) {
        return new Budget(maxEvaluations, maxWallTime, gap);
    }

    /** No limit at all (for exhaustive search of small spaces). */
    public static Budget unlimited() {
        return new Budget(Long.MAX_VALUE, NO_TIME_LIMIT);
    }

    /** At most {@code n} evaluations. */
    public static Budget evaluations(long n) {
        return new Budget(n, NO_TIME_LIMIT);
    }

    /** At most {@code time} of wall time. */
    public static Budget wallTime(Duration time) {
        return new Budget(Long.MAX_VALUE, time);
    }

    /** True if the evaluation count is limited. */
    public boolean limitsEvaluations() {
        return maxEvaluations != Long.MAX_VALUE;
    }
}
