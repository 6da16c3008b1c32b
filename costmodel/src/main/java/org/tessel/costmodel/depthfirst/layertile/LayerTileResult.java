package org.tessel.costmodel.depthfirst.layertile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The single-layer outputs the depth-first engine needs from one layer-tile evaluation, and the
 * scale/add operators of its aggregation ({@code cme · k}, {@code cme + cme}; spec costmodel.md
 * §11, depthfirst.md §5.2). Utilizations are derived, as the reference recomputes them.
 *
 * @param energyTotal {@code energy_total} (pJ) = MAC energy + memory energy
 * @param macEnergy {@code MAC_energy} (pJ)
 * @param memEnergy {@code mem_energy} (pJ)
 * @param latencyTotal0 {@code latency_total0} = ideal temporal cycles + stalls (cycles)
 * @param latencyTotal1 {@code latency_total1} = {@code latency_total0} + data loading
 * @param latencyTotal2 {@code latency_total2} = {@code latency_total1} + data off-loading
 * @param idealCycle {@code ideal_cycle}
 * @param idealTemporalCycle {@code ideal_temporal_cycle}
 * @param dataLoadingCycle {@code data_loading_cycle}
 * @param dataOffloadingCycle {@code data_offloading_cycle}
 * @param memoryEnergy layer operand → memory name → energy (pJ), innermost memory first; memory
 *     names rather than level indices, so that sums over differently truncated hierarchies stay
 *     meaningful
 */
public record LayerTileResult(double energyTotal, double macEnergy, double memEnergy, long latencyTotal0,
        long latencyTotal1, long latencyTotal2, long idealCycle, long idealTemporalCycle, long dataLoadingCycle,
        long dataOffloadingCycle, Map<String, Map<String, Double>> memoryEnergy) {

    public LayerTileResult {
        Map<String, Map<String, Double>> m = new LinkedHashMap<>();
        memoryEnergy.forEach((op, lv) -> m.put(op, Collections.unmodifiableMap(new LinkedHashMap<>(lv))));
        memoryEnergy = Collections.unmodifiableMap(m);
    }

    /** {@code cme · k}: every energy, access-derived energy and cycle count scaled by {@code k}. */
    public LayerTileResult times(long k) {
        Map<String, Map<String, Double>> m = new LinkedHashMap<>();
        memoryEnergy.forEach((op, lv) -> {
            Map<String, Double> s = new LinkedHashMap<>();
            lv.forEach((mem, e) -> s.put(mem, e * k));
            m.put(op, s);
        });
        return new LayerTileResult(energyTotal * k, macEnergy * k, memEnergy * k, latencyTotal0 * k, latencyTotal1 * k,
                latencyTotal2 * k, idealCycle * k, idealTemporalCycle * k, dataLoadingCycle * k, dataOffloadingCycle * k, m);
    }

    /** {@code cme + cme}: fields added; per-memory energies merged by memory name. */
    public LayerTileResult plus(LayerTileResult o) {
        Map<String, Map<String, Double>> m = new LinkedHashMap<>();
        memoryEnergy.forEach((op, lv) -> m.put(op, new LinkedHashMap<>(lv)));
        o.memoryEnergy.forEach((op, lv) -> {
            Map<String, Double> s = m.computeIfAbsent(op, k -> new LinkedHashMap<>());
            lv.forEach((mem, e) -> s.merge(mem, e, Double::sum));
        });
        return new LayerTileResult(energyTotal + o.energyTotal, macEnergy + o.macEnergy, memEnergy + o.memEnergy,
                latencyTotal0 + o.latencyTotal0, latencyTotal1 + o.latencyTotal1, latencyTotal2 + o.latencyTotal2,
                idealCycle + o.idealCycle, idealTemporalCycle + o.idealTemporalCycle, dataLoadingCycle + o.dataLoadingCycle,
                dataOffloadingCycle + o.dataOffloadingCycle, m);
    }

    /** {@code MAC_spatial_utilization} = ideal cycles / ideal temporal cycles. */
    public double macSpatialUtilization() {
        return (double) idealCycle / idealTemporalCycle;
    }

    /** {@code MAC_utilization0/1/2} = ideal cycles / {@code latency_total0/1/2}. */
    public double macUtilization(int which) {
        long l = switch (which) {
            case 0 -> latencyTotal0;
            case 1 -> latencyTotal1;
            case 2 -> latencyTotal2;
            default -> throw new IllegalArgumentException("latency_total" + which);
        };
        return (double) idealCycle / l;
    }
}
