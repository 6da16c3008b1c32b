package org.tessel.costmodel.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tessel.costmodel.HierarchyCut;
import org.tessel.costmodel.LayerProblem;
import org.tessel.costmodel.Loop;
import org.tessel.costmodel.temporal.LoopFactor;
import org.tessel.costmodel.temporal.LoopPrimeFactors;
import org.tessel.costmodel.temporal.MemoryAllocator;
import org.tessel.costmodel.temporal.MultisetPermutations;
import org.tessel.model.accelerator.Core;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.accelerator.OperationalArray;
import org.tessel.model.config.Scenario;
import org.tessel.model.mapping.SpatialMapping;
import org.tessel.model.mapping.SpatialUnroll;
import org.tessel.model.workload.IndexRelation;
import org.tessel.model.workload.Layer;

/** The unit-test vectors of spec examples.md §A. */
class UnitVectorsTest {

    private static Scenario fsrcnn() {
        Path c = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../configs").normalize();
        return Scenario.load(c.resolve("workloads/fsrcnn.yaml"), c.resolve("accelerators/Meta_prototype_DF.yaml"),
                c.resolve("mappings/Meta_prototype/fsrcnn.yaml"));
    }

    private static List<LoopFactor> factors(String text) {
        List<LoopFactor> out = new ArrayList<>();
        for (String t : text.split(" ")) {
            int i = 0;
            while (Character.isLetter(t.charAt(i))) {
                i++;
            }
            out.add(new LoopFactor(t.substring(0, i), Long.parseLong(t.substring(i))));
        }
        return out;
    }

    private static List<Loop> loops(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        return factors(text).stream().map(f -> new Loop(f.dim(), f.size())).toList();
    }

    private static String text(List<Loop> loops) {
        return String.join(" ", loops.stream().map(l -> l.dim() + (long) l.size()).toList());
    }

    @Test
    void a1DistinctIndices() {
        IndexRelation unit = IndexRelation.parse("ix=1*ox+1*fx");
        IndexRelation stride = IndexRelation.parse("ix=2*ox+1*fx");
        IndexRelation dilation = IndexRelation.parse("ix=1*ox+2*fx");
        assertEquals(10, unit.distinctIndices(8, 3));
        assertEquals(3, unit.distinctIndices(3.3333333333333335, 1));
        assertEquals(5, unit.distinctIndices(3.3333333333333335, 3));
        assertEquals(17, stride.distinctIndices(8, 3));
        assertEquals(9, stride.distinctIndices(4, 3));
        assertEquals(4, stride.distinctIndices(4, 1));
        assertEquals(14, dilation.distinctIndices(10, 3));
    }

    @Test
    void a2TemporalExtentAfterFractionalUnrolling() {
        Scenario s = fsrcnn();
        Layer layer = s.workload().layer(1);
        Core meta = s.coreOf(layer);
        long[][] cases = {{970, 4, 243}, {550, 4, 138}, {10, 4, 3}, {56, 32, 2}, {41, 3, 15}, {75, 12, 8}, {44, 3, 16}};
        double[] u = {3.9917695473251027, 3.9855072463768115, 3.3333333333333335, 28.0, 2.9285714285714284,
            10.714285714285714, 2.933333333333333};
        for (int i = 0; i < cases.length; i++) {
            long d = cases[i][0];
            int a = (int) cases[i][1];
            OperationalArray array = new OperationalArray(Map.of("D1", a, "D2", 2, "D3", 4, "D4", 4), meta.array().unit());
            Core core = new Core(1, array, meta.hierarchy());
            Map<String, Long> loops = new LinkedHashMap<>(Map.of("B", 1L, "K", d, "C", 2L, "OY", 2L, "OX", 2L));
            LayerContext ctx = LayerContext.of(new LayerProblem(layer.withLoops(loops), core,
                    new SpatialMapping(Map.of("D1", new SpatialUnroll("K", a)))));
            assertEquals(u[i], ctx.unrolling().unrolls().getFirst().factor(), "u for " + d + " on " + a);
            assertEquals(cases[i][2], LoopPrimeFactors.temporalSizes(ctx).get("K"), "q for " + d + " on " + a);
        }
    }

    @Test
    void a3LpfLimiting() {
        Map<String, Long> t = new LinkedHashMap<>();
        t.put("B", 1L);
        t.put("C", 28L);
        t.put("OY", 138L);
        t.put("OX", 243L);
        List<LoopFactor> six = new ArrayList<>(LoopPrimeFactors.of(t, 6).factors());
        six.sort(null);
        assertEquals(factors("C4 C7 OX9 OX27 OY6 OY23"), six);
        List<LoopFactor> eight = new ArrayList<>(LoopPrimeFactors.of(t, 8).factors());
        eight.sort(null);
        assertEquals(factors("C4 C7 OX3 OX9 OX9 OY2 OY3 OY23"), eight);
        assertEquals(11, LoopPrimeFactors.of(t, 100).factors().size());
    }

