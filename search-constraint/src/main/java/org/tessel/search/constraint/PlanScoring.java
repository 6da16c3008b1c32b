package org.tessel.search.constraint;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.search.BudgetMeter;
import org.tessel.model.search.ScheduleCost;
import org.tessel.model.search.SchedulePoint;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.SearchProgress;
import org.tessel.model.search.StackCost;
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
    private final BudgetMeter spent;
    private final ToDoubleFunction<ScheduleCost> scalar;
    private final long evaluationLimit;
    private final Incumbent incumbent;
    private final long patience;
    private final StackMemory memory;
    private final TileNeighbours tiles;
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
     * @param memory the best stacks seen by the series, updated here
     * @param tiles the tile geometry of the space
     */
    PlanScoring(SearchProgress progress, ToDoubleFunction<ScheduleCost> scalar, long evaluationLimit,
            Incumbent incumbent, long patience, StackMemory memory, TileNeighbours tiles) {
        this.memory = memory;
        this.tiles = tiles;
        this.progress = progress;
        this.spent = progress.budget();
        this.scalar = scalar;
        this.evaluationLimit = evaluationLimit;
        this.incumbent = incumbent;
        this.patience = patience;
        this.lastImprovement = spent.evaluations();
    }

    void onStop(Runnable stop) {
        this.stop = stop;
    }

    ScheduleSpace space() {
        return progress.space();
    }

    /** The best stacks seen by the series of solves. */
    StackMemory memory() {
        return memory;
    }

    /** The tile geometry of the space. */
    TileNeighbours tiles() {
        return tiles;
    }

    /**
     * Number of infeasible stacks, or a large penalty if the plan could not be evaluated (the
     * budget is spent, or the plan is still partial: partial plans are never costed).
     */
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
        if (snapshot.stream().anyMatch(c -> c.cut() == null || c.tile() == null || c.mode() == null)) {
            return Optional.empty(); // not yet constructed: nothing is costed for a partial plan
        }
        long before = spent.evaluations();
        SchedulePoint point = point(sorted);
        Optional<ScheduleCost> cost = spent.evaluations() < evaluationLimit
                ? progress.evaluateAll(List.of(point)).getFirst()
                : progress.cached(point);
        stalled = spent.evaluations() == before ? stalled + 1 : 0;
        cost.ifPresent(c -> memory.record(space(), point, c, scalar));
        if (cost.isPresent() && cost.get().feasible()) {
            double value = scalar.applyAsDouble(cost.get());
            if (value < solveBest) {
                solveBest = value;
                lastImprovement = spent.evaluations();
            }
            if (value < incumbent.value) {
                incumbent.value = value;
                incumbent.choices = snapshot;
            }
        }
        boolean impatient = patience != Long.MAX_VALUE && spent.evaluations() - lastImprovement >= patience;
        if (!stopped && (spent.exhausted() || spent.evaluations() >= evaluationLimit || stalled >= STALL_LIMIT
                || impatient)) {
            stopped = true;
            stop.run();
        }
        lastChoices = snapshot;
        lastCost = cost;
        return cost;
    }

    /**
     * The objective value of each stack of a plan (units in unit order, all assigned), from the
     * memo; null if the plan has not been costed.
     */
    double[] stackValues(List<UnitChoice> units) {
        Optional<ScheduleCost> cost = progress.cached(point(units));
        if (cost.isEmpty() || cost.get().perStack().isEmpty()) {
            return null;
        }
        List<StackCost> stacks = cost.get().perStack();
        double[] out = new double[stacks.size()];
        for (int s = 0; s < out.length; s++) {
            out[s] = stacks.get(s).feasible() ? scalar.applyAsDouble(ScheduleCost.sum(List.of(stacks.get(s)))) : Double.NaN;
        }
        return out;
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

    /** The point of a complete plan (units in unit order). */
    private SchedulePoint point(List<UnitChoice> sorted) {
        ScheduleSpace space = space();
        List<Boolean> cuts = new ArrayList<>();
        for (int u = 0; u < space.cutPointCount(); u++) {
            cuts.add(sorted.get(u).getCut());
        }
        List<Integer> tiles = new ArrayList<>();
        List<OverlapMode> modes = new ArrayList<>();
        for (UnitSpan span : space.spans(cuts)) {
            UnitChoice last = sorted.get(span.last());
            tiles.add(last.getTile());
            modes.add(last.getMode());
        }
        return new SchedulePoint(cuts, tiles, modes);
    }
}
