package org.tessel.costmodel.depthfirst.tiletype;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.model.accelerator.Direction;
import org.tessel.model.accelerator.MemoryHierarchy;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.accelerator.MemoryOperand;

/**
 * The hierarchy adaptation of depth-first single-layer calls beyond plain truncation (which is
 * {@link MemoryHierarchy#truncatedAt}, spec zigzag-inputs.md §3.5): element-wise adds read both
 * inputs through the activation chain (spec depthfirst.md §3.8 step 4). Pure: returns a new
 * immutable hierarchy.
 */
public final class DepthFirstHierarchyTruncation {

    private DepthFirstHierarchyTruncation() {}

    /**
     * The element-wise-add adaptation (spec depthfirst.md §3.8 step 4): removes {@code I2}
     * completely, then lets every level serving {@code I1} also serve {@code I2} at the same
     * level index with a copy of {@code I1}'s port allocation.
     */
    public static MemoryHierarchy mirrorI1AsI2(MemoryHierarchy hierarchy) {
        MemoryHierarchy h = hierarchy;
        while (!h.chain(MemoryOperand.I2).isEmpty()) {
            h = h.withoutTopLevel(MemoryOperand.I2);
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
