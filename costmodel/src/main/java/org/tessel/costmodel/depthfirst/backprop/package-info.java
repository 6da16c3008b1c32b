/**
 * What every node of a stack computes for one tile: {@link
 * org.tessel.costmodel.depthfirst.backprop.BackPropagation} ({@code BACKPROP}, spec depthfirst.md
 * §3.2: regions, overlaps, lags and cache amounts, with its {@code use}/{@code make} caching flags)
 * and, for workloads that declare padding, {@link org.tessel.costmodel.depthfirst.backprop.AxisRegions}
 * (the region sizes on real positions, docs/padding.md §2).
 */
package org.tessel.costmodel.depthfirst.backprop;
