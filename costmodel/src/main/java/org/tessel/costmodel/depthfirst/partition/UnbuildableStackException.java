package org.tessel.costmodel.depthfirst.partition;

/**
 * Thrown when layers asked to run as a stack, or stacks asked to run as a schedule, are not what
 * the network can be cut into (spec depthfirst.md §2.3): a stack that is not a run of layers in
 * topological order, that cuts through parallel branches, or stacks that do not cover every layer
 * once. Still an {@link IllegalArgumentException} for callers that passed such stacks by mistake;
 * its own type lets callers that build stacks from rules or user files tell this case apart from
 * a broken invariant (the baseline falls back to the engine, {@code evaluate --schedule} reports
 * the file).
 */
public final class UnbuildableStackException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** An exception naming the stack and why it cannot be built. */
    public UnbuildableStackException(String message) {
        super(message);
    }
}
