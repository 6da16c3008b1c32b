package org.tessel.model.accelerator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A memory placed in the hierarchy: which operands it stores, at which level of each operand's
 * chain, which array dimensions one instance feeds, and which port carries each movement
 * (spec zigzag-inputs.md §3.3).
 *
 * @param memory the physical memory
 * @param operands the memory operands stored, in declaration order (several = shared memory)
 * @param levelOf each operand's level index in its own chain (0 = innermost)
 * @param servedDimensions array dimensions one instance of this memory is shared across
 * @param portAllocation per operand, direction → port name
 * @param unrollCount number of physical instances: product of the array dimensions not served
 */
public record MemoryLevel(
        MemoryInstance memory,
        List<MemoryOperand> operands,
        Map<MemoryOperand, Integer> levelOf,
        List<String> servedDimensions,
        Map<MemoryOperand, Map<Direction, String>> portAllocation,
        long unrollCount) {

    public MemoryLevel {
        operands = List.copyOf(operands);
        levelOf = Collections.unmodifiableMap(new LinkedHashMap<>(levelOf));
        servedDimensions = List.copyOf(servedDimensions);
        Map<MemoryOperand, Map<Direction, String>> ports = new LinkedHashMap<>();
        portAllocation.forEach((op, dirs) -> ports.put(op, Collections.unmodifiableMap(new EnumMap<>(dirs))));
        portAllocation = Collections.unmodifiableMap(ports);
    }

    /** The memory's name. */
    public String name() {
        return memory.name();
    }

    /** True if this level stores {@code operand}. */
    public boolean serves(MemoryOperand operand) {
        return levelOf.containsKey(operand);
    }

    /** True if several operands share this memory. */
    public boolean isShared() {
        return operands.size() > 1;
    }

    /** This level without {@code operand}: its level index and port allocation go too. */
    public MemoryLevel without(MemoryOperand operand) {
        List<MemoryOperand> ops = operands.stream().filter(o -> o != operand).toList();
        Map<MemoryOperand, Integer> levels = new LinkedHashMap<>(levelOf);
        levels.remove(operand);
        Map<MemoryOperand, Map<Direction, String>> ports = new LinkedHashMap<>(portAllocation);
        ports.remove(operand);
        return new MemoryLevel(memory, ops, levels, servedDimensions, ports, unrollCount);
    }

    /**
     * The ports in creation order (reads, writes, read-writes), each with the movements allocated
     * to it: operands in declaration order, directions in {@link Direction} order.
     */
    public List<Port> ports() {
        List<Port> ports = new ArrayList<>();
        for (PortKind kind : PortKind.values()) {
            long bw = kind == PortKind.WRITE ? memory.writeBandwidth() : memory.readBandwidth();
            long min = kind == PortKind.WRITE ? memory.writeGranularity() : memory.readGranularity();
            for (int n = 1; n <= memory.portCount(kind); n++) {
                String portName = kind.portName(n);
                List<Port.Use> uses = new ArrayList<>();
                for (MemoryOperand op : operands) {
                    portAllocation.getOrDefault(op, Map.of()).forEach((dir, name) -> {
                        if (name.equals(portName)) {
                            uses.add(new Port.Use(op, levelOf.get(op), dir));
                        }
                    });
                }
                ports.add(new Port(portName, kind, bw, min, uses));
            }
        }
        return ports;
    }
}
