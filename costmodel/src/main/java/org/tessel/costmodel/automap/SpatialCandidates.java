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
 * @param mappings the candidates, distinct after clamping, in enumeration order
 */
public record SpatialCandidates(Layer layer, Core core, List<SpatialMapping> mappings) {

    public SpatialCandidates {
        mappings = List.copyOf(mappings);
    }

    /** Every candidate of {@code layer} on {@code core}. */
    public static SpatialCandidates of(Layer layer, Core core) {
        List<String> arrayDims = List.copyOf(core.array().dimensions().keySet());
        List<String> loopDims = layer.loops().entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        List<SpatialMapping> out = new ArrayList<>();
        Set<List<Object>> seen = new HashSet<>();
        assign(layer, core, arrayDims, loopDims, 0, new LinkedHashMap<>(), out, seen);
        return new SpatialCandidates(layer, core, out);
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
        for (String d : free) {
            long factor = largestFactor(layer, core, chosen, arrayDim, size, d);
            LinkedHashMap<String, SpatialUnroll> next = new LinkedHashMap<>(chosen);
            if (factor > 1) {
                // written as the layer sees it: min(D, f) clamps exactly as f (spec mapping.md §1.1)
                next.put(arrayDim, new SpatialUnroll(d, Math.min(factor, layer.loopSize(d))));
            }
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
        SpatialUnrolling clamped = SpatialUnrolling.of(layer, core.array(), new SpatialMapping(unrolls));
        String output = layer.equation().outputOperand();
        for (String operand : layer.equation().operands()) {
            MemoryLevel innermost = core.hierarchy().chain(layer.memoryOperands().get(operand)).getFirst();
            Map<String, Long> extents = new LinkedHashMap<>();
            layer.loops().keySet().forEach(d -> extents.put(d, 1L));
            for (SpatialUnrolling.Unroll u : clamped.unrolls()) {
                if (innermost.servedDimensions().contains(u.arrayDimension())) {
                    extents.merge(u.loopDimension(), (long) Math.ceil(u.factor()), Math::multiplyExact);
                }
            }
            long words = layer.withLoops(extents).operandElements(operand);
            boolean isOutput = operand.equals(output);
            long precision = layer.precision().getOrDefault(operand, 0);
            long bandwidth = isOutput ? Math.min(innermost.memory().readBandwidth(), innermost.memory().writeBandwidth())
                    : innermost.memory().readBandwidth();
            // one element per cycle is always allowed, however wide it is
            if (words > 1 && words * precision > bandwidth) {
                return false;
            }
        }
        return true;
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
