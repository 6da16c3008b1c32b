package org.tessel.search.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.search.ScheduleCost;
import org.tessel.model.search.SchedulePoint;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.StackCost;
import org.tessel.search.toy.ToyWorkloads;

/** The memory of single stacks: best per span, transfer to a neighbouring span, and recombination. */
class StackMemoryTest {

    static final ScheduleSpace SPACE = ScheduleSpace.of(ToyWorkloads.chain6());
    static final int N = SPACE.units().count();

    /** Records a plan cut at {@code cuts} whose stacks cost {@code energies}, with tile = stack index + 1. */
    static void record(StackMemory memory, List<Integer> cutAfter, double... energies) {
        List<Boolean> cuts = new ArrayList<>(Collections.nCopies(N - 1, false));
        cutAfter.forEach(u -> cuts.set(u, true));
        List<Integer> tiles = new ArrayList<>();
        List<StackCost> stacks = new ArrayList<>();
        for (int s = 0; s < energies.length; s++) {
            tiles.add(s + 1);
            stacks.add(new StackCost(energies[s], 1, true));
        }
        SchedulePoint point = new SchedulePoint(cuts, tiles, Collections.nCopies(energies.length, OverlapMode.FULLY_CACHED));
        memory.record(SPACE, point, ScheduleCost.sum(stacks), ScheduleCost::energyPj);
    }

    @Test
    void remembersTheBestStackPerSpanAndTransfersToTheNearestSpanWithTheSameLastUnit() {
        StackMemory memory = new StackMemory(SPACE);
        assertNull(memory.best(0, N - 1));
        record(memory, List.of(2), 10, 20); // stacks 0-2 (tile 1), 3-5 (tile 2)
        assertEquals(new StackMemory.Choice(1, OverlapMode.FULLY_CACHED, true), memory.best(0, 2));
        assertEquals(new StackMemory.Choice(2, OverlapMode.FULLY_CACHED, false), memory.best(2, N - 1));
        assertNull(memory.best(0, 1));
        record(memory, List.of(2), 30, 5); // worse 0-2 is ignored, better 3-5 is kept
        assertEquals(1, memory.best(0, 2).tile());
        assertEquals(2, memory.best(3, N - 1).tile());
    }

    @Test
    void recombinesTheCheapestPlanOfKnownStacks() {
        StackMemory memory = new StackMemory(SPACE);
        List<PlanScoring.ChoiceValues> fill = new ArrayList<>();
        for (int u = 0; u < N; u++) {
            fill.add(new PlanScoring.ChoiceValues(u, false, 0, OverlapMode.FULLY_RECOMPUTE));
        }
        assertNull(memory.composition(fill));
        record(memory, List.of(1), 10, 100);    // 0-1, 2-5
        record(memory, List.of(3), 100, 10);    // 0-3, 4-5
        record(memory, List.of(1, 3), 11, 11, 11); // 0-1, 2-3, 4-5: best is 0-1 (10) + 2-3 (11) + 4-5 (10)
        List<PlanScoring.ChoiceValues> plan = memory.composition(fill);
        assertEquals(List.of(false, true, false, true, false, false), plan.stream().map(PlanScoring.ChoiceValues::cut).toList());
        assertEquals(1, plan.get(1).tile()); // 0-1 from the first plan (its first stack)
        assertEquals(2, plan.get(3).tile()); // 2-3 from the third plan (its second stack)
        assertEquals(2, plan.get(5).tile()); // 4-5 from the second plan (its second stack)
        assertEquals(OverlapMode.FULLY_RECOMPUTE, plan.get(0).mode()); // a unit ending no stack keeps its values
    }
}
