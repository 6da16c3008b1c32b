package org.tessel.costmodel.temporal;

/**
 * No loop ordering could be allocated: a top memory level cannot hold what is left
 * (the reference's {@code MemHierarchyTooSmall}, spec mapping.md §3.5). The depth-first engine
 * catches it and retries with more memory levels.
 */
public final class MemoryHierarchyTooSmallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With a message naming the layer. */
    public MemoryHierarchyTooSmallException(String message) {
        super(message);
    }
}
