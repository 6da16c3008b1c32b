package org.tessel.search.constraint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.search.ScheduleCost;
import org.tessel.model.search.SchedulePoint;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.StackCost;
import org.tessel.model.search.UnitSpan;

/**
 * What the solves of one series have learnt about single stacks: per unit span, the best tile and
 * mode seen so far (by the objective of the stack alone). Cut moves use it to give a new stack a
 * tile and mode that already did well for that span, or for the span with the same last unit
 * (same tile candidates) whose first unit is nearest. Filled from the per-stack costs of every
 * scored plan; nothing is evaluated for it.
 */
final class StackMemory {

    private final double[][] value;
    private final int[][] tile;
    private final OverlapMode[][] mode;

    StackMemory(ScheduleSpace space) {
        int n = space.units().count();
        value = new double[n][n];
        tile = new int[n][n];
        mode = new OverlapMode[n][n];
        for (double[] row : value) {
            Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
    }

    /** Records the stacks of a scored plan. */
    void record(ScheduleSpace space, SchedulePoint point, ScheduleCost cost, ToDoubleFunction<ScheduleCost> scalar) {
        List<UnitSpan> spans = space.spans(point.cuts());
        if (cost.perStack().size() != spans.size()) {
            return; // an evaluator without per-stack detail
        }
        for (int s = 0; s < spans.size(); s++) {
            StackCost stack = cost.perStack().get(s);
            if (!stack.feasible()) {
                continue;
            }
            double v = scalar.applyAsDouble(ScheduleCost.sum(List.of(stack)));
            UnitSpan span = spans.get(s);
            if (v < value[span.first()][span.last()]) {
                value[span.first()][span.last()] = v;
                tile[span.first()][span.last()] = point.tiles().get(s);
                mode[span.first()][span.last()] = point.modes().get(s);
            }
        }
    }

    /**
     * The best known tile and mode for a stack over {@code first..last}: that span's own, else that
     * of the known span ending at {@code last} whose first unit is nearest (the earlier on ties);
     * null if no stack ending at {@code last} is known.
     */
    Choice best(int first, int last) {
        for (int d = 0; d <= last; d++) {
            for (int f : new int[] {first - d, first + d}) {
                if (f >= 0 && f <= last && value[f][last] != Double.POSITIVE_INFINITY) {
                    return new Choice(tile[f][last], mode[f][last], f == first);
                }
            }
        }
        return null;
    }

    /**
     * The cheapest plan made only of known stacks (a dynamic programme over the spans recorded,
     * by the sum of their stack values: exact for an additive objective such as energy or latency,
     * a heuristic otherwise), one value per unit in unit order; null while no known stacks cover
     * the network. Values of units that end no stack are those of {@code fill}.
     */
    List<PlanScoring.ChoiceValues> composition(List<PlanScoring.ChoiceValues> fill) {
        int n = value.length;
        double[] best = new double[n + 1];
        int[] from = new int[n + 1];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        best[0] = 0;
        for (int e = 0; e < n; e++) {
            for (int f = 0; f <= e; f++) {
                double v = best[f] + value[f][e];
                if (v < best[e + 1]) {
                    best[e + 1] = v;
                    from[e + 1] = f;
                }
            }
        }
        if (best[n] == Double.POSITIVE_INFINITY) {
            return null;
        }
        List<PlanScoring.ChoiceValues> plan = new ArrayList<>(fill);
        for (int end = n; end > 0; end = from[end]) {
            int f = from[end];
            int e = end - 1;
            for (int u = f; u < e; u++) {
                PlanScoring.ChoiceValues old = plan.get(u);
                plan.set(u, new PlanScoring.ChoiceValues(u, false, old.tile(), old.mode()));
            }
            plan.set(e, new PlanScoring.ChoiceValues(e, e < n - 1, tile[f][e], mode[f][e]));
        }
        return plan;
    }

    /**
     * A tile and mode.
     *
     * @param exact true if known for the very span asked for
     */
    record Choice(int tile, OverlapMode mode, boolean exact) {}
}
