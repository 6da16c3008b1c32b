package org.tessel.costmodel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.model.accelerator.Core;
import org.tessel.model.accelerator.MemoryHierarchy;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.accelerator.MemoryOperand;

/**
 * Truncation of one memory operand's chain above a named memory, as the depth-first engine
 * does it for a tile (spec zigzag-inputs.md §3.5): every level above {@code topMemory} loses
 * {@code operand} (from its operands, level indices and port allocation); a level left without
 * operands disappears. Lower levels keep their indices; the named memory becomes the operand's
 * top level.
 *
 * @param operand the memory operand whose chain is cut
 * @param topMemory the name of the memory that becomes its top level
 */
public record HierarchyCut(MemoryOperand operand, String topMemory) {

    /** Applies the cut; the hierarchy must hold {@code operand} in {@code topMemory}. */
    public MemoryHierarchy applyTo(MemoryHierarchy hierarchy) {
        return hierarchy.truncatedAt(operand, topMemory);
    }

    /** Applies the cut to a core's hierarchy. */
    public Core applyTo(Core core) {
        return new Core(core.id(), core.array(), applyTo(core.hierarchy()));
    }

    /** Applies one cut per entry of {@code topMemories} (memory operand → new top memory name). */
    public static Core applyAll(Core core, Map<MemoryOperand, String> topMemories) {
        Core out = core;
        for (var e : topMemories.entrySet()) {
            out = new HierarchyCut(e.getKey(), e.getValue()).applyTo(out);
        }
        return out;
    }
}
