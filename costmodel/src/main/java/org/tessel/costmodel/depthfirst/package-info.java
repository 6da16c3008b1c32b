/**
 * The depth-first (layer-fusion) engine of DeFiNES (spec depthfirst.md): stack cutting, tiling,
 * back-propagation of tiles, overlap caching, the active memory levels and truncated hierarchies
 * handed to the single-layer model, data-copy pseudo-layers and the aggregation into network
 * totals. The single-layer model itself is reached through {@link
 * org.tessel.costmodel.depthfirst.LayerTileEvaluator}.
 */
package org.tessel.costmodel.depthfirst;
