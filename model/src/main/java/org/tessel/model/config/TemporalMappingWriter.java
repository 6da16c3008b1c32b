package org.tessel.model.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.model.mapping.TemporalLoop;
import org.tessel.model.mapping.TemporalMapping;

/**
 * Writes temporal mappings in the {@code kind: temporal-mapping} format that
 * {@link ConfigLoader#temporalMapping} reads, so that a chosen mapping can be replayed.
 */
public final class TemporalMappingWriter {

    private TemporalMappingWriter() {}

    /** The mapping as an ordered map (kind, loops innermost first with each operand's level). */
    public static Map<String, Object> toMap(TemporalMapping mapping) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", ConfigKind.TEMPORAL_MAPPING.fileName());
        List<Map<String, Object>> loops = new java.util.ArrayList<>();
        for (int i = 0; i < mapping.loops().size(); i++) {
            TemporalLoop l = mapping.loops().get(i);
            Map<String, Object> loop = new LinkedHashMap<>();
            loop.put("dim", l.dimension());
            loop.put("size", l.size());
            Map<String, Integer> levels = new LinkedHashMap<>();
            for (var e : mapping.levels().entrySet()) {
                levels.put(e.getKey(), e.getValue().get(i));
            }
            loop.put("levels", levels);
            loops.add(loop);
        }
        doc.put("loops", loops);
        return doc;
    }
}
