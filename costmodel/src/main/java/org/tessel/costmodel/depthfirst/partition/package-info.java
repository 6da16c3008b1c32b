/**
 * Cutting a network into fused stacks (spec depthfirst.md §2, docs/stacks.md): {@link
 * org.tessel.costmodel.depthfirst.partition.StackCuts} (undividable units and the automatic
 * weights-overflow rule, §2.1–§2.2), {@link org.tessel.costmodel.depthfirst.partition.StackPartition}
 * (the full-size propagation and the stacks with their stack-input pseudo-layers, §2.3), {@link
 * org.tessel.costmodel.depthfirst.partition.FusedStack} (one stack) and {@link
 * org.tessel.costmodel.depthfirst.partition.FullSizeGrowth} (layers the full-size propagation grows).
 */
package org.tessel.costmodel.depthfirst.partition;
