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

    /**
     * This hierarchy without the top level of {@code operand}'s chain: the operand leaves that level
     * (with its ports); a level left without operands disappears; lower levels keep their indices
     * (spec zigzag-inputs.md §3.5, {@code remove_operator_top_level}). Unchanged if no level serves it.
     */
    public MemoryHierarchy withoutTopLevel(MemoryOperand operand) {
        List<MemoryLevel> chain = chain(operand);
        if (chain.isEmpty()) {
            return this;
        }
        MemoryLevel top = chain.getLast();
        List<MemoryLevel> out = new ArrayList<>();
        for (MemoryLevel l : levels) {
            if (l != top) {
                out.add(l);
            } else if (l.operands().size() > 1) {
                out.add(l.without(operand));
            }
        }
        return new MemoryHierarchy(out);
    }

    /**
     * This hierarchy with {@code operand}'s chain cut above the memory named {@code memoryName},
     * which becomes the operand's top level (repeated {@link #withoutTopLevel}).
     *
     * @throws IllegalArgumentException if that memory does not hold {@code operand}
     */
    public MemoryHierarchy truncatedAt(MemoryOperand operand, String memoryName) {
        if (chain(operand).stream().noneMatch(l -> l.name().equals(memoryName))) {
            throw new IllegalArgumentException("no memory " + memoryName + " holds " + operand);
        }
        MemoryHierarchy h = this;
        while (!h.top(operand).name().equals(memoryName)) {
            h = h.withoutTopLevel(operand);
        }
        return h;
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
