/**
 * The cost model proper (spec costmodel.md): mapping-derived data sizes and transfer patterns,
 * word accesses and energy, utilization and double buffering, port stalls, loading and
 * off-loading latency. {@link org.tessel.costmodel.layer.LayerCostModel} is the entry point;
 * {@link org.tessel.costmodel.layer.IncrementalEnergy} is its energy part for searches.
 */
package org.tessel.costmodel.layer;
