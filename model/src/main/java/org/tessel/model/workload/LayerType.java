package org.tessel.model.workload;

import java.util.Locale;

/**
 * What a layer computes, as reports count MACs ({@code tessel describe --json}: {@code macs_by_type}).
 * Derived from the layer alone, so that imported and written workloads count alike.
 */
public enum LayerType {
    /** The network input pseudo-layer: no MACs. */
    INPUT,
    /** A convolution with weights: one group, grouped or depthwise. */
    CONV,
    /**
     * A fully connected layer (ONNX Gemm or MatMul): a convolution with weights, one group, a 1×1
     * output and no (or zero) padding, so that its window is its whole input (a 1×1 convolution after global
     * pooling counts as one too).
     */
    GEMM,
    /** Max or average pooling, also global: a window without weights (weight precision 0). */
    POOL,
    /** An element-wise add. */
    ADD;

    /** The type of {@code layer}. */
    public static LayerType of(Layer layer) {
        if (layer.isInput()) {
            return INPUT;
        }
        if (layer.isElementWise()) {
            return ADD;
        }
        boolean weightless = !layer.constantOperands().isEmpty()
                && layer.constantOperands().stream().allMatch(op -> layer.precision().getOrDefault(op, 1) == 0);
        if (weightless) {
            return POOL;
        }
        boolean oneGroup = !layer.equation().dimensionsOf(layer.equation().outputOperand()).contains("G");
        if (oneGroup && layer.loopSize("OX") == 1 && layer.loopSize("OY") == 1 
                && layer.padding().values().stream().allMatch(p -> p.total() == 0)) {
            return GEMM;
        }
        return CONV;
    }

    /** The lower-case name used in reports ({@code conv}, {@code gemm}, ...). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
