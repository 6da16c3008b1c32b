package org.tessel.model.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.tessel.model.mapping.OperatorType;
import org.tessel.model.mapping.SpatialMapping;
import org.tessel.model.mapping.SpatialMappings;
import org.tessel.model.mapping.SpatialUnroll;

/** Reads a {@code kind: spatial-mapping} file (format: docs/config-format.md, docs/spatial-mapping.md). */
final class SpatialMappingReader {

    private SpatialMappingReader() {}

    static SpatialMappings read(ConfigNode root) {
        root.allowOnly("kind", "workload", "accelerators", "layers", "defaults");
        Optional<ConfigNode> layersNode = root.find("layers");
        Optional<ConfigNode> defaultsNode = root.find("defaults");
        if (layersNode.isEmpty() && defaultsNode.isEmpty()) {
            throw root.error("needs 'layers' (per layer id), 'defaults' (per operator type) or both");
        }
        // layer ids only mean something for one workload; defaults fit any
        Optional<String> workload = layersNode.isPresent() ? Optional.of(root.get("workload").text())
                : root.find("workload").map(ConfigNode::text);
        List<String> accelerators = new ArrayList<>();
        for (ConfigNode a : root.get("accelerators").nonEmptyElements()) {
            accelerators.add(a.text());
        }
        Map<Integer, SpatialMapping> layers = new LinkedHashMap<>();
        layersNode.ifPresent(node -> node.nonEmptyEntries().forEach((key, m) -> {
            int id;
            try {
                id = Integer.parseInt(key.strip());
            } catch (NumberFormatException e) {
                throw m.error("'" + key + "' is not a layer id");
            }
            layers.put(id, mapping(m));
        }));
        Map<OperatorType, SpatialMapping> defaults = new EnumMap<>(OperatorType.class);
        defaultsNode.ifPresent(node -> node.nonEmptyEntries().forEach((key, m) -> {
            OperatorType type = OperatorType.ofKey(key.strip()).orElseThrow(() -> m.error("unknown operator type '" + key
                    + "' (one of: " + Arrays.stream(OperatorType.values()).map(OperatorType::key)
                            .collect(Collectors.joining(", ")) + ")"));
            SpatialMapping mapping = mapping(m);
            mapping.unrolls().forEach((arrayDim, u) -> {
                if (!type.loopDimensions().contains(u.loopDimension())) {
                    throw m.get(arrayDim).error("a " + type.key() + " layer has no loop dimension '" + u.loopDimension()
                            + "' (it may have " + type.loopDimensions().stream().sorted().toList() + ")");
                }
            });
            defaults.put(type, mapping);
        }));
        return new SpatialMappings(workload, accelerators, layers, defaults);
    }

    /** One mapping; {@code {}} unrolls nothing (what --mapping auto writes for a layer the array cannot unroll). */
    private static SpatialMapping mapping(ConfigNode m) {
        Map<String, SpatialUnroll> unrolls = new LinkedHashMap<>();
        m.entries().forEach((arrayDim, u) -> {
            List<ConfigNode> pair = u.elements();
            if (pair.size() != 2) {
                throw u.error("must be [loop dimension, unroll], e.g. [K, 32]");
            }
            unrolls.put(arrayDim, new SpatialUnroll(pair.get(0).text(), pair.get(1).positiveLong()));
        });
        return new SpatialMapping(unrolls);
    }
}
