package org.tessel.model.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The user spatial mapping of one layer: array dimension → unrolled loop. The order is the order
 * written, which the spatial-mapping conversion iterates (spec mapping.md §1.1).
 *
 * @param unrolls array dimension name → unroll
 */
public record SpatialMapping(Map<String, SpatialUnroll> unrolls) {

    public SpatialMapping {
        unrolls = Collections.unmodifiableMap(new LinkedHashMap<>(unrolls));
    }

    /** Product of the user unroll factors (before clamping to the layer). */
    public long unrolledUnits() {
        return unrolls.values().stream().mapToLong(SpatialUnroll::factor).reduce(1L, Math::multiplyExact);
    }
}
