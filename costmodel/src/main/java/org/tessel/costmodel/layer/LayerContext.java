package org.tessel.costmodel.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tessel.costmodel.LayerProblem;
import org.tessel.costmodel.OperandRelevance;
import org.tessel.costmodel.spatial.SpatialLevels;
import org.tessel.costmodel.spatial.SpatialUnits;
import org.tessel.costmodel.spatial.SpatialUnrolling;
import org.tessel.model.accelerator.MemoryHierarchy;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.workload.Layer;

/**
 * Everything the cost model and the temporal search derive from a {@link LayerProblem} before a
 * temporal mapping is chosen: operands in equation order, their memory chains and relevance
 * lists, the clamped spatial mapping (fractional and ceiled) and the spatial unit counts
 * (spec mapping.md §1–§2). Immutable; build it once per problem with {@link #of}.
 */
public final class LayerContext {

    private final LayerProblem problem;
    private final List<String> operands;
    private final List<MemoryOperand> memoryOperands;
    private final List<List<MemoryLevel>> chains;
    private final List<OperandRelevance> relevance;
    private final SpatialUnrolling unrolling;
    private final SpatialLevels spatial;
    private final SpatialLevels spatialInt;
    private final SpatialUnits units;
    private final SpatialUnits unitsInt;
    private final int[] precision;
    private final int outputPartialPrecision;
    private final int outputFinalPrecision;
    private final List<Map<MemoryOperand, Integer>> sharingList;
    private final List<String> dimensions;
    private final List<IndexedOperand> indexedOperands;
    private final long macCount;
    private final IndexedHierarchy indexedHierarchy;

    private LayerContext(LayerProblem problem) {
        this.problem = problem;
        Layer layer = problem.layer();
        MemoryHierarchy hierarchy = problem.core().hierarchy();
        this.operands = layer.equation().operands();
        this.memoryOperands = new ArrayList<>();
        this.chains = new ArrayList<>();
        this.relevance = new ArrayList<>();
        this.precision = new int[operands.size()];
        for (int x = 0; x < operands.size(); x++) {
            String op = operands.get(x);
            MemoryOperand mo = layer.memoryOperands().get(op);
            if (mo == null) {
                throw new IllegalArgumentException("layer " + layer.id() + " links no memory operand to " + op);
            }
            if (memoryOperands.contains(mo)) {
                // the reference never costs such a layer: the DF engine first relinks the second input to I2
                // (spec depthfirst.md §3.8 step 4)
                throw new IllegalArgumentException("operands of layer " + layer.id() + " share memory operand " + mo
                        + "; relink one of them first (spec depthfirst.md §3.8 step 4)");
            }
            memoryOperands.add(mo);
            List<MemoryLevel> chain = hierarchy.chain(mo);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("no memory level holds " + mo);
            }
            chains.add(chain);
            relevance.add(OperandRelevance.of(layer, op));
            precision[x] = layer.precision().get(op);
        }
        this.outputPartialPrecision = precision[0];
        this.outputFinalPrecision = layer.precision().getOrDefault(Layer.FINAL_OUTPUT, precision[0]);
        this.unrolling = SpatialUnrolling.of(layer, problem.core().array(), problem.spatialMapping());
        this.spatial = SpatialLevels.of(layer, hierarchy, unrolling);
        this.spatialInt = spatial.ceiled();
        this.units = SpatialUnits.of(operands, relevance, spatial);
        this.unitsInt = SpatialUnits.of(operands, relevance, spatialInt);
        this.sharingList = hierarchy.sharingList();
        this.dimensions = List.copyOf(layer.loops().keySet());
        this.macCount = layer.macCount();
        List<IndexedOperand> indexed = new ArrayList<>();
        for (int x = 0; x < operands.size(); x++) {
            indexed.add(IndexedOperand.of(this, x));
        }
        this.indexedOperands = List.copyOf(indexed);
        this.indexedHierarchy = IndexedHierarchy.of(this);
    }

    /** Prepares {@code problem}. */
    public static LayerContext of(LayerProblem problem) {
        return new LayerContext(problem);
    }

    /** The problem. */
    public LayerProblem problem() {
        return problem;
    }

    /** The layer (tile). */
    public Layer layer() {
        return problem.layer();
    }

    /** The core's memory hierarchy. */
    public MemoryHierarchy hierarchy() {
        return problem.core().hierarchy();
    }

    /** Number of layer operands. */
    public int operandCount() {
        return operands.size();
    }

    /** Layer operands in equation order; index 0 is the output. */
    public List<String> operands() {
        return operands;
    }

    /** Index of layer operand {@code op} in equation order. */
    public int indexOf(String op) {
        int i = operands.indexOf(op);
        if (i < 0) {
            throw new IllegalArgumentException("no operand " + op);
        }
        return i;
    }

    /** Memory operand of operand {@code x}. */
    public MemoryOperand memoryOperand(int x) {
        return memoryOperands.get(x);
    }

    /** The layer operand linked to memory operand {@code mo}, or -1. */
    public int operandOf(MemoryOperand mo) {
        return memoryOperands.indexOf(mo);
    }

    /** The memory chain of operand {@code x}, innermost first. */
    public List<MemoryLevel> chain(int x) {
        return chains.get(x);
    }

    /** Relevance lists of operand {@code x}. */
    public OperandRelevance relevance(int x) {
        return relevance.get(x);
    }

    /** Precision of input operand {@code x}, or the partial-sum precision for the output. */
    public int precision(int x) {
        return precision[x];
    }

    /** Output partial-sum precision ({@code O}). */
    public int outputPartialPrecision() {
        return outputPartialPrecision;
    }

    /** Output final precision ({@code O_final}, or {@code O} if absent). */
    public int outputFinalPrecision() {
        return outputFinalPrecision;
    }

    /** The clamped spatial unrolling. */
    public SpatialUnrolling unrolling() {
        return unrolling;
    }

    /** Spatial loops per operand and architectural level, fractional (energy) or ceiled (latency). */
    public SpatialLevels spatial(boolean ceiled) {
        return ceiled ? spatialInt : spatial;
    }

    /** Unit counts of the fractional (energy) or ceiled (latency) spatial mapping. */
    public SpatialUnits units(boolean ceiled) {
        return ceiled ? unitsInt : units;
    }

    /** The hierarchy's memory sharing groups (spec zigzag-inputs.md §3.6). */
    public List<Map<MemoryOperand, Integer>> sharingList() {
        return sharingList;
    }

    /** The layer's loop dimensions in order: the ids {@code 0 … D-1} of {@link IndexedOperand}. */
    public List<String> dimensions() {
        return dimensions;
    }

    /** Id of layer dimension {@code dim}. */
    public int dimensionId(String dim) {
        int i = dimensions.indexOf(dim);
        if (i < 0) {
            throw new IllegalArgumentException("no loop dimension " + dim);
        }
        return i;
    }

    /** Operand {@code x}'s relevance, pr relations and spatial loops indexed by dimension id. */
    public IndexedOperand indexedOperand(int x) {
        return indexedOperands.get(x);
    }

    /** The memory hierarchy as this problem's operands see it, indexed by operand, level and direction. */
    IndexedHierarchy indexedHierarchy() {
        return indexedHierarchy;
    }

    /** Number of MACs of the layer (tile). */
    public long macCount() {
        return macCount;
    }

    /** The layer's loop sizes. */
    public Map<String, Long> loops() {
        return problem.layer().loops();
    }
}
