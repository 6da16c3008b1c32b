package org.tessel.model.workload;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tessel.model.accelerator.MemoryOperand;

/**
 * One node of a workload: a layer with its loop nest, or the network input pseudo-layer.
 *
 * <p>Map components keep their insertion order: the order of {@code loops} decides a tie-break of
 * the temporal-mapping search (spec zigzag-inputs.md §2.7), the order of {@code sources} and
 * {@code memoryOperands} decides iteration orders of the depth-first engine (spec depthfirst.md §0).
 *
 * @param id layer id, unique in its workload (the input is usually -1)
 * @param equation the operand equation
 * @param relations index relations of the partially relevant input dimensions (stride, dilation)
 * @param loops loop dimension → size
 * @param precision bits per element per operand; the output has {@code O} (partial sums) and
 *     {@code O_final} (final outputs)
 * @param sources input operand → producer layer ids (empty for constant operands)
 * @param sourceDimensions input operand → (this layer's dimension → producer's output dimension)
 * @param constantOperands operands that are parameters (weights), not produced by a layer
 * @param memoryOperands layer operand → memory operand of the accelerator
 * @param core the core the layer runs on
 * @param padding input dimension (IX, IY) → zero padding; empty for an unpadded layer
 *     (docs/padding.md)
 * @param name a readable name, e.g. the ONNX node the layer was imported from; {@code null} for
 *     none (then the id stands for it, {@link #label()}). Only shown, never costed.
 */
public record Layer(
        int id,
        Equation equation,
        List<IndexRelation> relations,
        Map<String, Long> loops,
        Map<String, Integer> precision,
        Map<String, List<Integer>> sources,
        Map<String, Map<String, String>> sourceDimensions,
        List<String> constantOperands,
        Map<String, MemoryOperand> memoryOperands,
        int core,
        Map<String, Padding> padding,
        String name) {

    /** Name of the final-output precision entry. */
    public static final String FINAL_OUTPUT = "O_final";

    public Layer {
        relations = List.copyOf(relations);
        loops = ordered(loops);
        precision = ordered(precision);
        Map<String, List<Integer>> src = new LinkedHashMap<>();
        sources.forEach((k, v) -> src.put(k, List.copyOf(v)));
        sources = Collections.unmodifiableMap(src);
        Map<String, Map<String, String>> dims = new LinkedHashMap<>();
        sourceDimensions.forEach((k, v) -> dims.put(k, ordered(v)));
        sourceDimensions = Collections.unmodifiableMap(dims);
        constantOperands = List.copyOf(constantOperands);
        memoryOperands = ordered(memoryOperands);
        padding = ordered(padding);
        name = name == null || name.isEmpty() ? null : name;
    }

    /** A layer without a name (every layer written before names existed). */
    public Layer(int id, Equation equation, List<IndexRelation> relations, Map<String, Long> loops,
            Map<String, Integer> precision, Map<String, List<Integer>> sources,
            Map<String, Map<String, String>> sourceDimensions, List<String> constantOperands,
            Map<String, MemoryOperand> memoryOperands, int core, Map<String, Padding> padding) {
        this(id, equation, relations, loops, precision, sources, sourceDimensions, constantOperands, memoryOperands,
                core, padding, null);
    }

    /** A layer without padding (every reference workload). */
    public Layer(int id, Equation equation, List<IndexRelation> relations, Map<String, Long> loops,
            Map<String, Integer> precision, Map<String, List<Integer>> sources,
            Map<String, Map<String, String>> sourceDimensions, List<String> constantOperands,
            Map<String, MemoryOperand> memoryOperands, int core) {
        this(id, equation, relations, loops, precision, sources, sourceDimensions, constantOperands, memoryOperands,
                core, Map.of(), null);
    }

    /** The name to show: {@link #name()}, or the id for a layer without a name. */
    public String label() {
        return name != null ? name : String.valueOf(id);
    }

    /** A copy of this layer with another name ({@code null} for none). */
    public Layer withName(String newName) {
        return new Layer(id, equation, relations, loops, precision, sources, sourceDimensions, constantOperands,
                memoryOperands, core, padding, newName);
    }

    /** The padding of input dimension {@code dim} (e.g. IX); {@link Padding#NONE} if none is declared. */
    public Padding padding(String dim) {
        return padding.getOrDefault(dim, Padding.NONE);
    }

    /** True if this layer declares padding (even zero) on some input dimension. */
    public boolean declaresPadding() {
        return !padding.isEmpty();
    }

    /** True for the network input pseudo-layer, which only has an output and is never costed. */
    public boolean isInput() {
        return equation.operator() == Equation.Operator.INPUT;
    }

    /** True for element-wise layers such as residual adds. */
    public boolean isElementWise() {
        return equation.operator() == Equation.Operator.ADD;
    }

    /** Size of loop dimension {@code dim}; 1 for a dimension the layer does not have. */
    public long loopSize(String dim) {
        return loops.getOrDefault(dim, 1L);
    }

    /** Number of multiply-accumulates: the product of all loop sizes (0 for the input layer). */
    public long macCount() {
        if (isInput()) {
            return 0;
        }
        long product = 1;
        for (long size : loops.values()) {
            product = Math.multiplyExact(product, size);
        }
        return product;
    }

    /** The relation whose target is {@code dim} (e.g. IX), if any. */
    public Optional<IndexRelation> relationFor(String dim) {
        return relations.stream().filter(r -> r.target().equals(dim)).findFirst();
    }

    /**
     * Extent of dimension {@code dim} of this layer: the loop size, or for a relation target
     * (IX, IY) the number of distinct indices it takes over the whole loop nest.
     */
    public long extent(String dim) {
        return relationFor(dim)
                .map(r -> r.distinctIndices(loopSize(r.first()), loopSize(r.second())))
                .orElseGet(() -> loopSize(dim));
    }

    /** Number of elements of {@code operand} over the whole layer (spec zigzag-inputs.md §2.6). */
    public long operandElements(String operand) {
        if (isInput()) {
            return loops.values().stream().reduce(1L, Math::multiplyExact);
        }
        long product = 1;
        for (String dim : equation.dimensionsOf(operand)) {
            product = Math.multiplyExact(product, extent(dim));
        }
        return product;
    }

    /** The input operands that are produced by other layers, in {@code sources} order. */
    public List<String> sourcedOperands() {
        return sources.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    /** A copy of this layer with other loop sizes (a tile of it), keeping the dimension order. */
    public Layer withLoops(Map<String, Long> newLoops) {
        return new Layer(id, equation, relations, newLoops, precision, sources, sourceDimensions,
                constantOperands, memoryOperands, core, padding, name);
    }

    private static <K, V> Map<K, V> ordered(Map<K, V> in) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(in));
    }
}
