package org.tessel.costmodel.depthfirst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tessel.costmodel.depthfirst.aggregate.DepthFirstResult;
import org.tessel.costmodel.depthfirst.graph.StackGraph;
import org.tessel.costmodel.depthfirst.layertile.LayerTileEvaluator;
import org.tessel.costmodel.depthfirst.layertile.LayerTileResult;
import org.tessel.costmodel.depthfirst.partition.FusedStack;
import org.tessel.costmodel.depthfirst.partition.StackCuts;
import org.tessel.costmodel.depthfirst.tiling.StackTiling;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.TileSize;

/**
 * Stack cutting, stack building (with stack-input pseudo-layers and DAGs), tiling and planning
 * against the worked examples of spec depthfirst-examples.md and the cut lists of depthfirst.md §2.2.
 * The single-layer model is a constant dummy: none of these quantities depends on it.
 */
class StackStructureTest {

    private static final LayerTileEvaluator DUMMY = p -> new LayerTileResult(1, 0, 1, 1, 1, 1, 1, 1, 0, 0, Map.of());

    private static DepthFirstResult run(Scenario s, long tx, long ty, OverlapMode mode, StackCuts cuts, boolean compat) {
        return new DepthFirstEngine(DUMMY).run(s, new DepthFirstSettings(TileSize.of(tx, ty), mode, cuts, 6, compat));
    }

    private static String level(org.tessel.model.accelerator.MemoryLevel l) {
        return l == null ? "-" : l.name();
    }

