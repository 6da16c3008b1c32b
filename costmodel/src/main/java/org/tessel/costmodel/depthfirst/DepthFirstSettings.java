package org.tessel.costmodel.depthfirst;

import org.tessel.costmodel.depthfirst.partition.StackCuts;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.TileSize;

/**
 * The knobs of one depth-first run (spec depthfirst.md §1.1): the same tile size and overlap
 * mode for every stack, as in DeFiNES. To give every stack its own tile size and mode, run a
 * {@link org.tessel.model.schedule.Schedule} instead ({@link DepthFirstEngine#run(org.tessel.model.config.Scenario,
 * org.tessel.model.schedule.Schedule, int, boolean)}).
 *
 * @param tile tile size of every stack's output
 * @param mode overlap-storing mode
 * @param fixedCuts an explicit cut list, or null for the automatic weights-overflow rule (§2.2)
 * @param lpfLimit the LOMA loop-prime-factor limit handed to the single-layer model
 * @param definesCompat reproduce the two DeFiNES defects of spec §7 items 12 and 16 (data-copy
 *     {@code latency_total2} not scaled by multiplicity; a cut at node id 0 ignored); false = correct
 */
public record DepthFirstSettings(TileSize tile, OverlapMode mode, StackCuts fixedCuts, int lpfLimit, boolean definesCompat) {}
