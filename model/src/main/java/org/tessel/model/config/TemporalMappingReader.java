package org.tessel.model.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.model.mapping.TemporalLoop;
import org.tessel.model.mapping.TemporalMapping;

/** Reads a {@code kind: temporal-mapping} file (format: docs/temporal-mapping-format.md). */
final class TemporalMappingReader {

    private TemporalMappingReader() {}

    static TemporalMapping read(ConfigNode root) {
        root.allowOnly("kind", "loops");
        List<TemporalLoop> loops = new ArrayList<>();
        Map<String, List<Integer>> levels = new LinkedHashMap<>();
        List<ConfigNode> nodes = root.get("loops").elements();
        for (int i = 0; i < nodes.size(); i++) {
            ConfigNode loop = nodes.get(i).allowOnly("dim", "size", "levels");
            loops.add(new TemporalLoop(loop.get("dim").text(), loop.get("size").positiveLong()));
            Map<String, ConfigNode> perOperand = loop.get("levels").nonEmptyEntries();
            if (i > 0 && !perOperand.keySet().equals(levels.keySet())) {
                throw loop.get("levels").error("names operands " + perOperand.keySet() + ", the first loop names "
                        + levels.keySet());
            }
            for (Map.Entry<String, ConfigNode> e : perOperand.entrySet()) {
                int level = e.getValue().nonNegativeInt();
                List<Integer> list = levels.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                if (!list.isEmpty() && level < list.getLast()) {
                    throw e.getValue().error("memory level " + level + " is below level " + list.getLast()
                            + " of the loop inside it; levels must not decrease going outward");
                }
                list.add(level);
            }
        }
        return new TemporalMapping(loops, levels);
    }
}
