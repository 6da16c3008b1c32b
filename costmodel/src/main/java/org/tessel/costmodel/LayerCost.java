package org.tessel.costmodel;

import java.util.List;
import org.tessel.model.accelerator.MemoryOperand;

/**
 * The cost of one layer (or tile) under one spatial and temporal mapping (spec costmodel.md).
 * Energies in pJ, latencies in cycles, accesses in words of the memory's bandwidth.
 *
 * @param energyTotal memory energy + MAC energy (spec costmodel.md §5)
 * @param macEnergy MAC energy per MAC × MAC count
 * @param memoryEnergy sum of all memory energies, accumulated operand by operand, level by level
 * @param operands per layer operand (equation order) the per-level breakdown
 * @param latencyTotal0 temporal cycles + stall cycles (spec costmodel.md §10)
 * @param latencyTotal1 {@code latencyTotal0} + loading cycles
 * @param latencyTotal2 {@code latencyTotal1} + off-loading cycles
 * @param idealCycles {@code ceil(MACs / MAC units)}
 * @param temporalCycles cycles of the temporal mapping ({@code ideal_temporal_cycle})
 * @param stallCycles {@code SS_comb}, never negative (spec costmodel.md §8.3)
 * @param loadingCycles initial input loading (spec costmodel.md §9.1)
 * @param offloadingCycles final output off-loading (spec costmodel.md §9.2)
 * @param macSpatialUtilization {@code idealCycles / temporalCycles}
 */
public record LayerCost(
        double energyTotal,
        double macEnergy,
        double memoryEnergy,
        List<OperandCost> operands,
        long latencyTotal0,
        long latencyTotal1,
        long latencyTotal2,
        long idealCycles,
        long temporalCycles,
        long stallCycles,
        long loadingCycles,
        long offloadingCycles,
        double macSpatialUtilization) {

    public LayerCost {
        if (!(operands instanceof OperandCostTable)) { // already immutable; its records are built on demand
            operands = List.copyOf(operands);
        }
    }

    /**
     * The breakdown of one layer operand over its memory chain.
     *
     * @param operand the layer operand
     * @param memoryOperand its memory operand
     * @param levels per memory level, innermost first
     */
    public record OperandCost(String operand, MemoryOperand memoryOperand, List<LevelCost> levels) {
        public OperandCost {
            levels = List.copyOf(levels);
        }
    }

    /**
     * Accesses and energy of one operand at one memory level.
     *
     * @param memory the memory's name
     * @param accesses word accesses per direction (spec costmodel.md §4)
     * @param energies energy per direction (spec costmodel.md §5)
     * @param energy the level's total energy for this operand
     */
    public record LevelCost(String memory, DirectionValues accesses, DirectionValues energies, double energy) {}

    /** The breakdown of layer operand {@code operand}. */
    public OperandCost operand(String operand) {
        return operands.stream().filter(o -> o.operand().equals(operand)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no operand " + operand));
    }

    /** MAC utilization including stalls: {@code idealCycles / latencyTotal0}. */
    public double macUtilization0() {
        return (double) idealCycles / latencyTotal0;
    }

    /** MAC utilization including loading: {@code idealCycles / latencyTotal1}. */
    public double macUtilization1() {
        return (double) idealCycles / latencyTotal1;
    }

    /** MAC utilization including loading and off-loading: {@code idealCycles / latencyTotal2}. */
    public double macUtilization2() {
        return (double) idealCycles / latencyTotal2;
    }
}
