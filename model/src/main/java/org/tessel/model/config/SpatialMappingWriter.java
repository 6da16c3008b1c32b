package org.tessel.model.config;

import java.util.List;
import java.util.stream.Collectors;
import org.tessel.model.BadInputException;
import org.tessel.model.mapping.SpatialMapping;
import org.tessel.model.mapping.SpatialMappings;

/**
 * Writes spatial mappings as a {@code kind: spatial-mapping} file that {@link ConfigLoader#spatialMappings}
 * reads back equal: per-layer entries and defaults, one flow-style line each (docs/config-format.md).
 */
public final class SpatialMappingWriter {

    private SpatialMappingWriter() {}

    /**
     * The mappings as YAML text.
     *
     * @param comments comment lines written first, without the leading {@code #} (may be empty)
     */
    public static String toYaml(SpatialMappings mappings, List<String> comments) {
        StringBuilder out = new StringBuilder();
        for (String c : comments) {
            out.append("# ").append(BadInputException.oneLine(c)).append('\n');
        }
        out.append("kind: spatial-mapping\n");
        mappings.workload().ifPresent(w -> out.append("workload: ").append(WorkloadWriter.scalar(w)).append('\n'));
        out.append("accelerators: [").append(mappings.accelerators().stream().map(WorkloadWriter::scalar)
                .collect(Collectors.joining(", "))).append("]\n");
        if (!mappings.layers().isEmpty()) {
            out.append("layers:\n");
            mappings.layers().forEach((id, m) -> out.append("  ").append(id).append(": ").append(flow(m)).append('\n'));
        }
        if (!mappings.defaults().isEmpty()) {
            out.append("defaults:\n");
            mappings.defaults().forEach((type, m) -> out.append("  ").append(type.key()).append(": ").append(flow(m)).append('\n'));
        }
        return out.toString();
    }

    private static String flow(SpatialMapping m) {
        // an empty mapping (nothing unrolled) is written as {}, which reads back empty
        return "{" + m.unrolls().entrySet().stream().map(e -> WorkloadWriter.scalar(e.getKey()) + ": ["
                + WorkloadWriter.scalar(e.getValue().loopDimension()) + ", " + e.getValue().factor() + "]")
                .collect(Collectors.joining(", ")) + "}";
    }
}