    @Test
    void a4PermutationOrder() {
        List<String> got = new ArrayList<>();
        for (List<LoopFactor> p : new MultisetPermutations(factors("a1 a1 b1 c1"))) {
            got.add(String.join(" ", p.stream().map(LoopFactor::dim).toList()));
        }
        assertEquals(List.of("c b a a", "a c b a", "c a b a", "a c a b", "a a c b", "c a a b", "b c a a", "a b c a",
                "b a c a", "a b a c", "a a b c", "b a a c"), got);
        List<List<LoopFactor>> all = new ArrayList<>();
        new MultisetPermutations(factors("C2 C2 C7 OX2 OY2")).forEach(all::add);
        assertEquals(60, all.size());
        List<String> expected = List.of("OY2 OX2 C7 C2 C2", "C2 OY2 OX2 C7 C2", "OY2 C2 OX2 C7 C2", "OX2 OY2 C2 C7 C2",
                "C2 OX2 OY2 C7 C2", "OX2 C2 OY2 C7 C2");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(factors(expected.get(i)), all.get(i), "ordering #" + i);
        }
        assertEquals(factors("C2 C7 C2 OY2 OX2"), all.get(35));
        assertEquals(List.of(List.of()), iterate(new MultisetPermutations(List.of())));
    }

    private static List<List<LoopFactor>> iterate(MultisetPermutations p) {
        List<List<LoopFactor>> out = new ArrayList<>();
        p.forEach(out::add);
        return out;
    }

    @Test
    void a5MergeDownAndTopLoops() {
        Scenario s = fsrcnn();
        Layer tile = s.workload().layer(1).withLoops(Map.of("B", 1L, "K", 12L, "C", 56L, "OY", 8L, "OX", 8L));
        LayerContext ctx = LayerContext.of(new LayerProblem(tile, s.coreOf(tile), s.mappings().of(1)));
        StationaryMapping o = StationaryMapping.of(ctx, 0, List.of(loops("C2"), loops("C7"), loops("C2 OX2 OY2"), loops("")));
        assertEquals(List.of("C2 C7 C2", "", "OX2 OY2", ""), merged(ctx, o).stream().map(UnitVectorsTest::text).toList());
        assertEquals(List.of(28L, 28L, 112L, 112L), boxed(o.cycles));
        assertEquals(List.of(1L, 1L, 1L, 4L, 1L), boxed(o.topR));
        assertEquals(List.of(1L, 28L, 1L, 1L, 1L), boxed(o.topIr));
        StationaryMapping w = StationaryMapping.of(ctx, 1, List.of(loops("OY2 OX2"), loops("C2 C7 C2"), loops(""), loops("")));
        assertEquals(List.of("OY2 OX2", "C2 C7 C2", "", ""), merged(ctx, w).stream().map(UnitVectorsTest::text).toList());
        assertEquals(List.of(4L, 112L, 112L, 112L), boxed(w.cycles));
        assertEquals(List.of(1L, 1L, 28L, 1L, 1L), boxed(w.topR));
        assertEquals(List.of(1L, 4L, 1L, 1L, 1L), boxed(w.topIr));
        StationaryMapping i = StationaryMapping.of(ctx, 2, List.of(loops("C2 C7 C2 OY2 OX2"), loops(""), loops("")));
        assertEquals(List.of(112L, 112L, 112L), boxed(i.cycles));
        assertEquals(List.of(1L, 112L, 1L, 1L), boxed(i.topR));
        assertEquals(List.of(1L, 1L, 1L, 1L), boxed(i.topIr));
        StationaryMapping o2 = StationaryMapping.of(ctx, 0, List.of(loops("OY2"), loops("C2 C7 OX2"), loops("C2"), loops("")));
        assertEquals(List.of("OY2 C2 C7", "OX2 C2", "", ""), merged(ctx, o2).stream().map(UnitVectorsTest::text).toList());
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L), boxed(o2.topR));
        assertEquals(List.of(1L, 14L, 2L, 1L, 1L), boxed(o2.topIr));
    }

    /** The merged levels of {@code tm} as loop lists. */
    private static List<List<Loop>> merged(LayerContext ctx, StationaryMapping tm) {
        List<List<Loop>> out = new ArrayList<>();
        for (int m = 0; m < tm.ends.length; m++) {
            List<Loop> l = new ArrayList<>();
            for (int i = tm.start(m); i < tm.ends[m]; i++) {
                l.add(new Loop(ctx.dimensions().get(tm.dims[i]), tm.sizes[i]));
            }
            out.add(l);
        }
        return out;
    }

    private static List<Long> boxed(long[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }

    @Test
    void a6WindowUnionAndPortStall() {
        List<LayerCostOracle.PortActivity> acts = List.of(new LayerCostOracle.PortActivity(2, 1, 3, 8), new LayerCostOracle.PortActivity(3, 2, 6, 4),
                new LayerCostOracle.PortActivity(1, 4, 12, 2));
        assertEquals(List.of(7L, 3L, -3L), acts.stream().map(LayerCostOracle.PortActivity::stall).toList());
        assertEquals(List.of(7L, 6L, 4L), acts.stream().map(LayerCostOracle.PortActivity::updateWindow).toList());
        assertEquals(14, LayerCostOracle.PortActivity.windowUnion(acts));
        assertEquals(10, LayerCostOracle.PortActivity.portStall(acts));
        // spec costmodel.md §8.3, Example 4's DRAM port
        List<LayerCostOracle.PortActivity> dram = List.of(new LayerCostOracle.PortActivity(69552, 17388, 17388, 54),
                new LayerCostOracle.PortActivity(84, 938952, 938952, 1), new LayerCostOracle.PortActivity(14904, 17388, 17388, 54));
        assertEquals(938952, LayerCostOracle.PortActivity.windowUnion(dram));
        assertEquals(3537216, LayerCostOracle.PortActivity.portStall(dram));
        // the same vectors through the production code, one port after the other on reused arrays
        PortActivities port = new PortActivities();
        port.ensureCapacity(3);
        for (List<LayerCostOracle.PortActivity> vector : List.of(acts, dram, acts.subList(0, 1))) {
            for (int i = 0; i < vector.size(); i++) {
                LayerCostOracle.PortActivity a = vector.get(i);
                port.real[i] = a.real();
                port.allowed[i] = a.allowed();
                port.period[i] = a.period();
                port.count[i] = a.periodCount();
            }
            assertEquals(LayerCostOracle.PortActivity.windowUnion(vector), port.windowUnion(vector.size()));
            assertEquals(LayerCostOracle.PortActivity.portStall(vector), port.stall(vector.size()));
        }
        assertEquals(7, port.stall(1));
    }

    @Test
    void a7AllocatorTraces() {
        Scenario s = fsrcnn();
        Layer l1 = s.workload().layer(1);
        Layer t1 = l1.withLoops(Map.of("B", 1L, "K", 12L, "C", 56L, "OY", 8L, "OX", 8L));
        LayerContext ex1 = LayerContext.of(new LayerProblem(t1, s.coreOf(l1), s.mappings().of(1)));
        var a1 = new MemoryAllocator(ex1).allocate(factors("C2 C7 C2 OY2 OX2")).orElseThrow();
        assertEquals(List.of("C2 C7 C2", "OY2 OX2", "", ""), a1.get(0).stream().map(UnitVectorsTest::text).toList());
        assertEquals(List.of("", "C2 C7 C2 OY2 OX2", "", ""), a1.get(1).stream().map(UnitVectorsTest::text).toList());
        assertEquals(List.of("C2 C7 C2 OY2 OX2", "", ""), a1.get(2).stream().map(UnitVectorsTest::text).toList());

        Layer l2 = s.workload().layer(2);
        Map<String, Long> loops2 = new LinkedHashMap<>();
        for (Object[] kv : new Object[][] {{"B", 1L}, {"K", 12L}, {"C", 12L}, {"OY", 6L}, {"OX", 10L}, {"FY", 3L},
            {"FX", 3L}}) {
            loops2.put((String) kv[0], (Long) kv[1]);
        }
        Core cut = HierarchyCut.applyAll(s.coreOf(l2), Map.of(MemoryOperand.I1, "sram_64KB", MemoryOperand.O,
                "sram_64KB", MemoryOperand.I2, "sram_1MB_W"));
        LayerContext ex2 = LayerContext.of(new LayerProblem(l2.withLoops(loops2), cut, s.mappings().of(2)));
        var a2 = new MemoryAllocator(ex2).allocate(factors("C2 FY3 FX3 C3 OY2 OX3")).orElseThrow();
        assertEquals(List.of("C2 FY3 FX3 C3", "OY2 OX3"), a2.get(0).stream().map(UnitVectorsTest::text).toList());
        assertEquals(List.of("", "C2 FY3 FX3 C3 OY2 OX3", ""), a2.get(1).stream().map(UnitVectorsTest::text).toList());
        assertEquals(List.of("C2 FY3 FX3 C3 OY2 OX3"), a2.get(2).stream().map(UnitVectorsTest::text).toList());
        // the truncated hierarchy: dram has no operand left and disappears
        assertEquals(List.of("rf_1B", "rf_2B", "sram_32KB", "sram_1MB_W", "sram_64KB"),
                cut.hierarchy().levels().stream().map(lv -> lv.name()).toList());
    }
}
