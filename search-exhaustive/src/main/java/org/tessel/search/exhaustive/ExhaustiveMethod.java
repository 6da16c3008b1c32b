package org.tessel.search.exhaustive;

/** How {@link ExhaustiveSearch} covers the space. */
public enum ExhaustiveMethod {
    /** Dynamic programming when the evaluator's stacks are additive, enumeration otherwise. */
    AUTO,
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
