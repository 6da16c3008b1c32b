package org.tessel.costmodel.depthfirst.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessel.costmodel.depthfirst.ReferenceCase;
import org.tessel.model.accelerator.MemoryHierarchy;
import org.tessel.model.accelerator.MemoryOperand;

/** Data-copy paths, energies and latencies from the worked numbers of spec depthfirst.md §4 and depthfirst-examples.md §2. */
class DataCopyActionTest {

    private static final MemoryHierarchy META = ReferenceCase.scenario("fsrcnn", "Meta_prototype_DF", "Meta_prototype")
            .accelerator().core(1).hierarchy();

    @Test
    void stackInputFetchFromDramTakesTwoHops() {
        DataCopyAction a = DataCopyAction.of(CopyKind.STACK_INPUT, 29_600, MemoryOperand.I1, 2, MemoryOperand.I1, 0, META);
        assertEquals(List.of("dram", "sram_1MB_A", "sram_64KB"), a.path());
        assertEquals(324_100 + 5_474.975 + 6_021.315 + 1_782.55, a.energy(), 1e-6);
        assertEquals(List.of(
                new DataCopyAction.PortBusy("dram", "rw_port_1", 0, 463),
                new DataCopyAction.PortBusy("sram_1MB_A", "w_port_1", 0, 463),
                new DataCopyAction.PortBusy("sram_1MB_A", "r_port_1", 463, 521),
                new DataCopyAction.PortBusy("sram_64KB", "w_port_1", 463, 521)), a.busy());
        assertEquals(521, DataCopyLayer.of("InputLayerNode_-1", List.of(a)).latency());
    }

    @Test
    void outputToCacheGoesUpOneLevel() {
        DataCopyAction a = DataCopyAction.of(CopyKind.OUTPUT_TO_CACHE, 13_440, MemoryOperand.O, 1, MemoryOperand.O, 2, META);
        assertEquals(List.of("sram_64KB", "sram_1MB_A"), a.path());
        assertEquals(3_180.45, a.energy(), 1e-9);
        assertEquals(27, DataCopyLayer.of("LayerNode_2", List.of(a)).latency());
    }

    @Test
    void sharedPortsSerialiseWithTheExactBusySum() {
        // depthfirst-examples.md §2.1: type 1, datamovement_b4_LayerNode_3 — 495 under the NumPy-2 wrap, exact 512
        DataCopyAction oi = DataCopyAction.of(CopyKind.OUTPUT_TO_INPUT, 253_440, MemoryOperand.O, 2, MemoryOperand.I1, 0, META);
        DataCopyAction ci = DataCopyAction.of(CopyKind.CACHE_TO_INPUT, 8_448, MemoryOperand.I1, 1, MemoryOperand.I1, 0, META);
        assertEquals(List.of("sram_1MB_A", "sram_64KB"), oi.path());
        DataCopyLayer d = DataCopyLayer.of("LayerNode_3", List.of(oi, ci));
        assertEquals(66_745.8, oi.energy(), 1e-6);
        assertEquals(68_970.66, d.energyTotal(), 1e-6);
        assertEquals(512, d.latency());
    }

    @Test
    void copyWithinOneMemoryIsFree() {
        DataCopyAction a = DataCopyAction.of(CopyKind.STACK_INPUT, 1_000, MemoryOperand.I1, 2, MemoryOperand.I1, 2, META);
        assertEquals(0.0, a.energy());
        assertEquals(0, DataCopyLayer.of("InputLayerNode_-1", List.of(a)).latency());
        assertEquals(0, DataCopyLayer.of("LayerNode_0", List.of()).latency());
    }
}
