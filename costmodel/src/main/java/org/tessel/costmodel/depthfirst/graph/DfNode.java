package org.tessel.costmodel.depthfirst.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.workload.IndexRelation;
import org.tessel.model.workload.Layer;

/**
 * A node of a depth-first stack: a real layer or an input pseudo-layer (the network input or a
 * stack input created by stack cutting), with the geometry the engine needs (spec depthfirst.md §0).
 *
 * <p>{@code layer} holds the full-size loops of the stack; tile regions are passed as separate loop
 * maps. The relevant-loop lists {@code R(n, X)} are derived from {@code originalLoops}, the sizes
 * written in the workload file (spec zigzag-inputs.md §2.4: a loop of original size 1 is never
 * relevant).
 *
 * @param name the reference's node name, e.g. {@code LayerNode_3}, {@code InputLayerNode_-1},
 *     {@code InputLayerNode_substack_input_layer_0}
 * @param layer the layer with its full-size loops (for a stack input: a synthetic id)
 * @param originalLoops the loop sizes as written in the workload file
 */
public record DfNode(String name, Layer layer, Map<String, Long> originalLoops) {

    /**
     * The output operand as the reference names it, {@code link(n,'O')} (spec depthfirst.md §0,
     * §3.7): every node has it; for an input pseudo-layer it is its only operand.
     */
    public static final String OUTPUT = "O";

    /**
     * The weight operand as the reference names it, {@code link(n,'W')}: the weight chain of the
     * stack's plan and of its single-layer calls (spec depthfirst.md §3.4 G, §3.7 step 2, §3.8 step 5).
     */
    public static final String WEIGHTS = "W";

    public DfNode {
        originalLoops = Collections.unmodifiableMap(new LinkedHashMap<>(originalLoops));
    }

    /** The node of a workload layer, named as the reference names it. */
    public static DfNode of(Layer layer) {
        String name = (layer.isInput() ? "InputLayerNode_" : "LayerNode_") + layer.id();
        return new DfNode(name, layer, layer.loops());
    }

    /** The layer id (synthetic for stack-input pseudo-layers). */
    public int id() {
        return layer.id();
    }

    /** True for input pseudo-layers, which are never evaluated. */
    public boolean isInput() {
        return layer.isInput();
    }

    /** This node with other full-size loops (same name and relevance). */
    public DfNode withLoops(Map<String, Long> loops) {
        return new DfNode(name, layer.withLoops(loops), originalLoops);
    }

    /** This node with another layer (same name and relevance). */
    public DfNode withLayer(Layer newLayer) {
        return new DfNode(name, newLayer, originalLoops);
    }

    /** Memory operand of layer operand {@code operand} ({@code link(n, X)}). */
    public MemoryOperand link(String operand) {
        MemoryOperand mo = layer.memoryOperands().get(operand);
        if (mo == null) {
            throw new IllegalArgumentException(name + " has no memory link for operand " + operand);
        }
        return mo;
    }

    /** {@code link(n,'O')}: the memory operand of the output. */
    public MemoryOperand outputLink() {
        return link(OUTPUT);
    }

    /** True if the layer links a weight operand {@code 'W'} (see {@link #WEIGHTS}). */
    public boolean linksWeights() {
        return layer.memoryOperands().containsKey(WEIGHTS);
    }

    /** {@code link(n,'W')}: the memory operand of the weights. */
    public MemoryOperand weightLink() {
        return link(WEIGHTS);
    }

    /** The non-constant input operands in equation order. */
    public List<String> variableInputs() {
        if (isInput()) {
            return List.of();
        }
        return layer.equation().inputOperands().stream().filter(x -> !layer.constantOperands().contains(x)).toList();
    }

    /** Precision of operand {@code operand} (the final precision for {@code O_final}). */
    public int precision(String operand) {
        Integer p = layer.precision().get(operand);
        if (p == null && operand.equals(Layer.FINAL_OUTPUT)) {
            p = layer.precision().get(OUTPUT);
        }
        if (p == null) {
            throw new IllegalArgumentException(name + " has no precision for " + operand);
        }
        return p;
    }

