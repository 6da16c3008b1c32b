package org.tessel.costmodel.depthfirst.tiletype;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessel.costmodel.depthfirst.ReferenceCase;
import org.tessel.model.accelerator.MemoryHierarchy;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.accelerator.MemoryOperand;

/** Truncated hierarchies (spec zigzag-inputs.md §3.5, depthfirst.md §3.8). */
class DepthFirstHierarchyTruncationTest {

    private static final MemoryHierarchy META = ReferenceCase.scenario("fsrcnn", "Meta_prototype_DF", "Meta_prototype")
            .accelerator().core(1).hierarchy();

    private static List<String> names(MemoryHierarchy h, MemoryOperand op) {
        return h.chain(op).stream().map(MemoryLevel::name).toList();
    }

    @Test
    void removingTopLevelsIsPureAndKeepsOtherOperands() {
        MemoryHierarchy h = META.truncatedAt(MemoryOperand.I1, "sram_64KB");
        assertEquals(List.of("sram_64KB"), names(h, MemoryOperand.I1));
        assertEquals(List.of("rf_2B", "sram_64KB", "sram_1MB_A", "dram"), names(h, MemoryOperand.O));
        assertEquals(List.of("sram_64KB", "sram_1MB_A", "dram"), names(META, MemoryOperand.I1));
        assertEquals(List.of(MemoryOperand.O), h.level("sram_1MB_A").operands());
        assertEquals(0, h.level("sram_1MB_A").portAllocation().getOrDefault(MemoryOperand.I1, java.util.Map.of()).size());
        MemoryHierarchy all = h.truncatedAt(MemoryOperand.O, "sram_1MB_A").truncatedAt(MemoryOperand.I2, "sram_32KB")
                .truncatedAt(MemoryOperand.O, "sram_64KB");
        assertEquals(List.of("rf_1B", "rf_2B", "sram_32KB", "sram_64KB"), all.levels().stream().map(MemoryLevel::name).toList());
        assertEquals(1, all.level("sram_64KB").levelOf().get(MemoryOperand.O));
    }

    @Test
    void addLayersMirrorTheInputChainAsI2() {
        MemoryHierarchy h = DepthFirstHierarchyTruncation.mirrorI1AsI2(
                META.truncatedAt(MemoryOperand.I1, "sram_1MB_A"));
        assertEquals(List.of("sram_64KB", "sram_1MB_A"), names(h, MemoryOperand.I2));
        assertEquals(List.of("rf_2B", "sram_64KB", "sram_1MB_A", "dram"), names(h, MemoryOperand.O));
        assertEquals(h.level("sram_1MB_A").portAllocation().get(MemoryOperand.I1),
                h.level("sram_1MB_A").portAllocation().get(MemoryOperand.I2));
        assertEquals(List.of("rf_2B", "sram_64KB", "sram_1MB_A", "dram"), h.levels().stream().map(MemoryLevel::name).toList());
    }
}
