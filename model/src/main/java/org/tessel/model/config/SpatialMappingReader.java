package org.tessel.model.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.model.mapping.SpatialMapping;
import org.tessel.model.mapping.SpatialMappings;
import org.tessel.model.mapping.SpatialUnroll;

/** Reads a {@code kind: spatial-mapping} file (format: docs/config-format.md). */
final class SpatialMappingReader {

    private SpatialMappingReader() {}

    static SpatialMappings read(ConfigNode root) {
        root.allowOnly("kind", "workload", "accelerators", "layers");
        String workload = root.get("workload").text();
        List<String> accelerators = new ArrayList<>();
        for (ConfigNode a : root.get("accelerators").nonEmptyElements()) {
            accelerators.add(a.text());
        }
        Map<Integer, SpatialMapping> layers = new LinkedHashMap<>();
        root.get("layers").nonEmptyEntries().forEach((key, m) -> {
            int id;
            try {
                id = Integer.parseInt(key.strip());
            } catch (NumberFormatException e) {
                throw m.error("'" + key + "' is not a layer id");
            }
            Map<String, SpatialUnroll> unrolls = new LinkedHashMap<>();
            m.nonEmptyEntries().forEach((arrayDim, u) -> {
                List<ConfigNode> pair = u.elements();
                if (pair.size() != 2) {
                    throw u.error("must be [loop dimension, unroll], e.g. [K, 32]");
                }
                unrolls.put(arrayDim, new SpatialUnroll(pair.get(0).text(), pair.get(1).positiveLong()));
            });
            layers.put(id, new SpatialMapping(unrolls));
        });
        return new SpatialMappings(workload, accelerators, layers);
    }
}