    @Test
    void resNet18StacksAndPlansMatchExampleD() {
        DepthFirstResult r = run(ReferenceCase.scenario("resnet18", "Meta_prototype_DF", "Meta_prototype"), 16, 16,
                OverlapMode.FULLY_CACHED, null, false);
        assertEquals(List.of(13, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25), r.cuts().cuts());
        String[] expected = {
            "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13] InputLayerNode_-1{B=1, K=3, OY=627, OX=627} 67x67 3/3 sram_1MB_W [1, 3, 1, 3, 9, 3, 1, 3, 1]",
            "[14, 15, 16] InputLayerNode_substack_input_layer_0{G=128, OX=67, OY=67} 31x31 15/15 sram_1MB_W [1, 1, 1, 1]",
            "[17] InputLayerNode_substack_input_layer_0{G=256, OX=31, OY=31} 29x29 13/13 sram_1MB_W [1, 1, 1, 1]",
            "[18] InputLayerNode_substack_input_layer_0{K=256, OX=29, OY=29} 27x27 11/11 sram_1MB_W [1, 1, 1, 1]",
            "[19] InputLayerNode_substack_input_layer_0{G=256, OY=27, OX=27} InputLayerNode_substack_input_layer_1{K=256, OY=27, OX=27} 27x27 11/11 - [1, 1, 1, 1]",
            "[20] InputLayerNode_substack_input_layer_0{G=256, OX=27, OY=27} 13x13 13/13 dram [1]",
            "[21] InputLayerNode_substack_input_layer_0{K=512, OX=13, OY=13} 11x11 11/11 dram [1]",
            "[22] InputLayerNode_substack_input_layer_0{G=512, OY=11, OX=11} InputLayerNode_substack_input_layer_1{K=512, OY=11, OX=11} 11x11 11/11 - [1]",
            "[23] InputLayerNode_substack_input_layer_0{G=512, OX=11, OY=11} 9x9 9/9 dram [1]",
            "[24] InputLayerNode_substack_input_layer_0{K=512, OX=9, OY=9} 7x7 7/7 dram [1]",
            "[25] InputLayerNode_substack_input_layer_0{G=512, OY=7, OX=7} InputLayerNode_substack_input_layer_1{K=512, OY=7, OX=7} 7x7 7/7 - [1]",
            "[26, 27] InputLayerNode_substack_input_layer_0{K=512, OX=7, OY=7} 1x1 1/1 sram_1MB_W [1]",
        };
        assertEquals(expected.length, r.stacks().size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], describe(r, i), "stack " + i);
        }
        // stack 0 plans (depthfirst-examples.md §5)
        List<String> plans = new ArrayList<>();
        r.tilings().getFirst().plans().forEach((c, p) -> plans.add(c.size().width() + "," + c.size().height() + "," + c.firstX() + "," + c.firstY()
                + " " + p.alive() + " " + p.peakH() + " " + p.peak() + " " + level(p.hml()) + " " + level(p.vml()) + " " + level(p.wml())));
        assertEquals(List.of(
                "3,3,true,true 1922048 1922048 3290600 sram_1MB_A sram_1MB_A sram_1MB_W",
                "16,3,false,true 2272768 2465768 3834320 sram_1MB_A sram_1MB_A sram_1MB_W",
                "3,16,true,false 2272768 2272768 3641320 sram_1MB_A sram_1MB_A sram_1MB_W",
                "16,16,false,false 2687488 3003480 4372032 sram_1MB_A sram_1MB_A sram_1MB_W"), plans);
        // a residual block is one undividable unit (spec depthfirst.md §2.1)
        List<List<Integer>> units = StackCuts.units(StackGraph.of(ReferenceCase.scenario("resnet18", "Meta_prototype_DF",
                "Meta_prototype").workload()));
        assertTrue(units.contains(List.of(2, 3, 4)), units::toString);
    }

    @Test
    void fsrcnnPlansMatchExampleA() {
        DepthFirstResult r = run(ReferenceCase.scenario("fsrcnn", "Meta_prototype_DF", "Meta_prototype"), 60, 72,
                OverlapMode.FULLY_CACHED, null, false);
        List<String> plans = new ArrayList<>();
        r.tilings().getFirst().plans().forEach((c, p) -> plans.add(c.size().width() + "," + c.size().height() + "," + c.firstX() + "," + c.firstY()
                + " " + p.alive() + " " + p.peakH() + " " + p.peak() + " " + level(p.hml()) + " " + level(p.vml()) + " " + level(p.wml())));
        assertEquals(List.of(
                "60,36,true,true 1751680 1751680 3387456 sram_1MB_A sram_1MB_A sram_32KB",
                "60,36,false,true 1501440 1570112 3205888 sram_1MB_A sram_1MB_A sram_32KB",
                "60,72,true,false 2741760 2741760 4377536 sram_1MB_A sram_1MB_A sram_32KB",
                "60,72,false,false 2608384 2733952 4369728 sram_1MB_A sram_1MB_A sram_32KB"), plans);
    }

    @Test
    void automaticCutListsMatchSpec() {
        assertEquals(List.of(17, 23, 25, 27), run(ReferenceCase.scenario("mobilenetv1", "Meta_prototype_DF", "Meta_prototype"),
                960, 540, OverlapMode.FULLY_RECOMPUTE, null, false).cuts().cuts());
        assertEquals(IntStream.rangeClosed(0, 18).boxed().toList(), run(ReferenceCase.scenario("dmcnnvd", "Edge_TPU_like",
                "Edge_TPU_like"), 960, 540, OverlapMode.FULLY_RECOMPUTE, null, false).cuts().cuts());
    }

    @Test
    void cutAtLayerZeroIsHonouredUnlessDefinesCompat() {
        Scenario s = ReferenceCase.scenario("mccnn", "Edge_TPU_like", "Edge_TPU_like");
        DepthFirstResult compat = run(s, 60, 72, OverlapMode.FULLY_CACHED, null, true);
        assertEquals(List.of(0, 1, 2, 3), compat.cuts().cuts());
        // depthfirst-examples.md §6: {in, L0..L3}, {in, L0, L1}, {sil, L2}, {sil, L3}; 126 tiles each
        assertEquals(List.of(List.of(0, 1, 2, 3), List.of(0, 1), List.of(2), List.of(3)),
                compat.stacks().stream().map(FusedStack::layerIds).toList());
        assertEquals("InputLayerNode_-1{B=1, K=1, OY=1250, OX=384}", inputs(compat, 0));
        assertEquals("InputLayerNode_substack_input_layer_0{K=64, OX=380, OY=1246}", inputs(compat, 2));
        assertEquals("InputLayerNode_substack_input_layer_0{K=64, OX=378, OY=1244}", inputs(compat, 3));
        for (StackTiling t : compat.tilings()) {
            assertEquals(126, t.types().stream().mapToLong(StackTiling.TileType::multiplicity).sum());
        }
        DepthFirstResult correct = run(s, 60, 72, OverlapMode.FULLY_CACHED, null, false);
        assertEquals(List.of(List.of(0), List.of(1), List.of(2), List.of(3)),
                correct.stacks().stream().map(FusedStack::layerIds).toList());
    }

    private static String inputs(DepthFirstResult r, int stack) {
        StackGraph g = r.stacks().get(stack).graph();
        List<String> parts = new ArrayList<>();
        for (int id : g.topologicalOrder()) {
            if (g.node(id).isInput()) {
                parts.add(g.node(id).name() + g.node(id).layer().loops());
            }
        }
        return String.join(" ", parts);
    }

    private static String describe(DepthFirstResult r, int i) {
        FusedStack st = r.stacks().get(i);
        StackTiling t = r.tilings().get(i);
        Map<String, Long> out = st.output().layer().loops();
        return st.layerIds() + " " + inputs(r, i) + " " + out.get("OX") + "x" + out.get("OY") + " "
                + t.grid().columns().getFirst().size() + "/" + t.grid().rows().getFirst().size() + " " + level(t.weightLevel())
                + " " + t.types().stream().map(StackTiling.TileType::multiplicity).toList();
    }
}
