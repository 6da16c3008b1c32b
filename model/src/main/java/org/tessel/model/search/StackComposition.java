package org.tessel.model.search;

/**
 * How the cost of a schedule relates to the costs of its stacks evaluated on their own: the
 * capability of a {@link ScheduleEvaluator} that decides which exact methods a back end may use.
 */
public enum StackComposition {
    /** Only whole schedules can be evaluated; nothing is known about their parts. */
    OPAQUE,
    /**
     * Each stack can be evaluated alone, and a schedule costs at least the sum of its stacks in
     * both energy and latency; a stack infeasible alone makes every schedule containing it
     * infeasible. Enables branch and bound.
     */
    BOUNDED,
    /**
     * Stacks are independent: a schedule costs exactly the sum of its stacks and is feasible iff
     * every stack is (true of the depth-first model, where stacks run one after the other and hand
     * feature maps over through the top memory). Enables dynamic programming over the cut points.
     */
    ADDITIVE;

    /** True if stacks can be evaluated on their own. */
    public boolean stacksEvaluable() {
        return this != OPAQUE;
    }
}
