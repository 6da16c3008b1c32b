/**
 * The boundary between the depth-first engine and the single-layer model (spec depthfirst.md §1.2
 * stages 7–11, §3.7 (e)): {@link org.tessel.costmodel.depthfirst.layertile.LayerTileEvaluator}
 * evaluates a {@link org.tessel.costmodel.depthfirst.layertile.LayerTileProblem} (a tile-sized
 * layer on a truncated hierarchy) into a {@link org.tessel.costmodel.depthfirst.layertile.LayerTileResult};
 * {@link org.tessel.costmodel.depthfirst.layertile.MemoizingLayerTileEvaluator} shares results
 * between identical layer-tiles. The real model is {@code org.tessel.costmodel.SingleLayerEvaluator}.
 */
package org.tessel.costmodel.depthfirst.layertile;
