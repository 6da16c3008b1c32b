package org.tessel.cli;

/**
 * What the baseline step of {@code tessel search} cost, apart from the search: its wall time and
 * the stacks it had to cost itself (those the search had not costed already; the others come from
 * the search's stack memo).
 *
 * @param millis wall time of the baseline step
 * @param stacks stacks costed by the baseline step through the search's stack memo
 */
record BaselineCost(long millis, long stacks) {}
