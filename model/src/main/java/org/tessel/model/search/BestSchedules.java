package org.tessel.model.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tessel.model.schedule.Schedule;

/**
 * The best feasible schedules offered so far: the one best schedule for a single objective (the
 * first offered wins ties), or the (energy, latency)-non-dominated ones for a Pareto objective (a
 * schedule costing the same as one kept is not added). Not thread-safe.
 */
public final class BestSchedules {

    private final Objective objective;
    private final List<EvaluatedSchedule> kept = new ArrayList<>();

    public BestSchedules(Objective objective) {
        this.objective = objective;
    }

    /**
     * Keeps a schedule if it is feasible and better than (or, for Pareto, not dominated by) those
     * kept; true if it was kept.
     */
    public boolean offer(SchedulePoint point, Schedule schedule, ScheduleCost cost) {
        return offer(point, schedule, cost, false);
    }

    /**
     * {@link #offer(SchedulePoint, Schedule, ScheduleCost)}; with {@code winsTies} a single-objective
     * schedule as good as the kept one replaces it (a search's own tie rule decides which optimum it
     * reports, not the order in which incumbents were found).
     */
    public boolean offer(SchedulePoint point, Schedule schedule, ScheduleCost cost, boolean winsTies) {
        if (!cost.feasible()) {
            return false;
        }
        if (objective.isPareto()) {
            for (EvaluatedSchedule e : kept) {
                if (e.cost().dominates(cost) || (e.cost().energyPj() == cost.energyPj()
                        && e.cost().latencyCycles() == cost.latencyCycles())) {
                    return false;
                }
            }
            kept.removeIf(e -> cost.dominates(e.cost()));
        } else if (kept.isEmpty() || objective.value(cost) < objective.value(kept.getFirst().cost())
                || (winsTies && objective.value(cost) == objective.value(kept.getFirst().cost()))) {
            kept.clear();
        } else {
            return false;
        }
        kept.add(new EvaluatedSchedule(point, schedule, cost));
        return true;
    }

    /**
     * True if a kept schedule is at least as good as {@code cost} in both energy and latency, i.e.
     * nothing costing {@code cost} or more could join a Pareto front.
     */
    public boolean weaklyDominated(ScheduleCost cost) {
        return kept.stream().anyMatch(e -> e.cost().energyPj() <= cost.energyPj()
                && e.cost().latencyCycles() <= cost.latencyCycles());
    }

    /** The schedules kept, in order of increasing energy, then latency. */
    public List<EvaluatedSchedule> sorted() {
        List<EvaluatedSchedule> sorted = new ArrayList<>(kept);
        sorted.sort(Comparator.comparingDouble((EvaluatedSchedule e) -> e.cost().energyPj())
                .thenComparingLong(e -> e.cost().latencyCycles()));
        return sorted;
    }
}
