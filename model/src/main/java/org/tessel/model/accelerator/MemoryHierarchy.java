package org.tessel.model.accelerator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The memory levels of a core in insertion order; each operand's levels form a chain, innermost
 * first (spec zigzag-inputs.md §3.4). Insertion order matters: the temporal-mapping allocator and
 * the port latency terms iterate levels in it.
 *
 * @param levels the memory levels in insertion order
 */
public record MemoryHierarchy(List<MemoryLevel> levels) {

    public MemoryHierarchy {
        levels = List.copyOf(levels);
    }

    /** The operands served, in order of first appearance. */
    public List<MemoryOperand> operands() {
        Set<MemoryOperand> ops = new LinkedHashSet<>();
        levels.forEach(l -> ops.addAll(l.operands()));
        return List.copyOf(ops);
    }

    /** The chain of levels holding {@code operand}, innermost first; empty if none does. */
    public List<MemoryLevel> chain(MemoryOperand operand) {
        return levels.stream().filter(l -> l.serves(operand)).toList();
    }

    /** The top (outermost) level of {@code operand}'s chain. */
    public MemoryLevel top(MemoryOperand operand) {
        List<MemoryLevel> chain = chain(operand);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no memory level serves " + operand);
        }
        return chain.getLast();
    }

    /** The level with this memory name. */
    public MemoryLevel level(String memoryName) {
        return levels.stream().filter(l -> l.name().equals(memoryName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no memory named " + memoryName));
    }

    /**
     * The level indices of every memory holding more than one operand, deduplicated, in the order
     * found scanning each operand's chain innermost first (spec zigzag-inputs.md §3.6).
     */
    public List<Map<MemoryOperand, Integer>> sharingList() {
        List<Map<MemoryOperand, Integer>> out = new ArrayList<>();
        for (MemoryOperand op : operands()) {
            for (MemoryLevel l : chain(op)) {
                if (l.isShared() && !out.contains(l.levelOf())) {
                    out.add(l.levelOf());
                }
            }
        }
        return List.copyOf(out);
    }
}
