/**
 * Aggregation (spec depthfirst.md §5): {@link org.tessel.costmodel.depthfirst.aggregate.KeyAggregate}
 * (per key over all stacks and tile types, §5.1–§5.2), {@link
 * org.tessel.costmodel.depthfirst.aggregate.NetworkTotals} (the network's sums, §5.3) and {@link
 * org.tessel.costmodel.depthfirst.aggregate.DepthFirstResult}, everything a run produced (§1.3).
 */
package org.tessel.costmodel.depthfirst.aggregate;
