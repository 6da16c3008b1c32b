package org.tessel.model.mapping;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.LayerType;

/**
 * The operator types a spatial-mapping file gives {@code defaults} for (docs/spatial-mapping.md):
 * finer than {@link LayerType} in that depthwise convolutions are their own type, since an
 * array unrolls them along groups rather than output channels.
 */
public enum OperatorType {
    /** A convolution with one group or with several groups of {@code K} and {@code C} channels. */
    CONV(Set.of("B", "K", "C", "G", "OY", "OX", "FY", "FX")),
    /** A depthwise convolution: groups, no {@code K} or {@code C} loops ({@code W[g][fy][fx]}). */
    DEPTHWISE(Set.of("B", "G", "OY", "OX", "FY", "FX")),
    /** Max or average pooling, global pooling too. */
    POOL(Set.of("B", "G", "OY", "OX", "FY", "FX")),
    /** An element-wise add. */
    ADD(Set.of("B", "G", "OY", "OX")),
    /** A fully connected layer. */
    GEMM(Set.of("B", "K", "C", "OY", "OX", "FY", "FX"));

    private final Set<String> loopDimensions;

    OperatorType(Set<String> loopDimensions) {
        this.loopDimensions = loopDimensions;
    }

    /** The loop dimensions a layer of this type can have (what a default may unroll). */
    public Set<String> loopDimensions() {
        return loopDimensions;
    }

    /** The key in a spatial-mapping file ({@code conv}, {@code depthwise}, ...). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type whose key is {@code key}, if any. */
    public static Optional<OperatorType> ofKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key().equals(key)).findFirst();
    }

    /**
     * The type of compute layer {@code layer}.
     *
     * @throws IllegalArgumentException for the input pseudo-layer
     */
    public static OperatorType of(Layer layer) {
        return switch (LayerType.of(layer)) {
            case INPUT -> throw new IllegalArgumentException("the input pseudo-layer has no operator type");
            case ADD -> ADD;
            case POOL -> POOL;
            case GEMM -> GEMM;
            case CONV -> layer.loops().containsKey("G") && !layer.loops().containsKey("K") && !layer.loops().containsKey("C")
                    ? DEPTHWISE : CONV;
        };
    }
}
