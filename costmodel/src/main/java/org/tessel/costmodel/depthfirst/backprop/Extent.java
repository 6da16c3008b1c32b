package org.tessel.costmodel.depthfirst.backprop;

/**
 * An amount along one dimension: cached columns/rows of a producer's output or of a consumer's
 * input (spec depthfirst.md §3.2, §3.4 H).
 *
 * @param dim the dimension name, e.g. {@code OX} or {@code IX}
 * @param amount number of columns or rows
 */
public record Extent(String dim, long amount) {}
