package org.tessel.search.constraint;

import java.util.List;
import org.optaplanner.core.api.domain.solution.PlanningEntityCollectionProperty;
import org.optaplanner.core.api.domain.solution.PlanningScore;
import org.optaplanner.core.api.domain.solution.PlanningSolution;
import org.optaplanner.core.api.domain.solution.ProblemFactCollectionProperty;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.score.buildin.hardsoftbigdecimal.HardSoftBigDecimalScore;
import org.tessel.model.schedule.OverlapMode;

/**
 * The planning solution: the unit choices and the allowed overlap modes. The score is hard =
 * infeasible stacks, soft = the objective (BigDecimal, because energies and EDPs span many orders of
 * magnitude). Mutable for OptaPlanner, like {@link UnitChoice}.
 */
@PlanningSolution
public class SchedulePlan {

    @ProblemFactCollectionProperty
    @ValueRangeProvider(id = "modeRange")
    private List<OverlapMode> modes;
    @PlanningEntityCollectionProperty
    private List<UnitChoice> units;
    @PlanningScore
    private HardSoftBigDecimalScore score;

    /** For OptaPlanner's cloning. */
    public SchedulePlan() {}

    SchedulePlan(List<OverlapMode> modes, List<UnitChoice> units) {
        this.modes = modes;
        this.units = units;
    }

    /** The allowed modes. */
    public List<OverlapMode> getModes() {
        return modes;
    }

    /** The unit choices. */
    public List<UnitChoice> getUnits() {
        return units;
    }

    /** The score. */
    public HardSoftBigDecimalScore getScore() {
        return score;
    }

    /** Score setter for OptaPlanner. */
    public void setScore(HardSoftBigDecimalScore score) {
        this.score = score;
    }
}
