package org.tessel.search.constraint;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.search.ScheduleCost;
import org.tessel.model.search.SchedulePoint;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.SearchProgress;
import org.tessel.model.search.UnitSpan;

/**
 * What the constraint streams need to score a plan: the space, the run's {@link SearchProgress}
 * (memo, budget, best-so-far), the scalarisation of the current solve, the incumbent (best plan) of
 * the series of solves, and how to stop the solver when this solve's share of the budget is spent
 * or it has stopped improving. One instance per solve, used only on the solver thread.
 */
final class PlanScoring {

    /** Hard penalty of a plan that could not be evaluated because the budget is spent. */
    static final BigDecimal UNEVALUATED = BigDecimal.valueOf(1_000_000);
    /** Score calculations without a new evaluation after which the solve counts as converged. */
    static final long STALL_LIMIT = 5_000;

    private final SearchProgress progress;
    private final ToDoubleFunction<ScheduleCost> scalar;
    private final long evaluationLimit;
    private final Incumbent incumbent;
    private final long patience;
    private Runnable stop = () -> {};
    private List<ChoiceValues> lastChoices = List.of();
    private Optional<ScheduleCost> lastCost = Optional.empty();
    private long stalled;
    private boolean stopped;
    /** The best scalar value of this solve, and the evaluation count when it was found. */
    private double solveBest = Double.POSITIVE_INFINITY;
    private long lastImprovement;

    /**
     * @param evaluationLimit the evaluation count at which this solve's share of the budget is spent
     * @param incumbent the best plan of the series of solves this one belongs to, updated here
     * @param patience evaluations without a new best of this solve after which it stops
     *     ({@code Long.MAX_VALUE}: never for that reason)
     */
    PlanScoring(SearchProgress progress, ToDoubleFunction<ScheduleCost> scalar, long evaluationLimit,
            Incumbent incumbent, long patience) {
        this.progress = progress;
        this.scalar = scalar;
        this.evaluationLimit = evaluationLimit;
        this.incumbent = incumbent;
        this.patience = patience;
        this.lastImprovement = progress.evaluations();
    }

    void onStop(Runnable stop) {
        this.stop = stop;
    }

    ScheduleSpace space() {
        return progress.space();
    }

    /** Number of infeasible stacks, or a large penalty if the plan could not be evaluated. */
    BigDecimal hardPenalty(List<UnitChoice> choices) {
        return cost(choices).map(c -> BigDecimal.valueOf(c.infeasibleStackCount())).orElse(UNEVALUATED);
    }

    /** The scalarised objective of a feasible plan (0 otherwise: the hard level decides then). */
    BigDecimal softPenalty(List<UnitChoice> choices) {
        return cost(choices).filter(ScheduleCost::feasible).map(c -> BigDecimal.valueOf(scalar.applyAsDouble(c)))
                .orElse(BigDecimal.ZERO);
    }

    /** The cost of the plan, through the memo; both constraints ask for it, so the last one is kept. */
    private Optional<ScheduleCost> cost(List<UnitChoice> choices) {
        List<UnitChoice> sorted = new ArrayList<>(choices);
        sorted.sort(Comparator.comparingInt(UnitChoice::getUnit));
        List<ChoiceValues> snapshot = sorted.stream()
                .map(c -> new ChoiceValues(c.getUnit(), c.getCut(), c.getTile(), c.getMode())).toList();
        if (snapshot.equals(lastChoices)) {
            return lastCost;
        }
        long before = progress.evaluations();
        SchedulePoint point = point(sorted);
        Optional<ScheduleCost> cost = progress.evaluations() < evaluationLimit ? progress.evaluate(point)
                : progress.cached(point);
        stalled = progress.evaluations() == before ? stalled + 1 : 0;
        if (cost.isPresent() && cost.get().feasible()) {
            double value = scalar.applyAsDouble(cost.get());
            if (value < solveBest) {
                solveBest = value;
                lastImprovement = progress.evaluations();
            }
            if (value < incumbent.value) {
                incumbent.value = value;
                incumbent.choices = resolved(sorted);
            }
        }
        boolean impatient = patience != Long.MAX_VALUE && progress.evaluations() - lastImprovement >= patience;
        if (!stopped && (progress.exhausted() || progress.evaluations() >= evaluationLimit || stalled >= STALL_LIMIT
                || impatient)) {
            stopped = true;
            stop.run();
        }
        lastChoices = snapshot;
        lastCost = cost;
        return cost;
    }

    /** The values of one entity, to recognise a plan scored just before. */
    record ChoiceValues(int unit, Boolean cut, Integer tile, OverlapMode mode) {}

    /**
     * The best feasible plan of a series of solves under one scalarisation, shared by their scorings
     * (on the solver thread, one solve after another), so that a restart can start next to it.
     */
    static final class Incumbent {
        /** Its scalar value; +∞ while there is none. */
        double value = Double.POSITIVE_INFINITY;
        /** Its values, one per unit in unit order, all assigned; null while there is none. */
        List<ChoiceValues> choices;
    }

    /** The values of a plan with unassigned variables replaced by the defaults {@link #point} uses. */
    private List<ChoiceValues> resolved(List<UnitChoice> sorted) {
        ScheduleSpace space = space();
        return sorted.stream().map(c -> new ChoiceValues(c.getUnit(),
                c.getUnit() < space.cutPointCount() ? !Boolean.FALSE.equals(c.getCut()) : Boolean.FALSE,
                c.getTile() != null ? c.getTile() : space.tileCandidates(c.getUnit()).size() - 1,
                c.getMode() != null ? c.getMode() : space.modes().getFirst())).toList();
    }

    /** The point of a complete or partial plan; unassigned variables take neutral defaults. */
    private SchedulePoint point(List<UnitChoice> sorted) {
        ScheduleSpace space = space();
        List<Boolean> cuts = new ArrayList<>();
        for (int u = 0; u < space.cutPointCount(); u++) {
            cuts.add(!Boolean.FALSE.equals(sorted.get(u).getCut())); // unassigned: cut (layer by layer), the greedy start
        }
        List<Integer> tiles = new ArrayList<>();
        List<OverlapMode> modes = new ArrayList<>();
        for (UnitSpan span : space.spans(cuts)) {
            UnitChoice last = sorted.get(span.last());
            tiles.add(last.getTile() != null ? last.getTile() : space.tileCandidates(span.last()).size() - 1);
            modes.add(last.getMode() != null ? last.getMode() : space.modes().getFirst());
        }
        return new SchedulePoint(cuts, tiles, modes);
    }
}
