package org.tessel.model.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A temporal mapping: the temporal loops innermost first, and for every layer operand the memory
 * level (index in that operand's chain) each loop is allocated to. Levels never decrease going
 * outward.
 *
 * @param loops temporal loops, innermost first
 * @param levels layer operand → memory level of each loop (same length as {@code loops})
 */
public record TemporalMapping(List<TemporalLoop> loops, Map<String, List<Integer>> levels) {

    public TemporalMapping {
        loops = List.copyOf(loops);
        Map<String, List<Integer>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<Integer>> e : levels.entrySet()) {
            List<Integer> perLoop = List.copyOf(e.getValue());
            if (perLoop.size() != loops.size()) {
                throw new IllegalArgumentException("operand " + e.getKey() + " allocates " + perLoop.size()
                        + " loops, the mapping has " + loops.size());
            }
            for (int i = 1; i < perLoop.size(); i++) {
                if (perLoop.get(i) < perLoop.get(i - 1)) {
                    throw new IllegalArgumentException("operand " + e.getKey()
                            + ": memory levels must not decrease going outward (loop " + i + ")");
                }
            }
            copy.put(e.getKey(), perLoop);
        }
        levels = Collections.unmodifiableMap(copy);
    }
}
