package org.tessel.model.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * A complete schedule of a network: the stacks in execution order, each with its own tile size
 * and overlap mode, so that search back ends can vary them independently. Layer-by-layer is the
 * special case of one layer per stack with whole-output tiles.
 *
 * @param stacks the stacks in execution order
 */
public record Schedule(List<StackSchedule> stacks) {

    public Schedule {
        stacks = List.copyOf(stacks);
        List<Integer> seen = new ArrayList<>();
        for (StackSchedule s : stacks) {
            for (int id : s.layerIds()) {
                if (seen.contains(id)) {
                    throw new IllegalArgumentException("layer " + id + " is in more than one stack");
                }
                seen.add(id);
            }
        }
    }

    /** The cut points: the last layer id of every stack but the last. */
    public List<Integer> cutsAfter() {
        return stacks.stream().limit(Math.max(0, stacks.size() - 1)).map(s -> s.layerIds().getLast()).toList();
    }
}
