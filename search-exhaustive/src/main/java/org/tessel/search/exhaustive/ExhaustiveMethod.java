package org.tessel.search.exhaustive;

/** How {@link ExhaustiveSearch} covers the space. */
public enum ExhaustiveMethod {
    /**
     * Branch and bound when the evaluator's stacks are additive, it has stack lower bounds and the
     * objective is additive (energy, latency); else dynamic programming when the stacks are additive;
     * else enumeration.
     */
    AUTO,
    /**
     * The dynamic programme with branch and bound on stack lower bounds: the same optimum and
     * schedule as {@link #DYNAMIC_PROGRAMMING}, costing only stacks their bounds cannot exclude.
     * Needs additive stacks and an additive objective.
     */
    BRANCH_AND_BOUND,
    /**
     * Dynamic programming over the cut points: every stack (unit span × tile × mode) is evaluated
     * once, then the best (or the Pareto set) of each prefix is built from shorter prefixes.
     * Polynomial in the number of units; needs additive stack costs.
     */
    DYNAMIC_PROGRAMMING,
    /**
     * Every point, partition by partition; with additive stacks each schedule is composed from
     * memoised stack costs, with bounded stacks partitions and points whose stack costs alone
     * already exceed the best are skipped.
     */
    ENUMERATION
}
