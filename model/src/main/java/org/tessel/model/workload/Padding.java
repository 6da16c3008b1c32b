package org.tessel.model.workload;

/**
 * Zero padding of one input dimension of a layer (e.g. IX): {@code before} zeros ahead of the
 * real data and {@code after} zeros behind it. Input index {@code i} of the layer's relation
 * (e.g. {@code ix = s·ox + d·fx}) reads real element {@code i − before}; indices outside the real
 * tensor read zeros (semantics: docs/padding.md).
 *
 * @param before zeros before the first real element
 * @param after zeros after the last real element
 */
public record Padding(long before, long after) {

    /** No padding. */
    public static final Padding NONE = new Padding(0, 0);

    public Padding {
        if (before < 0 || after < 0) {
            throw new IllegalArgumentException("padding must not be negative, got [" + before + ", " + after + "]");
        }
    }

    /** Total zeros added to the dimension. */
    public long total() {
        return before + after;
    }
}
