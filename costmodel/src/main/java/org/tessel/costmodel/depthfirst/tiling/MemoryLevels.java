package org.tessel.costmodel.depthfirst.tiling;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.tessel.model.accelerator.MemoryLevel;

/**
 * The level-list conventions of the depth-first engine (spec depthfirst.md §0): levels are levels
 * of the core's original hierarchy, compared by memory name (unique per core), so that a level of
 * a truncated hierarchy is the same as the original one; null means none.
 */
public final class MemoryLevels {

    private MemoryLevels() {}

    /**
     * {@code prefixUntil(list, pred)}: the levels of {@code chain} up to and including the first
     * that satisfies {@code pred}, or all of them.
     */
    public static List<MemoryLevel> prefixUntil(List<MemoryLevel> chain, Predicate<MemoryLevel> pred) {
        List<MemoryLevel> out = new ArrayList<>();
        for (MemoryLevel ml : chain) {
            out.add(ml);
            if (pred.test(ml)) {
                break;
            }
        }
        return List.copyOf(out);
    }

    /** True if both are levels and of the same memory; false if either is none. */
    public static boolean same(MemoryLevel a, MemoryLevel b) {
        return a != null && b != null && a.name().equals(b.name());
    }

    /** True if {@code list} holds a level of the same memory as {@code ml}. */
    public static boolean contains(List<MemoryLevel> list, MemoryLevel ml) {
        return list.stream().anyMatch(l -> same(l, ml));
    }
}
