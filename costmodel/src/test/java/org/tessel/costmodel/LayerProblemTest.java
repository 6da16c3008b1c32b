package org.tessel.costmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tessel.costmodel.layer.LayerContext;
import org.tessel.costmodel.layer.LayerCostModel;
import org.tessel.costmodel.temporal.MappingSearchResult;
import org.tessel.costmodel.temporal.MemoryHierarchyTooSmallException;
import org.tessel.costmodel.temporal.TemporalMappingSearch;
import org.tessel.model.accelerator.Core;
import org.tessel.model.accelerator.MemoryHierarchy;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.accelerator.Port;
import org.tessel.model.config.Scenario;
import org.tessel.model.workload.Layer;

/** Hierarchy truncation (spec zigzag-inputs.md §3.5), problem value equality and search API edges. */
class LayerProblemTest {

    private static final Scenario FSRCNN = ReferenceLayerTile.scenario("fsrcnn", "Meta_prototype_DF");

    private static List<String> names(List<MemoryLevel> levels) {
        return levels.stream().map(MemoryLevel::name).toList();
    }

    @Test
    void cutRemovesTheOperandAboveTheNamedMemoryAndEmptyLevels() {
        Core core = FSRCNN.accelerator().core(1);
        MemoryHierarchy h = new HierarchyCut(MemoryOperand.I1, "sram_64KB").applyTo(core.hierarchy());
        assertEquals(List.of("sram_64KB"), names(h.chain(MemoryOperand.I1)));
        assertEquals(names(core.hierarchy().chain(MemoryOperand.O)), names(h.chain(MemoryOperand.O)));
        MemoryLevel dram = h.level("dram");
        assertEquals(List.of(MemoryOperand.I2, MemoryOperand.O), dram.operands());
        assertEquals(Map.of(MemoryOperand.I2, 3, MemoryOperand.O, 3), dram.levelOf());
        for (Port p : dram.ports()) {
            assertTrue(p.served().stream().noneMatch(u -> u.operand() == MemoryOperand.I1), p.name());
        }
        // the DRAM port no longer serves both I1 and I2 (spec costmodel.md §9.1 "shared")
        assertEquals(List.of(Map.of(MemoryOperand.I2, 3, MemoryOperand.O, 3), Map.of(MemoryOperand.I1, 0,
                MemoryOperand.O, 1)), h.sharingList());

        Core all = HierarchyCut.applyAll(core, Map.of(MemoryOperand.I1, "sram_64KB", MemoryOperand.O, "sram_64KB",
                MemoryOperand.I2, "sram_1MB_W"));
        assertEquals(List.of("rf_1B", "rf_2B", "sram_32KB", "sram_1MB_W", "sram_64KB"), names(all.hierarchy().levels()));
        assertEquals(List.of(Map.of(MemoryOperand.I1, 0, MemoryOperand.O, 1)), all.hierarchy().sharingList());
        assertThrows(IllegalArgumentException.class,
                () -> new HierarchyCut(MemoryOperand.I1, "rf_1B").applyTo(core.hierarchy()));
    }

    @Test
    void layerProblemsAreValuesUsableAsCacheKeys() {
        Layer l = FSRCNN.workload().layer(1);
        Map<String, Long> tile = Map.of("B", 1L, "K", 12L, "C", 56L, "OY", 8L, "OX", 8L);
        Core cut = new HierarchyCut(MemoryOperand.O, "sram_64KB").applyTo(FSRCNN.coreOf(l));
        LayerProblem a = new LayerProblem(l.withLoops(tile), cut, FSRCNN.mappings().of(1));
        LayerProblem b = new LayerProblem(l.withLoops(Map.copyOf(tile)),
                new HierarchyCut(MemoryOperand.O, "sram_64KB").applyTo(FSRCNN.coreOf(l)), FSRCNN.mappings().of(1));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new LayerProblem(l.withLoops(tile), FSRCNN.coreOf(l), FSRCNN.mappings().of(1)));
        MappingSearchResult r1 = TemporalMappingSearch.best(a, 6);
        MappingSearchResult r2 = TemporalMappingSearch.best(b, 6);
        assertEquals(r1, r2);
        assertEquals(r1.cost(), LayerCostModel.evaluate(a, r1.mapping()));
    }

    @Test
    void aFullyUnrolledTileHasOneEmptyOrdering() {
        Layer l = FSRCNN.workload().layer(1);
        Layer tile = l.withLoops(Map.of("B", 1L, "K", 12L, "C", 2L, "OY", 4L, "OX", 4L));
        MappingSearchResult r = TemporalMappingSearch.best(new LayerProblem(tile, FSRCNN.coreOf(l),
                FSRCNN.mappings().of(1)), 6);
        assertEquals(1, r.orderings());
        assertEquals(List.of(), r.mapping().loops());
        assertEquals(1, r.cost().temporalCycles());
        assertEquals(tile.macCount() * 0.04, r.cost().macEnergy(), 1e-12);
    }

    @Test
    void twoOperandsOnOneMemoryOperandAreRejected() {
        Scenario resnet = ReferenceLayerTile.scenario("resnet18", "Meta_prototype_DF");
        Layer add = resnet.workload().computeLayers().stream().filter(Layer::isElementWise).findFirst().orElseThrow();
        LayerProblem p = new LayerProblem(add, resnet.coreOf(add), resnet.mappings().of(add.id()));
        assertThrows(IllegalArgumentException.class, () -> LayerContext.of(p));
    }

    @Test
    void aHierarchyTooSmallForTheLayerIsReported() {
        Layer l = FSRCNN.workload().layer(1);
        // everything must fit in the 8-bit/16-bit registers and the first SRAMs: impossible at full size
        Core tiny = HierarchyCut.applyAll(FSRCNN.coreOf(l), Map.of(MemoryOperand.I1, "sram_64KB", MemoryOperand.O,
                "sram_64KB", MemoryOperand.I2, "sram_32KB"));
        LayerProblem p = new LayerProblem(l, tiny, FSRCNN.mappings().of(1));
        assertThrows(MemoryHierarchyTooSmallException.class, () -> TemporalMappingSearch.best(p, 6));
        assertFalse(p.layer().isInput());
    }
}
