package org.tessel.costmodel.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tessel.costmodel.ReferenceLayerTiles;
import org.tessel.costmodel.temporal.LoopFactor;
import org.tessel.costmodel.temporal.LoopPrimeFactors;
import org.tessel.costmodel.temporal.MemoryAllocator;
import org.tessel.costmodel.temporal.MultisetPermutations;

/**
 * The search's incremental energy must equal the full cost model bit for bit for every
 * allocated ordering (not only the winners the golden test sees), here on a sample of the
 * reference layer-tiles.
 */
class IncrementalEnergyTest {

    @Test
    void incrementalEnergyIsBitIdenticalToTheFullModelForEveryOrdering() {
        long compared = compareEveryOrdering(ReferenceLayerTiles.sample(12), 6);
        assertTrue(compared > 1000, "orderings compared: " + compared);
    }

    /** The same on every reference layer-tile (FSRCNN and MobileNetV1, pr operands with strides 1 and 2). */
    @Test
    void incrementalEnergyIsBitIdenticalOnEveryReferenceLayerTile() {
        long compared = compareEveryOrdering(ReferenceLayerTiles.sample(1), 6);
        assertTrue(compared > 100_000, "orderings compared: " + compared);
    }

    private static long compareEveryOrdering(List<LayerContext> sample, int lpf) {
        long compared = 0;
        for (LayerContext ctx : sample) {
            IncrementalEnergy inc = new IncrementalEnergy(ctx);
            MemoryAllocator alloc = new MemoryAllocator(ctx);
            for (List<LoopFactor> ordering : new MultisetPermutations(LoopPrimeFactors.of(ctx, lpf).factors())) {
                Optional<Allocation> a = alloc.allocateCompact(ordering);
                if (a.isEmpty()) {
                    continue;
                }
                double full = LayerCostModel.evaluateLevels(ctx, a.get().levels(ctx)).energyTotal();
                assertEquals(Double.doubleToLongBits(full), Double.doubleToLongBits(inc.energyTotal(a.get())),
                        () -> "ordering " + ordering);
                compared++;
            }
        }
        return compared;
    }
}
