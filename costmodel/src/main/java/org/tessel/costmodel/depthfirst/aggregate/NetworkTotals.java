package org.tessel.costmodel.depthfirst.aggregate;

import java.util.List;

/**
 * End-to-end figures of a depth-first run: plain sums over all keys (spec depthfirst.md §1.3, §5.3).
 *
 * @param energyTotal Σ {@code energy_total} (pJ), compute and data-copy keys
 * @param macEnergy Σ compute {@code MAC_energy}
 * @param dataCopyEnergy Σ data-copy {@code energy_total}
 * @param latencyTotal0 Σ compute {@code latency_total0} + Σ data-copy {@code latency_total}
 * @param latencyTotal1 Σ {@code latency_total1} (the paper's latency)
 * @param latencyTotal2 Σ {@code latency_total2}
 */
public record NetworkTotals(double energyTotal, double macEnergy, double dataCopyEnergy, long latencyTotal0,
        long latencyTotal1, long latencyTotal2) {

    /** The totals of {@code keys}, summed in key order. */
    public static NetworkTotals of(List<KeyAggregate> keys) {
        double e = 0;
        double mac = 0;
        double dc = 0;
        long l0 = 0;
        long l1 = 0;
        long l2 = 0;
        for (KeyAggregate k : keys) {
            e += k.energyTotal();
            if (k.dataCopy()) {
                dc += k.energyTotal();
            } else {
                mac += k.layerTotal().macEnergy();
            }
            l0 += k.latencyTotal0();
            l1 += k.latencyTotal1();
            l2 += k.latencyTotal2();
        }
        return new NetworkTotals(e, mac, dc, l0, l1, l2);
    }
}
