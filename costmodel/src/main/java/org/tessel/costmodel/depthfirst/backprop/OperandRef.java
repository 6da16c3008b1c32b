package org.tessel.costmodel.depthfirst.backprop;

/**
 * A (consumer layer, layer operand) pair, the key of the input-side cache maps
 * (spec depthfirst.md §3.2 {@code CI}/{@code RI}).
 *
 * @param layerId the consuming node's id
 * @param operand the layer operand, e.g. {@code I}
 */
public record OperandRef(int layerId, String operand) {}
