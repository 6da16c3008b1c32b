/**
 * The single-layer cost model proper (spec costmodel.md): mapping-derived data sizes and transfer
 * patterns, word accesses and energy, utilization and double buffering, port stalls, loading and
 * off-loading latency.
 *
 * <p>{@link org.tessel.costmodel.layer.LayerCostModel} is the entry point, on a problem prepared
 * once as a {@link org.tessel.costmodel.layer.LayerContext} (with its
 * {@link org.tessel.costmodel.layer.IndexedOperand indexed operands} and hierarchy). The work is
 * done by {@link org.tessel.costmodel.layer.LayerEvaluator}, in steps that follow the spec's
 * sections: {@link org.tessel.costmodel.layer.MergedLoops} (mapping.md §3.6),
 * {@link org.tessel.costmodel.layer.TransferPatterns} (§1–§2),
 * {@link org.tessel.costmodel.layer.AccessEnergy} (§4–§5),
 * {@link org.tessel.costmodel.layer.DoubleBuffering} (§3, §6),
 * {@link org.tessel.costmodel.layer.TransferLatency} and
 * {@link org.tessel.costmodel.layer.PortActivities} (§7–§9).
 *
 * <p>The temporal-mapping search ranks orderings by energy alone with
 * {@link org.tessel.costmodel.layer.IncrementalEnergy}, which reuses per-operand results held as
 * objects: {@link org.tessel.costmodel.layer.StationaryMapping} (§3.6),
 * {@link org.tessel.costmodel.layer.OperandTransfers} (§1–§2),
 * {@link org.tessel.costmodel.layer.OperandEnergy} (§3–§5), with the same arithmetic.
 *
 * <p>The spec-shaped test oracle, one object per intermediate quantity including the latency part,
 * is {@code LayerCostOracle} in the test sources; {@code LayerEvaluatorTest} and
 * {@code IncrementalEnergyTest} hold the production code to it bit for bit.
 */
package org.tessel.costmodel.layer;
