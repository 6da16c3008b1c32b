package org.tessel.search.constraint;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.move.AbstractMove;
import org.tessel.model.schedule.OverlapMode;

/**
 * A move that assigns new values to the planning variables of one or more units at once, e.g. a
 * stack's tile and mode together, or a cut and the tile and mode of the stack it creates. Values
 * equal to the current ones are left alone; the undo move restores the old values.
 */
final class PlanMove extends AbstractMove<SchedulePlan> {

    private final StackMoveFactory.Kind kind;
    private final List<UnitChoice> units;
    private final List<PlanScoring.ChoiceValues> values;

    /**
     * @param kind the kind of move; its name goes into OptaPlanner's statistics and logs
     * @param units the entities changed
     * @param values their new values, one per entity (the {@code unit} field is ignored)
     */
    PlanMove(StackMoveFactory.Kind kind, List<UnitChoice> units, List<PlanScoring.ChoiceValues> values) {
        this.kind = kind;
        this.units = List.copyOf(units);
        this.values = List.copyOf(values);
    }

    @Override
    public boolean isMoveDoable(ScoreDirector<SchedulePlan> scoreDirector) {
        for (int i = 0; i < units.size(); i++) {
            UnitChoice u = units.get(i);
            PlanScoring.ChoiceValues v = values.get(i);
            if (!Objects.equals(u.getCut(), v.cut()) || !Objects.equals(u.getTile(), v.tile())
                    || u.getMode() != v.mode()) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected PlanMove createUndoMove(ScoreDirector<SchedulePlan> scoreDirector) {
        List<PlanScoring.ChoiceValues> old = new ArrayList<>();
        for (UnitChoice u : units) {
            old.add(new PlanScoring.ChoiceValues(u.getUnit(), u.getCut(), u.getTile(), u.getMode()));
        }
        return new PlanMove(kind, units, old);
    }

    @Override
    protected void doMoveOnGenuineVariables(ScoreDirector<SchedulePlan> scoreDirector) {
        for (int i = 0; i < units.size(); i++) {
            UnitChoice u = units.get(i);
            PlanScoring.ChoiceValues v = values.get(i);
            if (!Objects.equals(u.getCut(), v.cut())) {
                scoreDirector.beforeVariableChanged(u, "cut");
                u.setCut(v.cut());
                scoreDirector.afterVariableChanged(u, "cut");
            }
            if (!Objects.equals(u.getTile(), v.tile())) {
                scoreDirector.beforeVariableChanged(u, "tile");
                u.setTile(v.tile());
                scoreDirector.afterVariableChanged(u, "tile");
            }
            if (u.getMode() != v.mode()) {
                scoreDirector.beforeVariableChanged(u, "mode");
                u.setMode(v.mode());
                scoreDirector.afterVariableChanged(u, "mode");
            }
        }
    }

    @Override
    public PlanMove rebase(ScoreDirector<SchedulePlan> destination) {
        return new PlanMove(kind, rebaseList(units, destination), values);
    }

    @Override
    public String getSimpleMoveTypeDescription() {
        return "PlanMove(" + kind + ")";
    }

    @Override
    public List<UnitChoice> getPlanningEntities() {
        return units;
    }

    @Override
    public List<Object> getPlanningValues() {
        List<Object> out = new ArrayList<>();
        for (PlanScoring.ChoiceValues v : values) {
            out.add(v.cut());
            out.add(v.tile());
            out.add(v.mode());
        }
        return out;
    }

    /** The new values, for tests. */
    List<PlanScoring.ChoiceValues> values() {
        return values;
    }

    /** The kind of move, for tests. */
    StackMoveFactory.Kind kind() {
        return kind;
    }

    /** The new mode of the i-th unit, for tests. */
    OverlapMode mode(int i) {
        return values.get(i).mode();
    }

    @Override
    public String toString() {
        return kind + " " + values;
    }
}
