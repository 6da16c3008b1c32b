package org.tessel.costmodel.spatial;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.costmodel.Loop;
import org.tessel.model.accelerator.MemoryHierarchy;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.workload.Layer;

/**
 * The spatial loops of every layer operand per architectural level (spec mapping.md §1.2):
 * {@code levels.get(X).get(a)} are the loops unrolled between memory level {@code a-1} and
 * memory level {@code a-2} ({@code a = 0}: below memory level 0, i.e. fan-out to the MACs; the
 * last entry, index {@code N}, holds what no level serves).
 *
 * @param levels layer operand → loops per architectural level {@code 0 … N}
 */
public record SpatialLevels(Map<String, List<List<Loop>>> levels) {

    public SpatialLevels {
        Map<String, List<List<Loop>>> copy = new LinkedHashMap<>();
        levels.forEach((op, lv) -> copy.put(op, lv.stream().map(List::copyOf).toList()));
        levels = Collections.unmodifiableMap(copy);
    }

    /** Assigns the clamped unrolls to the memory levels of each operand (spec mapping.md §1.2). */
    public static SpatialLevels of(Layer layer, MemoryHierarchy hierarchy, SpatialUnrolling unrolling) {
        Map<String, List<List<Loop>>> out = new LinkedHashMap<>();
        for (var e : layer.memoryOperands().entrySet()) {
            List<SpatialUnrolling.Unroll> left = new ArrayList<>(unrolling.unrolls());
            List<List<Loop>> perLevel = new ArrayList<>();
            for (MemoryLevel level : hierarchy.chain(e.getValue())) {
                List<Loop> loops = new ArrayList<>();
                for (var it = left.iterator(); it.hasNext();) {
                    SpatialUnrolling.Unroll u = it.next();
                    if (level.servedDimensions().contains(u.arrayDimension())) {
                        loops.add(new Loop(u.loopDimension(), u.factor()));
                        it.remove();
                    }
                }
                perLevel.add(loops);
            }
            perLevel.add(left.stream().map(u -> new Loop(u.loopDimension(), u.factor())).toList());
            out.put(e.getKey(), perLevel);
        }
        return new SpatialLevels(out);
    }

    /** The loops of {@code operand} per architectural level. */
    public List<List<Loop>> of(String operand) {
        return levels.get(operand);
    }

    /** The integer version used for latency: every size ceiled (spec costmodel.md §0). */
    public SpatialLevels ceiled() {
        Map<String, List<List<Loop>>> out = new LinkedHashMap<>();
        levels.forEach((op, lv) -> out.put(op, lv.stream()
                .map(l -> l.stream().map(x -> new Loop(x.dim(), Math.ceil(x.size()))).toList()).toList()));
        return new SpatialLevels(out);
    }

    /**
     * The spatial loop list the temporal search divides out: all levels of {@code operand} (the
     * first input operand) concatenated (spec mapping.md §1.3).
     */
    public List<Loop> flattened(String operand) {
        return levels.get(operand).stream().flatMap(List::stream).toList();
    }
}
