package org.tessel.costmodel.depthfirst.copy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data-copy pseudo-layer {@code datamovement_b4_<node>} of one tile type: all copies due
 * before a node, started together at time 0 (spec depthfirst.md §4.3).
 *
 * @param name e.g. {@code datamovement_b4_LayerNode_3}
 * @param actions the copies in collection order
 * @param energyTotal Σ action energies in list order
 * @param latency the busiest port's cycles ({@code latency_total = latency_total1 = latency_total2})
 */
public record DataCopyLayer(String name, List<DataCopyAction> actions, double energyTotal, long latency) {

    public DataCopyLayer {
        actions = List.copyOf(actions);
    }

    /** The data-copy layer before {@code node} with these copies. */
    public static DataCopyLayer of(String nodeName, List<DataCopyAction> actions) {
        double energy = 0;
        Map<String, long[]> ports = new LinkedHashMap<>(); // minStart, maxEnd, busySum
        for (DataCopyAction a : actions) {
            energy += a.energy();
            for (DataCopyAction.PortBusy b : a.busy()) {
                long[] s = ports.computeIfAbsent(b.memory() + "/" + b.port(), k -> new long[] {Long.MAX_VALUE, 0, 0});
                s[0] = Math.min(s[0], b.start());
                s[1] = Math.max(s[1], b.end());
                s[2] += b.end() - b.start();
            }
        }
        // spec depthfirst.md §4.3: ports serialise; exact busy sum (no int8 wrap)
        long latency = 0;
        for (long[] s : ports.values()) {
            latency = Math.max(latency, Math.max(s[1], s[0] + s[2]));
        }
        return new DataCopyLayer("datamovement_b4_" + nodeName, actions, energy, latency);
    }
}
