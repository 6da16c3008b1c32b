/**
 * The network as the depth-first engine sees it (spec depthfirst.md §0): {@link
 * org.tessel.costmodel.depthfirst.graph.DfNode} (a layer or input pseudo-layer with the geometry
 * the engine needs: relevant dimensions, extents, bits), {@link
 * org.tessel.costmodel.depthfirst.graph.StackGraph} (networkx-like ordered graph, topological
 * order) and {@link org.tessel.costmodel.depthfirst.graph.SpatialAxis}, the two axes a stack's
 * output is tiled along.
 */
package org.tessel.costmodel.depthfirst.graph;
