/**
 * The depth-first (layer-fusion) engine of DeFiNES (spec depthfirst.md), around a pluggable
 * single-layer model. Start here: {@link org.tessel.costmodel.depthfirst.DepthFirstEngine} runs a
 * network with {@link org.tessel.costmodel.depthfirst.DepthFirstSettings} (DeFiNES' knobs) or an
 * explicit schedule, and {@link org.tessel.costmodel.depthfirst.DepthFirstScheduleEvaluator} offers
 * the model to the search back ends, stack by stack (stacks are independent and additive).
 *
 * <p>The engine's steps live in sub-packages, each below the next in this list (no package
 * depends on one listed after it):
 * <ul>
 * <li>{@link org.tessel.costmodel.depthfirst.graph}: the network as a graph of nodes (§0), the
 *   two tiled axes;</li>
 * <li>{@link org.tessel.costmodel.depthfirst.backprop}: back-propagation of a tile through a stack
 *   (§3.2), and the real-position regions of padded workloads (docs/padding.md §2);</li>
 * <li>{@link org.tessel.costmodel.depthfirst.partition}: cutting the network into fused stacks
 *   (§2, docs/stacks.md);</li>
 * <li>{@link org.tessel.costmodel.depthfirst.tiling}: the tile grid, the cache and weight plan of
 *   a tile configuration, tile types and multiplicities (§3.3–§3.6);</li>
 * <li>{@link org.tessel.costmodel.depthfirst.copy}: data-copy actions and layers (§4);</li>
 * <li>{@link org.tessel.costmodel.depthfirst.layertile}: the single-layer model as the engine sees
 *   it, and its memo (§1.2 stages 7–11);</li>
 * <li>{@link org.tessel.costmodel.depthfirst.tiletype}: evaluating one tile type, node by node:
 *   level choices, copies, truncated hierarchies, retries (§3.7–§3.9);</li>
 * <li>{@link org.tessel.costmodel.depthfirst.aggregate}: aggregation per key into network totals,
 *   and the result of a run (§5);</li>
 * <li>{@link org.tessel.costmodel.depthfirst.bound}: cheap lower bounds of a stack's cost for the
 *   search's branch and bound (docs/search.md "Lower bounds").</li>
 * </ul>
 */
package org.tessel.costmodel.depthfirst;
