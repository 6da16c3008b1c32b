package org.tessel.costmodel.depthfirst.copy;

/** The kinds of data-copy actions of a tile (spec depthfirst.md §3.7 (b), (f)). */
public enum CopyKind {
    /** Stack-input fetch {@code SI}: the tile's new input patch from the stack input level. */
    STACK_INPUT,
    /** Producer output → consumer input {@code O→I}. */
    OUTPUT_TO_INPUT,
    /** Cached overlap → input {@code CI} (H or V cache). */
    CACHE_TO_INPUT,
    /** Output → cache {@code O→CO}, charged to the next node. */
    OUTPUT_TO_CACHE
}
