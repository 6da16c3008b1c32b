package org.tessel.costmodel.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.tessel.costmodel.LayerCost;
import org.tessel.costmodel.Loop;
import org.tessel.costmodel.ReferenceLayerTiles;
import org.tessel.costmodel.temporal.LoopFactor;
import org.tessel.costmodel.temporal.LoopPrimeFactors;
import org.tessel.costmodel.temporal.MemoryAllocator;
import org.tessel.costmodel.temporal.MultisetPermutations;
import org.tessel.model.mapping.TemporalLoop;
import org.tessel.model.mapping.TemporalMapping;

/**
 * The production evaluator ({@link LayerEvaluator}, behind {@link LayerCostModel#evaluate} and
 * {@link LayerCostModel#evaluateLevels}) against the test oracle ({@link LayerCostOracle}) that
 * builds one object per intermediate quantity: the whole {@link LayerCost} (every energy, access
 * count and latency of the breakdown) must be equal bit for bit, and so must any exception.
 */
class LayerEvaluatorTest {

    @Test
    void referenceMappingsGiveIdenticalCosts() {
        int compared = 0;
        for (Map.Entry<LayerContext, TemporalMapping> e : ReferenceLayerTiles.withMappings()) {
            LayerContext ctx = e.getKey();
            TemporalMapping tm = e.getValue();
            same(() -> LayerCostOracle.evaluate(ctx, tm), () -> LayerCostModel.evaluate(ctx, tm), tm);
            compared++;
        }
        assertEquals(344, compared);
    }

    /** Every allocated ordering (lpf 6) of every reference layer-tile, in both input forms. */
    @Test
    void everyOrderingOfEveryReferenceLayerTileGivesIdenticalCosts() {
        long compared = 0;
        for (LayerContext ctx : ReferenceLayerTiles.sample(1)) {
            MemoryAllocator alloc = new MemoryAllocator(ctx);
            for (List<LoopFactor> ordering : new MultisetPermutations(LoopPrimeFactors.of(ctx, 6).factors())) {
                Optional<Allocation> a = alloc.allocateCompact(ordering);
                if (a.isEmpty()) {
                    continue;
                }
                var levels = a.get().levels(ctx);
                same(() -> LayerCostOracle.evaluateLevels(ctx, levels),
                        () -> LayerCostModel.evaluateLevels(ctx, levels), ordering);
                TemporalMapping tm = mapping(ctx, a.get());
                same(() -> LayerCostOracle.evaluate(ctx, tm), () -> LayerCostModel.evaluate(ctx, tm), ordering);
                compared++;
            }
        }
        assertTrue(compared > 100_000, "orderings compared: " + compared);
    }

    @Test
    void breakdownIsAnOrdinaryImmutableList() {
        var e = ReferenceLayerTiles.withMappings().get(7);
        LayerCost ref = LayerCostOracle.evaluate(e.getKey(), e.getValue());
        LayerCost fast = LayerCostModel.evaluate(e.getKey(), e.getValue());
        assertEquals(ref.operands(), fast.operands());
        assertEquals(fast.operands(), ref.operands());
        assertEquals(ref.hashCode(), fast.hashCode());
        assertEquals(ref.toString(), fast.toString());
        assertEquals(ref.operands().getFirst().operand(), fast.operand(ref.operands().getFirst().operand()).operand());
        assertEquals(List.copyOf(ref.operands()), new ArrayList<>(fast.operands()));
        assertThrows(UnsupportedOperationException.class,
                () -> fast.operands().remove(0));
    }

    /** A level outside an operand's chain, or a level list of the wrong length, is refused alike by both paths. */
    @Test
    void levelsOutsideTheChainAreRefusedAlike() {
        var e = ReferenceLayerTiles.withMappings().get(7);
        LayerContext ctx = e.getKey();
        TemporalMapping tm = e.getValue();
        String out = ctx.operands().get(0);
        int n = ctx.chain(0).size();
        for (int level : new int[] {-1, n}) {
            Map<String, List<Integer>> levels = new LinkedHashMap<>(tm.levels());
            List<Integer> lv = new ArrayList<>(levels.get(out));
            if (level < 0) {
                lv.set(0, level);
            } else {
                lv.set(lv.size() - 1, level);
            }
            levels.put(out, lv);
            TemporalMapping bad = new TemporalMapping(tm.loops(), levels);
            same(() -> LayerCostOracle.evaluate(ctx, bad), () -> LayerCostModel.evaluate(ctx, bad), bad);
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> LayerCostModel.evaluate(ctx, bad));
            assertEquals(level < 0 ? "operand " + out + " has no memory level -1"
                    : "operand " + out + " has only " + n + " memory levels", ex.getMessage());
        }
        List<List<List<Loop>>> levels = new ArrayList<>(LayerCostOracle.levelsOf(ctx, tm));
        levels.set(0, levels.get(0).subList(0, n - 1));
        same(() -> LayerCostOracle.evaluateLevels(ctx, levels), () -> LayerCostModel.evaluateLevels(ctx, levels),
                "a level short");
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> LayerCostModel.evaluateLevels(ctx, levels));
        assertEquals("operand " + out + " has " + n + " memory levels, the allocation gives loops for " + (n - 1),
                ex.getMessage());
    }

    private static void same(Supplier<LayerCost> reference, Supplier<LayerCost> fast, Object what) {
        LayerCost ref;
        try {
            ref = reference.get();
        } catch (RuntimeException ex) {
            try {
                fast.get();
            } catch (RuntimeException got) {
                assertEquals(ex.getClass(), got.getClass(), () -> "exception for " + what);
                assertEquals(ex.getMessage(), got.getMessage(), () -> "exception for " + what);
                return;
            }
            throw new AssertionError("reference throws " + ex + ", single pass does not, for " + what);
        }
        LayerCost got = fast.get();
        assertEquals(ref, got, () -> "cost for " + what); // record equality: doubles by Double.compare
    }

    private static TemporalMapping mapping(LayerContext ctx, Allocation a) {
        List<TemporalLoop> loops = new ArrayList<>();
        for (int i = 0; i < a.dims.length; i++) {
            loops.add(new TemporalLoop(ctx.dimensions().get(a.dims[i]), a.sizes[i]));
        }
        Map<String, List<Integer>> levels = new LinkedHashMap<>();
        for (int x = 0; x < ctx.operandCount(); x++) {
            List<Integer> lv = new ArrayList<>();
            int m = 0;
            for (int i = 0; i < a.dims.length; i++) {
                while (i >= a.ends[x][m]) {
                    m++;
                }
                lv.add(m);
            }
            levels.put(ctx.operands().get(x), lv);
        }
        return new TemporalMapping(loops, levels);
    }
}
