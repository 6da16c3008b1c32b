/**
 * Evaluating one tile type of a stack ({@code run_for_tilesize}, spec depthfirst.md §3.7–§3.9):
 * {@link org.tessel.costmodel.depthfirst.tiletype.TileTypeEvaluation} walks the nodes in topological
 * order (level choices, copies, single-layer call, cache writes, retries) and records each in a
 * {@link org.tessel.costmodel.depthfirst.tiletype.NodeTileRecord}; {@link
 * org.tessel.costmodel.depthfirst.tiletype.DepthFirstHierarchyTruncation} is the element-wise-add
 * adaptation of §3.8 step 4.
 */
package org.tessel.costmodel.depthfirst.tiletype;
