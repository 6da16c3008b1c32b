package org.tessel.model.accelerator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The array of MAC units (spec zigzag-inputs.md §3.2).
 *
 * @param dimensions array dimension name → size, in order (dimension i has id i)
 * @param unit the MAC unit
 */
public record OperationalArray(Map<String, Integer> dimensions, MacUnit unit) {

    /**
     * One multiply-accumulate unit.
     *
     * @param inputPrecision bits of each input, informational
     * @param outputPrecision bits of the output, informational
     * @param macEnergy pJ per MAC
     * @param area informational
     */
    public record MacUnit(List<Integer> inputPrecision, int outputPrecision, double macEnergy, double area) {
        public MacUnit {
            inputPrecision = List.copyOf(inputPrecision);
        }
    }

    public OperationalArray {
        dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
    }

    /** Number of MAC units: the product of all dimension sizes. */
    public long unitCount() {
        return dimensions.values().stream().mapToLong(Integer::longValue).reduce(1L, Math::multiplyExact);
    }

    /** Size of the named dimension. */
    public int size(String dimension) {
        Integer size = dimensions.get(dimension);
        if (size == null) {
            throw new IllegalArgumentException("no array dimension " + dimension);
        }
        return size;
    }
}
