package org.tessel.costmodel;

/**
 * A loop of a mapping as the cost model handles it: a dimension name and a size that may be
 * fractional (spatial unrolling, spec mapping.md §1.1) or a pr-decoupled factor such as
 * {@code IX_r} (spec mapping.md §2.1).
 *
 * @param dim the (possibly decoupled) dimension name
 * @param size the number of iterations
 */
public record Loop(String dim, double size) {}
