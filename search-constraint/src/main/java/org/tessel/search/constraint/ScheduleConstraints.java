package org.tessel.search.constraint;

import java.util.List;
import org.optaplanner.core.api.score.buildin.hardsoftbigdecimal.HardSoftBigDecimalScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintCollectors;
import org.optaplanner.core.api.score.stream.ConstraintFactory;
import org.optaplanner.core.api.score.stream.ConstraintProvider;

/**
 * The constraints, as bavet constraint streams. The cost of a schedule is not a sum over
 * entities (the evaluator is a black box), so both constraints gather all unit choices into one
 * group and cost the whole plan, through the memoised {@link PlanScoring}: a hard constraint for
 * infeasible stacks, a soft one for the objective. A plan with unassigned variables is not
 * costed: it only gets the hard penalty of an unevaluated plan.
 */
public class ScheduleConstraints implements ConstraintProvider {

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {
            factory.forEachIncludingNullVars(UnitChoice.class)
                    .groupBy(ConstraintCollectors.toList())
                    .penalizeBigDecimal(HardSoftBigDecimalScore.ONE_HARD, choices -> scoring(choices).hardPenalty(choices))
                    .asConstraint("infeasible stacks"),
            factory.forEachIncludingNullVars(UnitChoice.class)
                    .groupBy(ConstraintCollectors.toList())
                    .penalizeBigDecimal(HardSoftBigDecimalScore.ONE_SOFT, choices -> scoring(choices).softPenalty(choices))
                    .asConstraint("objective")
        };
    }

    private static PlanScoring scoring(List<UnitChoice> choices) {
        return choices.getFirst().scoring();
    }
}
