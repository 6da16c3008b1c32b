package org.tessel.search.constraint;

import java.util.List;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.phase.custom.CustomPhaseCommand;
import org.tessel.model.schedule.OverlapMode;

/**
 * The construction phase: gives every unassigned unit the values of a generic plan without
 * costing anything — no cut (the whole network fused, the depth-first starting point), the tile
 * in the middle of the unit's tile grid, and the {@link #startMode start mode}. Only the complete
 * plan is scored, once, when the phase ends. (OptaPlanner's construction heuristics score every
 * partial plan they try, which on the real cost model spent small budgets before local search
 * began.) Units already assigned, as in a restart from a given plan, are left alone.
 */
public class GenericStart implements CustomPhaseCommand<SchedulePlan> {

    /** The middle of a unit's tile grid, in the normalised coordinates of {@link TileNeighbours}. */
    private static final double[] MIDDLE = {0.5, 0.5};

    @Override
    public void changeWorkingSolution(ScoreDirector<SchedulePlan> scoreDirector) {
        List<UnitChoice> units = scoreDirector.getWorkingSolution().getUnits();
        PlanScoring scoring = units.getFirst().scoring();
        for (UnitChoice u : units) {
            if (u.getCut() == null) {
                scoreDirector.beforeVariableChanged(u, "cut");
                u.setCut(Boolean.FALSE);
                scoreDirector.afterVariableChanged(u, "cut");
            }
            if (u.getTile() == null) {
                scoreDirector.beforeVariableChanged(u, "tile");
                u.setTile(scoring.tiles().nearestTo(u.getUnit(), MIDDLE));
                scoreDirector.afterVariableChanged(u, "tile");
            }
            if (u.getMode() == null) {
                scoreDirector.beforeVariableChanged(u, "mode");
                u.setMode(startMode(scoring.space().modes()));
                scoreDirector.afterVariableChanged(u, "mode");
            }
        }
        scoreDirector.triggerVariableListeners();
    }

    /**
     * Fully cached if allowed (it recomputes nothing, the usual depth-first choice), else the first
     * allowed mode.
     */
    static OverlapMode startMode(List<OverlapMode> modes) {
        return modes.contains(OverlapMode.FULLY_CACHED) ? OverlapMode.FULLY_CACHED : modes.getFirst();
    }
}
