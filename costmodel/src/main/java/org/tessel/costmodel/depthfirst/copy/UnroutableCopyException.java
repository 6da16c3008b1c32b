package org.tessel.costmodel.depthfirst.copy;

/**
 * Thrown when a data copy the depth-first engine must make has no route in the memory hierarchy:
 * no memory shared by its source and destination operands, or a memory on the path without the port
 * the hop needs (spec depthfirst.md §4.1). DeFiNES fails at the same point; it happens when a level
 * choice (typically an exhausted retry, §3.7 (g)) asks for a movement the hardware cannot make, so
 * the stack cannot run as scheduled.
 */
public final class UnroutableCopyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with a readable reason. */
    public UnroutableCopyException(String message) {
        super(message);
    }
}
