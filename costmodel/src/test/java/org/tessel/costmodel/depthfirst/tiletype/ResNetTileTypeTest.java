package org.tessel.costmodel.depthfirst.tiletype;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tessel.costmodel.depthfirst.DepthFirstEngine;
import org.tessel.costmodel.depthfirst.DepthFirstSettings;
import org.tessel.costmodel.depthfirst.ReferenceCase;
import org.tessel.costmodel.depthfirst.aggregate.DepthFirstResult;
import org.tessel.costmodel.depthfirst.layertile.LayerTileEvaluator;
import org.tessel.costmodel.depthfirst.layertile.LayerTileProblem;
import org.tessel.costmodel.depthfirst.layertile.LayerTileResult;
import org.tessel.costmodel.temporal.MemoryHierarchyTooSmallException;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.workload.Layer;

/**
 * A residual DAG tile type with retries: ResNet-18 on Meta_prototype_DF, 16×16, mode 3, stack 0,
 * type 4 (depthfirst-examples.md §5). The retry trigger comes from the single-layer search, so a
 * scripted evaluator reproduces it: 524 288-bit outputs do not fit in {@code sram_64KB}, nor do
 * the 524 288-bit inputs of the adds.
 */
class ResNetTileTypeTest {

    private static final LayerTileEvaluator SCRIPTED = p -> {
        Layer l = p.layer();
        long outBits = 8;
        for (String d : l.equation().dimensionsOf(l.equation().outputOperand())) {
            outBits *= l.loopSize(d);
        }
        String oTop = p.hierarchy().top(MemoryOperand.O).name();
        String iTop = p.hierarchy().top(MemoryOperand.I1).name();
        if ((outBits == 524_288 && oTop.equals("sram_64KB")) || (l.isElementWise() && 2 * outBits == 524_288 && iTop.equals("sram_64KB"))) {
            throw new MemoryHierarchyTooSmallException("scripted");
        }
        return new LayerTileResult(1, 0, 1, 1, 1, 1, 1, 1, 0, 0, Map.of());
    };

    @Test
    void middleTileOfTheFirstStackMatchesExampleD() {
        DepthFirstResult r = new DepthFirstEngine(SCRIPTED).run(ReferenceCase.scenario("resnet18", "Meta_prototype_DF",
                "Meta_prototype"), new DepthFirstSettings(TileSize.of(16, 16), OverlapMode.FULLY_CACHED, null, 6, false));
        TileTypeEvaluation t4 = r.evaluations().stream().filter(e -> e.stackIndex() == 0 && e.typeIndex() == 4).findFirst()
                .orElseThrow();
        assertEquals(9, t4.type().multiplicity());
        List<String> rows = new ArrayList<>();
        for (NodeTileRecord n : t4.nodes()) {
            rows.add(n.node() + " " + n.region().get("OX") + "x" + n.region().get("OY") + " " + n.inputTop() + " " + n.outputTop()
                    + " (" + n.retryOutput() + "," + n.retryInput() + ") " + String.format("%.2f", n.copies().energyTotal())
                    + " " + n.copies().latency());
        }
        assertEquals(List.of(
                "InputLayerNode_-1 128x128 null sram_64KB (0,0) 4477009.92 6912",
                "LayerNode_0 64x64 sram_64KB sram_1MB_A (0,0) 8258.95 62",
                "LayerNode_1 32x32 sram_1MB_A sram_1MB_A (1,0) 0.00 0",
                "LayerNode_2 32x32 sram_1MB_A sram_1MB_A (1,0) 0.00 0",
                "LayerNode_3 32x32 sram_1MB_A sram_1MB_A (1,0) 0.00 0",
                "LayerNode_4 32x32 sram_1MB_A sram_1MB_A (1,0) 0.00 0",
                "LayerNode_5 32x32 sram_1MB_A sram_1MB_A (1,0) 0.00 0",
                "LayerNode_6 32x32 sram_1MB_A sram_1MB_A (1,0) 0.00 0",
                "LayerNode_7 32x32 sram_1MB_A sram_1MB_A (1,0) 0.00 0",
                "LayerNode_8 16x16 sram_1MB_A sram_64KB (0,0) 0.00 0",
                "LayerNode_9 16x16 sram_64KB sram_1MB_A (0,0) 32877.44 136",
                "LayerNode_10 16x16 sram_1MB_A sram_1MB_A (0,1) 0.00 0",
                "LayerNode_11 16x16 sram_64KB sram_1MB_A (0,0) 87376.32 648",
                "LayerNode_12 16x16 sram_64KB sram_1MB_A (0,0) 87376.32 648",
                "LayerNode_13 16x16 sram_1MB_A dram (0,1) 0.00 0"), rows);
        // the add L10 reads X and Y through the mirrored I1/I2 chains (spec depthfirst.md §3.8 step 4)
        LayerTileProblem add = t4.nodes().get(11).problem();
        assertEquals(MemoryOperand.I2, add.layer().memoryOperands().get("Y"));
        assertEquals(List.of("sram_64KB", "sram_1MB_A"), add.hierarchy().chain(MemoryOperand.I2).stream()
                .map(org.tessel.model.accelerator.MemoryLevel::name).toList());
    }
}
