package org.tessel.costmodel.depthfirst;

import org.tessel.costmodel.depthfirst.aggregate.NetworkTotals;

/**
 * Which of DeFiNES' latency sums a schedule's latency is (spec depthfirst.md §1.3, §5.3).
 */
public enum DepthFirstLatency {
    /** Σ compute {@code latency_total0} + Σ data-copy {@code latency_total}: no loading or off-loading. */
    LATENCY_TOTAL0,
    /** Σ {@code latency_total1}: the artifact's (and the paper's) latency; the default. */
    LATENCY_TOTAL1,
    /**
     * Σ {@code latency_total2}: the log's figure, with off-loading; in DeFiNES-compatible mode the
     * data-copy part is unscaled by multiplicity (spec §5.2, §7 item 12).
     */
    LATENCY_TOTAL2;

    /** This latency of {@code totals}, in cycles. */
    public long of(NetworkTotals totals) {
        return switch (this) {
            case LATENCY_TOTAL0 -> totals.latencyTotal0();
            case LATENCY_TOTAL1 -> totals.latencyTotal1();
            case LATENCY_TOTAL2 -> totals.latencyTotal2();
        };
    }
}
