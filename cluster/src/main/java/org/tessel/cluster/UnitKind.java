package org.tessel.cluster;

/**
 * What a member does with a {@link RunSpec}: the {@code tessel} command whose code runs it on the
 * member (a member has one {@link RunWorker} for all of them).
 */
public enum UnitKind {
    /** A whole {@code tessel search} run of a campaign; its result is the search's JSON document. */
    SEARCH_RUN,
    /** One point of a {@code tessel sweep} grid (one tile size, one overlap mode); its result is the point's CSV row. */
    SWEEP_POINT,
    /**
     * The costing problem of a distributed exhaustive search: the files and options a member builds
     * its stack evaluator from once; the stacks come in batches ({@link ClusterStackCoster}).
     */
    STACK_COSTING
}
