package org.tessel.model.search;

import java.util.List;
import org.tessel.model.schedule.OverlapMode;

/**
 * One point of a {@link ScheduleSpace}: which legal cut points are cut, and per resulting stack
 * (in execution order) the index of its tile size among the stack's candidates and its overlap mode.
 *
 * @param cuts one flag per legal cut point, true where the stack is cut
 * @param tiles per stack, the index into the candidate tile sizes of that stack
 * @param modes per stack, the overlap mode
 */
public record SchedulePoint(List<Boolean> cuts, List<Integer> tiles, List<OverlapMode> modes) {

    public SchedulePoint {
        cuts = List.copyOf(cuts);
        tiles = List.copyOf(tiles);
        modes = List.copyOf(modes);
        long stacks = 1 + cuts.stream().filter(c -> c).count();
        if (tiles.size() != stacks || modes.size() != stacks) {
            throw new IllegalArgumentException(stacks + " stacks but " + tiles.size() + " tiles and "
                    + modes.size() + " modes");
        }
    }

    /** Number of stacks: one more than the number of cuts made. */
    public int stackCount() {
        return tiles.size();
    }
}