    /** The relations of the partially relevant dims of {@code operand} (all relations, or none). */
    public List<IndexRelation> partialRelations(String operand) {
        List<IndexRelation> relations = layer.relations();
        for (String d : layer.equation().dimensionsOf(operand)) {
            for (IndexRelation r : relations) {
                if (r.target().equals(d)) {
                    return relations;
                }
            }
        }
        return List.of();
    }

    /** {@code R(n, X)}: the relevant loop dims of {@code operand} (spec zigzag-inputs.md §2.4). */
    public List<String> relevantDims(String operand) {
        if (isInput()) {
            return List.copyOf(originalLoops.keySet());
        }
        List<IndexRelation> pr = partialRelations(operand);
        List<String> out = new ArrayList<>();
        for (String d : layer.equation().dimensionsOf(operand)) {
            if (!inRelations(pr, d) && originalLoops.getOrDefault(d, 1L) != 1L && !out.contains(d)) {
                out.add(d);
            }
        }
        return List.copyOf(out);
    }

    /** True if {@code dim} is the target or a source dim of one of {@code relations}. */
    private static boolean inRelations(List<IndexRelation> relations, String dim) {
        for (IndexRelation r : relations) {
            if (r.target().equals(dim) || r.first().equals(dim) || r.second().equals(dim)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code ext(n, X, ℓ)}: tensor dim → extent of {@code operand} for loop sizes {@code loops}
     * (spec depthfirst.md §0; zigzag-inputs.md §2.5), in equation order.
     */
    public Map<String, Long> extents(String operand, Map<String, Long> loops) {
        Map<String, Long> ext = new LinkedHashMap<>();
        if (isInput()) {
            ext.putAll(loops);
            return ext;
        }
        List<String> relevant = relevantDims(operand);
        List<IndexRelation> pr = partialRelations(operand);
        for (String d : layer.equation().dimensionsOf(operand)) {
            if (relevant.contains(d)) {
                ext.put(d, loops.getOrDefault(d, 1L));
            } else {
                for (IndexRelation r : pr) {
                    if (r.target().equals(d)) {
                        ext.put(d, r.distinctIndices(loops.getOrDefault(r.first(), 1L), loops.getOrDefault(r.second(), 1L)));
                        break;
                    }
                }
            }
        }
        return ext;
    }

    /** The relation of partially relevant dim {@code dim} of {@code operand}, if any. */
    public Optional<IndexRelation> partialRelation(String operand, String dim) {
        return partialRelations(operand).stream().filter(r -> r.target().equals(dim)).findFirst();
    }

    /** {@code elems(n, X, ℓ)}. */
    public long elements(String operand, Map<String, Long> loops) {
        long p = 1;
        for (long e : extents(operand, loops).values()) {
            p = Math.multiplyExact(p, e);
        }
        return p;
    }

    /** {@code outBits(n)}: output elements × final precision (spec depthfirst.md §0). */
    public long outBits(Map<String, Long> loops) {
        String out = isInput() ? OUTPUT : layer.equation().outputOperand();
        return Math.multiplyExact(elements(out, loops), precision(Layer.FINAL_OUTPUT));
    }

    /** {@code inBits(n)}: Σ over non-constant inputs of elements × precision (0 for inputs). */
    public long inBits(Map<String, Long> loops) {
        long sum = 0;
        for (String x : variableInputs()) {
            sum = Math.addExact(sum, Math.multiplyExact(elements(x, loops), precision(x)));
        }
        return sum;
    }

    /** {@code wBits(n)}: Σ over constant operands of full-size elements × precision. */
    public long weightBits() {
        if (isInput()) {
            return 0;
        }
        long sum = 0;
        for (String w : layer.constantOperands()) {
            sum = Math.addExact(sum, Math.multiplyExact(elements(w, layer.loops()), precision(w)));
        }
        return sum;
    }

    @Override
    public String toString() {
        return name;
    }
}
