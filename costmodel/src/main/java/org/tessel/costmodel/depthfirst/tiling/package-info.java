/**
 * The tiles of one stack (spec depthfirst.md §3.3–§3.6): {@link
 * org.tessel.costmodel.depthfirst.tiling.TileLayout} (the grid, remainder first, §3.3), {@link
 * org.tessel.costmodel.depthfirst.tiling.CachePlan} (caching and weight levels of one tile
 * configuration, §3.4), {@link org.tessel.costmodel.depthfirst.tiling.StackTiling} (pass 1 and pass
 * 2 over the grid: tile types and multiplicities, §3.5–§3.6) and {@link
 * org.tessel.costmodel.depthfirst.tiling.TileTypeKey} (the argument set of one tile type). {@link
 * org.tessel.costmodel.depthfirst.tiling.MemoryLevels} holds the level-list conventions of §0.
 */
package org.tessel.costmodel.depthfirst.tiling;
