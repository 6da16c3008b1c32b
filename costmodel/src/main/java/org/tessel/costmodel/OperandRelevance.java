package org.tessel.costmodel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tessel.model.workload.IndexRelation;
import org.tessel.model.workload.Layer;

/**
 * Which loop dimensions are relevant (r), irrelevant (ir) and partially relevant (pr) for one
 * layer operand (spec zigzag-inputs.md §2.4), with the pr decoupling built on them
 * ({@link org.tessel.costmodel.layer.IndexedOperand} is the integer-indexed form used on hot paths).
 *
 * <p>Unlike the reference, dimensions of size 1 are kept in the r/ir lists: a size-1 dimension
 * only ever contributes a factor 1, so no number changes (the reference computes the lists once
 * from the full layer, so for a tile they contain size-1 dimensions as well).
 *
 * @param operand the layer operand
 * @param relevant r: the dimensions indexing the operand that are not pr-related
 * @param irrelevant ir: the other loop dimensions that are not pr-related
 * @param partial pr: all index relations if the operand is indexed by a relation target, else empty
 */
public record OperandRelevance(String operand, Set<String> relevant, Set<String> irrelevant,
        List<IndexRelation> partial) {

    public OperandRelevance {
        relevant = Set.copyOf(relevant);
        irrelevant = Set.copyOf(irrelevant);
        partial = List.copyOf(partial);
    }

    /** The relevance lists of {@code operand} in {@code layer} (spec zigzag-inputs.md §2.4). */
    public static OperandRelevance of(Layer layer, String operand) {
        List<String> dims = layer.equation().dimensionsOf(operand);
        Set<String> targets = new LinkedHashSet<>();
        Set<String> prLoopList = new LinkedHashSet<>();
        for (IndexRelation rel : layer.relations()) {
            targets.add(rel.target());
            prLoopList.add(rel.target());
            prLoopList.add(rel.first());
            prLoopList.add(rel.second());
        }
        boolean hasPr = dims.stream().anyMatch(targets::contains);
        Set<String> r = new LinkedHashSet<>();
        Set<String> ir = new LinkedHashSet<>();
        for (String d : dims) {
            if (!hasPr || !prLoopList.contains(d)) {
                r.add(d);
            }
        }
        for (String d : layer.loops().keySet()) {
            if (!dims.contains(d) && (!hasPr || !prLoopList.contains(d))) {
                ir.add(d);
            }
        }
        return new OperandRelevance(operand, r, ir, hasPr ? layer.relations() : List.of());
    }

    /** True if {@code dim} is in the (non-reformed) r list. */
    public boolean isRelevant(String dim) {
        return relevant.contains(dim);
    }

    /** True if {@code dim} is in the (non-reformed) ir list. */
    public boolean isIrrelevant(String dim) {
        return irrelevant.contains(dim);
    }

    /** True if {@code dim} is in the reformed r list (r plus {@code P_r}, spec zigzag-inputs.md §2.4). */
    public boolean isReformedRelevant(String dim) {
        return relevant.contains(dim) || (dim.endsWith("_r") && isPrTarget(dim.substring(0, dim.length() - 2)));
    }

    /** True if {@code dim} is in the reformed ir list (ir plus {@code P_ir}, spec zigzag-inputs.md §2.4). */
    public boolean isReformedIrrelevant(String dim) {
        return irrelevant.contains(dim) || (dim.endsWith("_ir") && isPrTarget(dim.substring(0, dim.length() - 3)));
    }

    private boolean isPrTarget(String target) {
        for (IndexRelation rel : partial) {
            if (rel.target().equals(target)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Replaces every loop over a pr-related dimension by the pair {@code (P_r, σ)}, {@code (P_ir, ρ)}
     * (spec mapping.md §2.1). The running extents are carried across levels. Operands without pr
     * dimensions are returned unchanged.
     *
     * @param levels loops per level, innermost level first, loops innermost first
     */
    public List<List<Loop>> decouple(List<List<Loop>> levels) {
        if (partial.isEmpty()) {
            return levels;
        }
        int n = partial.size();
        double[] extA = new double[n];
        double[] extB = new double[n];
        double[] prevSize = new double[n];
        double[] prevReuse = new double[n];
        java.util.Arrays.fill(extA, 1.0);
        java.util.Arrays.fill(extB, 1.0);
        java.util.Arrays.fill(prevSize, 1.0);
        java.util.Arrays.fill(prevReuse, 1.0);
        List<List<Loop>> out = new ArrayList<>(levels.size());
        for (List<Loop> level : levels) {
            List<Loop> outLevel = new ArrayList<>();
            for (Loop loop : level) {
                String d = loop.dim();
                if (relevant.contains(d) || irrelevant.contains(d)) {
                    outLevel.add(loop);
                    continue;
                }
                boolean matched = false;
                for (int p = 0; p < n; p++) {
                    IndexRelation rel = partial.get(p);
                    boolean isA = rel.first().equals(d);
                    boolean isB = rel.second().equals(d);
                    if (!isA && !isB) {
                        continue;
                    }
                    matched = true;
                    if (isA) {
                        extA[p] *= loop.size();
                    } else {
                        extB[p] *= loop.size();
                    }
                    // spec mapping.md §2.1: no ceil here, trunc inside prsize
                    double size = rel.distinctIndices(extA[p], extB[p]);
                    double reuse = extA[p] * extB[p] / size;
                    outLevel.add(new Loop(rel.target() + "_r", size / prevSize[p]));
                    outLevel.add(new Loop(rel.target() + "_ir", reuse / prevReuse[p]));
                    prevSize[p] = size;
                    prevReuse[p] = reuse;
                }
                if (!matched) {
                    outLevel.add(loop);
                }
            }
            out.add(outLevel);
        }
        return out;
    }
}
