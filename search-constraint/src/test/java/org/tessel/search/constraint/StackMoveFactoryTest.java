package org.tessel.search.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.search.Budget;
import org.tessel.model.search.Objective;
import org.tessel.model.search.ScheduleCost;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.SearchProgress;
import org.tessel.model.search.StackComposition;
import org.tessel.search.toy.ToyEvaluator;
import org.tessel.search.toy.ToyWorkloads;

/** The local-search moves change stacks, not idle variables, and cost at most two new stacks. */
class StackMoveFactoryTest {

    static final ScheduleSpace SPACE = ScheduleSpace.of(ToyWorkloads.chain6());
    static final int N = SPACE.units().count();

    /** A plan cut after units 1 and 3, every unit with tile 10 and fully-recompute. */
    static List<UnitChoice> plan(SearchProgress progress) {
        return plan(progress, new StackMemory(SPACE));
    }

    static List<UnitChoice> plan(SearchProgress progress, StackMemory memory) {
        PlanScoring scoring = new PlanScoring(progress, ScheduleCost::energyPj, Long.MAX_VALUE,
                new PlanScoring.Incumbent(), Long.MAX_VALUE, memory, new TileNeighbours(SPACE));
        List<UnitChoice> units = new ArrayList<>();
        for (int u = 0; u < N; u++) {
            UnitChoice c = new UnitChoice(u, u == N - 1, SPACE.tileCandidates(u).size(), scoring);
            c.setCut(u == 1 || u == 3);
            c.setTile(10);
            c.setMode(OverlapMode.FULLY_RECOMPUTE);
            units.add(c);
        }
        return units;
    }

    static Set<StackSchedule> stacks(List<UnitChoice> units) {
        List<Boolean> cuts = units.subList(0, N - 1).stream().map(UnitChoice::getCut).toList();
        Set<StackSchedule> out = new HashSet<>();
        for (var span : SPACE.spans(cuts)) {
            UnitChoice last = units.get(span.last());
            out.add(SPACE.stack(span, last.getTile(), last.getMode()));
        }
        return out;
    }

    static List<PlanScoring.ChoiceValues> values(List<UnitChoice> units) {
        return units.stream().map(u -> new PlanScoring.ChoiceValues(u.getUnit(), u.getCut(), u.getTile(), u.getMode())).toList();
    }

    static void apply(PlanMove move) {
        for (int k = 0; k < move.getPlanningEntities().size(); k++) {
            UnitChoice u = move.getPlanningEntities().get(k);
            u.setCut(move.values().get(k).cut());
            u.setTile(move.values().get(k).tile());
            u.setMode(move.values().get(k).mode());
        }
    }

    @ParameterizedTest
    @EnumSource(StackMoveFactory.Kind.class)
    void everyMoveChangesAtMostTwoStacksAndOnlyStackEnds(StackMoveFactory.Kind kind) {
        try (SearchProgress progress = new SearchProgress("t", SPACE, ToyEvaluator.of(ToyWorkloads.chain6(),
                StackComposition.ADDITIVE), Objective.ENERGY, Budget.unlimited(), false, 1)) {
            Random random = new Random(3);
            for (int i = 0; i < 100; i++) {
                List<UnitChoice> units = plan(progress);
                Set<StackSchedule> before = stacks(units);
                List<PlanScoring.ChoiceValues> old = values(units);
                PlanMove move = StackMoveFactory.draw(kind, units, random);
                apply(move);
                Set<StackSchedule> after = stacks(units);
                after.removeAll(before);
                assertTrue(after.size() <= 2, move + " makes " + after.size() + " new stacks");
                for (int u = 0; u < N - 1; u++) {
                    boolean endedStack = old.get(u).cut();
                    boolean endsStack = units.get(u).getCut();
                    if (!endedStack && !endsStack) {
                        assertEquals(old.get(u), values(units).get(u), move + " changed idle unit " + u);
                    }
                }
                if (kind == StackMoveFactory.Kind.TILE) {
                    assertEquals(1, after.size());
                    int e = move.getPlanningEntities().getFirst().getUnit();
                    int[] near = new TileNeighbours(SPACE).of(e, 10);
                    assertTrue(java.util.Arrays.stream(near).anyMatch(t -> t == units.get(e).getTile()));
                }
            }
        }
    }

    @Test
    void aMergeTakesTheBestKnownTileOfTheNewSpan() {
        try (SearchProgress progress = new SearchProgress("t", SPACE, ToyEvaluator.of(ToyWorkloads.chain6(),
                StackComposition.ADDITIVE), Objective.ENERGY, Budget.unlimited(), false, 1)) {
            StackMemory memory = new StackMemory(SPACE);
            // known: the stack 0-3 at tile 7, fully cached
            memory.record(SPACE, new org.tessel.model.search.SchedulePoint(List.of(false, false, false, true, false),
                    List.of(7, 3), List.of(OverlapMode.FULLY_CACHED, OverlapMode.FULLY_CACHED)),
                    ScheduleCost.sum(List.of(new org.tessel.model.search.StackCost(1, 1, true),
                            new org.tessel.model.search.StackCost(1, 1, true))), ScheduleCost::energyPj);
            Random random = new Random(1);
            for (int i = 0; i < 50; i++) {
                List<UnitChoice> fresh = plan(progress, memory);
                PlanMove move = StackMoveFactory.draw(StackMoveFactory.Kind.MERGE, fresh, random);
                apply(move);
                if (!fresh.get(1).getCut()) { // merged 0-1 with 2-3
                    assertEquals(7, fresh.get(3).getTile());
                    assertEquals(OverlapMode.FULLY_CACHED, fresh.get(3).getMode());
                    return;
                }
            }
            throw new AssertionError("no merge of the first cut drawn");
        }
    }
}
