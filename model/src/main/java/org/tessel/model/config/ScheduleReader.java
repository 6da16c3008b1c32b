package org.tessel.model.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.Workload;

/** Reads a {@code kind: schedule} file (format: docs/schedule-format.md). */
final class ScheduleReader {

    private ScheduleReader() {}

    static Schedule read(ConfigNode root) {
        root.allowOnly("kind", "workload", "stacks");
        root.get("workload").text();
        List<StackSchedule> stacks = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (ConfigNode s : root.get("stacks").nonEmptyElements()) {
            s.allowOnly("layers", "tile", "mode");
            List<Integer> ids = new ArrayList<>();
            for (ConfigNode id : s.get("layers").nonEmptyElements()) {
                int layer = id.intValue();
                if (!seen.add(layer)) {
                    throw id.error("layer " + layer + " is in more than one stack");
                }
                ids.add(layer);
            }
            ConfigNode tileNode = s.get("tile");
            if (!tileNode.isText()) {
                // YAML reads an unquoted 0x72 as the hexadecimal number 114.
                throw tileNode.error("must be a tile size like 60x72 or full (quote it if it starts with 0x)");
            }
            TileSize tile;
            try {
                tile = TileSize.parse(tileNode.text());
            } catch (IllegalArgumentException e) {
                throw tileNode.error(e.getMessage());
            }
            ConfigNode modeNode = s.get("mode");
            OverlapMode mode = OverlapMode.fromCliName(modeNode.text()).orElseThrow(() -> modeNode.error(
                    "unknown mode '" + modeNode.text() + "' (one of: " + OverlapMode.cliNames() + ")"));
            stacks.add(new StackSchedule(ids, tile, mode));
        }
        return new Schedule(stacks);
    }

    /** Checks that the schedule covers {@code workload}'s compute layers in a legal order. */
    static Schedule check(ConfigNode root, Schedule schedule, Workload workload) {
        String name = root.get("workload").text();
        if (!name.equals(workload.name())) {
            throw root.get("workload").error("schedule is for workload '" + name + "', not '" + workload.name() + "'");
        }
        List<ConfigNode> stackNodes = root.get("stacks").elements();
        Set<Integer> done = new HashSet<>();
        workload.layers().stream().filter(Layer::isInput).forEach(l -> done.add(l.id()));
        for (int s = 0; s < schedule.stacks().size(); s++) {
            List<Integer> ids = schedule.stacks().get(s).layerIds();
            List<ConfigNode> idNodes = stackNodes.get(s).get("layers").elements();
            Set<Integer> inStack = new HashSet<>(ids);
            for (int i = 0; i < ids.size(); i++) {
                int id = ids.get(i);
                if (!workload.hasLayer(id) || workload.layer(id).isInput()) {
                    throw idNodes.get(i).error("workload '" + workload.name() + "' has no compute layer " + id);
                }
                for (int p : workload.predecessors(id)) {
                    if (!done.contains(p) && !inStack.contains(p)) {
                        throw idNodes.get(i).error("layer " + id + " needs layer " + p + ", which no earlier stack computes");
                    }
                }
            }
            done.addAll(ids);
        }
        for (Layer l : workload.computeLayers()) {
            if (!done.contains(l.id())) {
                throw root.get("stacks").error("layer " + l.id() + " is in no stack");
            }
        }
        return schedule;
    }
}
