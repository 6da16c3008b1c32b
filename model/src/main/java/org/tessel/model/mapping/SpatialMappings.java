package org.tessel.model.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The spatial mappings of all compute layers of one workload on one hardware family, kept apart
 * from the workload so that one workload runs on any accelerator.
 *
 * @param workload the workload's name
 * @param accelerators names of the accelerators this mapping is written for
 * @param layers layer id → spatial mapping
 */
public record SpatialMappings(String workload, List<String> accelerators, Map<Integer, SpatialMapping> layers) {

    public SpatialMappings {
        accelerators = List.copyOf(accelerators);
        layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
    }

    /** The mapping of layer {@code id}. */
    public SpatialMapping of(int id) {
        SpatialMapping m = layers.get(id);
        if (m == null) {
            throw new NoSuchElementException("no spatial mapping for layer " + id + " of " + workload);
        }
        return m;
    }
}
