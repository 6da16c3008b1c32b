package org.tessel.costmodel.depthfirst;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.model.accelerator.Direction;
import org.tessel.model.accelerator.MemoryHierarchy;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.accelerator.MemoryOperand;

/**
 * Pure functions deriving the truncated memory hierarchies of depth-first single-layer calls
 * ({@code remove_operator_top_level}, spec zigzag-inputs.md §3.5; depthfirst.md §3.8). Every
 * function returns a new immutable hierarchy; the argument is unchanged. Lower levels keep their
 * indices and everything else (sizes, costs, remaining ports) is untouched.
 */
public final class DepthFirstHierarchyTruncation {

    private DepthFirstHierarchyTruncation() {}

    /**
     * Removes the top level of {@code operand}'s chain: the operand leaves that level (and its
     * ports); a level left without operands disappears.
     */
    public static MemoryHierarchy removeTopLevel(MemoryHierarchy hierarchy, MemoryOperand operand) {
        List<MemoryLevel> chain = hierarchy.chain(operand);
        if (chain.isEmpty()) {
            return hierarchy;
        }
        String top = chain.getLast().name();
        List<MemoryLevel> out = new ArrayList<>();
        for (MemoryLevel l : hierarchy.levels()) {
            if (!l.name().equals(top)) {
                out.add(l);
                continue;
            }
            List<MemoryOperand> ops = l.operands().stream().filter(o -> o != operand).toList();
            if (ops.isEmpty()) {
                continue;
            }
            Map<MemoryOperand, Integer> levelOf = new LinkedHashMap<>(l.levelOf());
            levelOf.remove(operand);
            Map<MemoryOperand, Map<Direction, String>> ports = new LinkedHashMap<>(l.portAllocation());
            ports.remove(operand);
            out.add(new MemoryLevel(l.memory(), ops, levelOf, l.servedDimensions(), ports, l.unrollCount()));
        }
        return new MemoryHierarchy(out);
    }

    /** Removes top levels of {@code operand} until the level named {@code topName} is its top. */
    public static MemoryHierarchy truncateTo(MemoryHierarchy hierarchy, MemoryOperand operand, String topName) {
        MemoryHierarchy h = hierarchy;
        if (h.chain(operand).stream().noneMatch(l -> l.name().equals(topName))) {
            throw new IllegalArgumentException(topName + " does not serve " + operand);
        }
        while (!h.top(operand).name().equals(topName)) {
            h = removeTopLevel(h, operand);
        }
        return h;
    }

    /**
     * The element-wise-add adaptation (spec depthfirst.md §3.8 step 4): removes {@code I2}
     * completely, then lets every level serving {@code I1} also serve {@code I2} at the same
     * level index with a copy of {@code I1}'s port allocation.
     */
    public static MemoryHierarchy mirrorI1AsI2(MemoryHierarchy hierarchy) {
        MemoryHierarchy h = hierarchy;
        while (!h.chain(MemoryOperand.I2).isEmpty()) {
            h = removeTopLevel(h, MemoryOperand.I2);
        }
        List<MemoryLevel> out = new ArrayList<>();
        for (MemoryLevel l : h.levels()) {
            if (!l.serves(MemoryOperand.I1)) {
                out.add(l);
                continue;
            }
            List<MemoryOperand> ops = new ArrayList<>(l.operands());
            ops.add(MemoryOperand.I2);
            Map<MemoryOperand, Integer> levelOf = new LinkedHashMap<>(l.levelOf());
            levelOf.put(MemoryOperand.I2, l.levelOf().get(MemoryOperand.I1));
            Map<MemoryOperand, Map<Direction, String>> ports = new LinkedHashMap<>(l.portAllocation());
            ports.put(MemoryOperand.I2, l.portAllocation().getOrDefault(MemoryOperand.I1, Map.of()));
            out.add(new MemoryLevel(l.memory(), ops, levelOf, l.servedDimensions(), ports, l.unrollCount()));
        }
        return new MemoryHierarchy(out);
    }
}
