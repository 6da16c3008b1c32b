package org.tessel.costmodel.depthfirst.tiling;

/**
 * What a tile reads from the vertical cache for one input operand (spec depthfirst.md §3.4 H):
 * {@code overlap} rows along {@code dimY}; {@code dimX} names the column dimension.
 *
 * @param dimY the row dimension of the operand, e.g. {@code IY}
 * @param overlap number of cached rows
 * @param dimX the column dimension of the operand, e.g. {@code IX}
 */
public record RowRead(String dimY, long overlap, String dimX) {}
