package org.tessel.costmodel.automap;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tessel.costmodel.spatial.SpatialUnrolling;
import org.tessel.model.accelerator.Core;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.mapping.SpatialMapping;
import org.tessel.model.mapping.SpatialUnroll;
import org.tessel.model.workload.Layer;

/**
 * The candidate spatial mappings of one layer on one core, in the enumeration order that breaks
 * ties (docs/spatial-mapping.md, "Candidates" and "Bandwidth rule").
 *
 * @param layer the layer
 * @param core the core it runs on
 * @param mappings the candidates that keep at least half as many MACs busy as the busiest one,
 *     distinct after clamping, in enumeration order
 * @param others the other candidates, in enumeration order (costed only if none of {@code mappings} can be)
 */
public record SpatialCandidates(Layer layer, Core core, List<SpatialMapping> mappings, List<SpatialMapping> others) {

    public SpatialCandidates {
        mappings = List.copyOf(mappings);
        others = List.copyOf(others);
    }

    /** Every candidate of {@code layer} on {@code core}. */
    public static SpatialCandidates of(Layer layer, Core core) {
        List<String> arrayDims = List.copyOf(core.array().dimensions().keySet());
        List<String> loopDims = layer.loops().entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        List<SpatialMapping> out = new ArrayList<>();
        Set<List<Object>> seen = new HashSet<>();
        assign(layer, core, arrayDims, loopDims, 0, new LinkedHashMap<>(), out, seen);
        // a speed trade-off (docs/spatial-mapping.md): keep the candidates that keep at least half as
        // many MACs busy as the busiest one
        double most = out.stream().mapToDouble(m -> activeUnits(layer, core, m)).max().orElse(1);
        return new SpatialCandidates(layer, core, out.stream().filter(m -> 2 * activeUnits(layer, core, m) >= most).toList(),
                out.stream().filter(m -> 2 * activeUnits(layer, core, m) < most).toList());
    }

    private static void assign(Layer layer, Core core, List<String> arrayDims, List<String> loopDims, int i,
            LinkedHashMap<String, SpatialUnroll> chosen, List<SpatialMapping> out, Set<List<Object>> seen) {
        if (i == arrayDims.size()) {
            SpatialMapping m = new SpatialMapping(chosen);
            if (seen.add(clampedKey(layer, core, m))) {
                out.add(m);
            }
            return;
        }
        String arrayDim = arrayDims.get(i);
        int size = core.array().size(arrayDim);
        List<String> free = loopDims.stream().filter(d -> chosen.values().stream().noneMatch(u -> u.loopDimension().equals(d)))
                .toList();
        if (free.isEmpty()) {
            assign(layer, core, arrayDims, loopDims, i + 1, chosen, out, seen);
            return;
        }
        boolean leftEmpty = false;
        for (String d : free) {
            long factor = largestFactor(layer, core, chosen, arrayDim, size, d);
            if (factor == 1) {
                // this array dimension stays empty: one branch for every loop that does not fit
                if (!leftEmpty) {
                    leftEmpty = true;
                    assign(layer, core, arrayDims, loopDims, i + 1, chosen, out, seen);
                }
                continue;
            }
            LinkedHashMap<String, SpatialUnroll> next = new LinkedHashMap<>(chosen);
            // written as the layer sees it: min(D, f) clamps exactly as f (spec mapping.md §1.1)
            next.put(arrayDim, new SpatialUnroll(d, Math.min(factor, layer.loopSize(d))));
            assign(layer, core, arrayDims, loopDims, i + 1, next, out, seen);
        }
    }

    /** The largest divisor of the array dimension's size that keeps the bandwidth rule; 1 if none. */
    private static long largestFactor(Layer layer, Core core, Map<String, SpatialUnroll> chosen, String arrayDim, int size,
            String loopDim) {
        for (long f = size; f > 1; f--) {
            if (size % f != 0) {
                continue;
            }
            Map<String, SpatialUnroll> trial = new LinkedHashMap<>(chosen);
            trial.put(arrayDim, new SpatialUnroll(loopDim, f));
            if (fits(layer, core, trial)) {
                return f;
            }
        }
        return 1;
    }

    /**
     * The bandwidth rule: the innermost memory of every operand delivers, per cycle, the distinct
     * elements the unrollings on its served array dimensions touch (docs/spatial-mapping.md).
     */
    static boolean fits(Layer layer, Core core, Map<String, SpatialUnroll> unrolls) {
        String output = layer.equation().outputOperand();
        for (String operand : layer.equation().operands()) {
            MemoryLevel innermost = core.hierarchy().chain(layer.memoryOperands().get(operand)).getFirst();
            long precision = layer.precision().getOrDefault(operand, 0);
            long bandwidth = operand.equals(output)
                    ? Math.min(innermost.memory().readBandwidth(), innermost.memory().writeBandwidth())
                    : innermost.memory().readBandwidth();
            long words = 1;
            for (String dim : layer.equation().dimensionsOf(operand)) {
                var relation = layer.relationFor(dim);
                words *= relation.isPresent()
                        ? relation.get().distinctIndices(extent(layer, innermost, unrolls, relation.get().first()),
                                extent(layer, innermost, unrolls, relation.get().second()))
                        : extent(layer, innermost, unrolls, dim);
            }
            // one element per cycle is always allowed, however wide it is
            if (words > 1 && words * precision > bandwidth) {
                return false;
            }
        }
        return true;
    }

    /** The unrolled extent of {@code loop} across the array dimensions {@code level} serves: ceil of the clamped unrolling. */
    private static long extent(Layer layer, MemoryLevel level, Map<String, SpatialUnroll> unrolls, String loop) {
        long e = 1;
        for (Map.Entry<String, SpatialUnroll> u : unrolls.entrySet()) {
            if (u.getValue().loopDimension().equals(loop) && level.servedDimensions().contains(u.getKey())) {
                long d = layer.loopSize(loop);
                long u2 = Math.min(d, u.getValue().factor()); // spec mapping.md §1.1, the array size already applied
                e *= (long) Math.ceil(d / Math.ceil((double) d / u2));
            }
        }
        return e;
    }

    /** MACs busy per cycle on average: the product of the clamped (fractional) unrollings. */
    static double activeUnits(Layer layer, Core core, SpatialMapping m) {
        double units = 1;
        for (SpatialUnrolling.Unroll u : SpatialUnrolling.of(layer, core.array(), m).unrolls()) {
            units *= u.factor();
        }
        return units;
    }

    /** The clamped unrolling (spec mapping.md §1.1) as a set-like key: candidates equal in it are one. */
    private static List<Object> clampedKey(Layer layer, Core core, SpatialMapping m) {
        List<Object> key = new ArrayList<>();
        for (SpatialUnrolling.Unroll u : SpatialUnrolling.of(layer, core.array(), m).unrolls()) {
            if (u.factor() != 1.0) {
                key.add(List.of(u.arrayDimension(), u.loopDimension(), u.factor()));
            }
        }
        key.sort((a, b) -> a.toString().compareTo(b.toString()));
        return key;
    }
}
