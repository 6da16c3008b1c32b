/**
 * The depth-first (layer-fusion) engine of DeFiNES (spec depthfirst.md): stack cutting, tiling,
 * back-propagation of tiles, overlap caching, the active memory levels and truncated hierarchies
 * handed to the single-layer model, data-copy pseudo-layers and the aggregation into network
 * totals. The single-layer model itself is reached through {@link
 * org.tessel.costmodel.depthfirst.LayerTileEvaluator}. Runs are described by DeFiNES' settings or by
 * an explicit schedule (each stack with its own tile size and mode); {@link
 * org.tessel.costmodel.depthfirst.DepthFirstScheduleEvaluator} offers the model to the search back
 * ends, stack by stack (stacks are independent and additive).
 */
package org.tessel.costmodel.depthfirst;
