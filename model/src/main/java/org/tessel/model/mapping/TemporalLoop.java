package org.tessel.model.mapping;

/** One temporal loop: dimension {@code dimension} iterated {@code size} times. */
public record TemporalLoop(String dimension, long size) {
    public TemporalLoop {
        if (size <= 0) {
            throw new IllegalArgumentException("loop size must be positive, got " + size);
        }
    }
}
