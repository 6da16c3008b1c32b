package org.tessel.search.exhaustive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.search.Objective;
import org.tessel.model.search.ScheduleCost;
import org.tessel.model.search.SchedulePoint;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.SearchProgress;
import org.tessel.model.search.StackCost;
import org.tessel.model.search.StackLowerBound;
import org.tessel.model.search.UnitSpan;

/**
 * The dynamic programme over cut points with branch and bound (docs/search.md "Branch and bound"),
 * for an additive objective (energy or latency) and an evaluator with stack lower bounds
 * ({@link StackLowerBound}). Prefix {@code k+1} (units {@code 0..k}) gets the best extension of a
 * shorter prefix by one stack, exactly as in the plain programme, but a stack is costed only if its
 * bound leaves it a chance:
 * <ul>
 * <li><b>locally</b>: candidates for prefix {@code k+1} are costed in order of {@code best[first] +
 *   bound}; once that exceeds the best candidate costed (or equals it with a later key), no
 *   remaining candidate can win;</li>
 * <li><b>globally</b>: {@code best[first] + bound + suffix[k+1] > incumbent}, where {@code suffix[j]}
 *   is the least bound of any completion of units {@code j..}, means no schedule through the stack
 *   beats a schedule already found.</li>
 * </ul>
 * Ties between candidates of the same prefix go to the smallest (first unit, tile index, mode
 * index), which is the plain programme's rule (first found in that order), so the answer is the
 * same schedule bit for bit. A stack in any optimal schedule is never pruned: a global prune needs
 * a bound strictly (by a relative 1e-9) above the incumbent.
 *
 * <p>Where the evaluator has a {@linkplain StackLowerBound#quick() quick bound}, every stack gets
 * the quick one up front (and {@code suffix} is made of quick bounds), and a candidate's full bound
 * is computed only when the quick one has not excluded it, just before it would be costed; the
 * rules above then apply with the full bound.
 *
 * <p>Anytime: the seed schedules of {@link ExhaustiveSearch} give the first incumbent; after each
 * prefix, its best label completed layer by layer is offered. The proven lower bound of the optimum
 * after prefix {@code k+1} is {@code min(incumbent, min over p ≤ k+1 of best[p] + suffix[p])}: every
 * schedule has a stack that starts at some {@code p ≤ k+1} and covers unit {@code k+1}.
 */
final class BranchAndBound {

    /** Stacks bounded per batch between two looks at the wall-time budget. */
    private static final int BOUND_BATCH = 256;

    /** Relative margin of a global prune over the incumbent (floating-point summation order). */
    private static final double PRUNE_MARGIN = 1 + 1e-9;

    /** A schedule of a prefix of the units, as a chain of stacks. */
    private record Label(double energy, long latency, UnitSpan span, int tile, OverlapMode mode, StackCost cost,
            Label previous) {}

    /** A stack that may extend prefix {@code first}: its index in {@code stacks} and its bound value. */
    private record Candidate(int first, int tile, int mode, int index, double bound) {}

    private final SearchProgress progress;
    private final ScheduleSpace space;
    private final Objective objective;
    private final int batch;
    private final int n;
    /** The proven lower bound of the optimum, set when {@link #run} returns. */
    private double lowerBound;

    BranchAndBound(SearchProgress progress, int batch) {
        this.progress = progress;
        this.space = progress.space();
        this.objective = progress.objective();
        this.batch = batch;
        this.n = space.units().count();
        if (!objective.isAdditive()) {
            throw new IllegalArgumentException("branch and bound needs an additive objective, not " + objective);
        }
    }

    /** Runs the search; true if the result is proven optimal. */
    boolean run() {
        // every stack, in the plain programme's order: first unit, last unit, tile, mode
        List<StackSchedule> stacks = new ArrayList<>();
        int[][] offset = new int[n][n];
        for (int first = 0; first < n; first++) {
            for (int last = first; last < n; last++) {
                offset[first][last] = stacks.size();
                for (int t = 0; t < space.tileCandidates(last).size(); t++) {
                    for (OverlapMode m : space.modes()) {
                        stacks.add(space.stack(new UnitSpan(first, last), t, m));
                    }
                }
            }
        }
        Label[] best = new Label[n + 1];
        best[0] = new Label(0, 0, null, -1, null, null, null);
        // anytime: the seeds are the incumbent while the bounds are computed
        offerSeeds(best[0]);
        progress.boundsImproved(0);
        StackLowerBound full = progress.stackLowerBound();
        // with a distinct quick bound, the full one is asked only for candidates that survive the quick
        // one; a run that stops at a target gap wants the tighter proof of full bounds up front
        StackLowerBound quickForm = full.quick();
        boolean lazy = quickForm != full && progress.budget().targetGap() <= 0;
        StackLowerBound quick = lazy ? quickForm : full;
        List<StackCost> lb = new ArrayList<>(stacks.size());
        for (int from = 0; from < stacks.size(); from += BOUND_BATCH) {
            // bounds are cheap but not free: a wall-time budget can end the run between batches
            if (progress.budget().exhausted()) {
                lowerBound = 0;
                return false;
            }
            lb.addAll(progress.computeInParallel(stacks.subList(from, Math.min(stacks.size(), from + BOUND_BATCH)),
                    quick::of));
        }
        // suffix[j]: the least bound of scheduling units j..n-1
        double[] suffix = new double[n + 1];
        for (int j = n - 1; j >= 0; j--) {
            suffix[j] = Double.POSITIVE_INFINITY;
            for (int last = j; last < n; last++) {
                double least = Double.POSITIVE_INFINITY;
                int choices = (int) space.stackChoices(last);
                for (int c = 0; c < choices; c++) {
                    StackCost b = lb.get(offset[j][last] + c);
                    if (b.feasible()) {
                        least = Math.min(least, value(b));
                    }
                }
                suffix[j] = Math.min(suffix[j], least + suffix[last + 1]);
            }
        }
        double proven = Math.min(suffix[0], progress.bestValue());
        progress.boundsImproved(Math.min(proven, progress.bestValue()));
        int modes = space.modes().size();
        for (int k = 0; k < n; k++) {
            double incumbent = progress.bestValue();
            List<Candidate> candidates = new ArrayList<>();
            for (int first = 0; first <= k; first++) {
                if (best[first] == null) {
                    continue;
                }
                double before = value(best[first]);
                int choices = (int) space.stackChoices(k);
                for (int c = 0; c < choices; c++) {
                    int index = offset[first][k] + c;
                    StackCost b = lb.get(index);
                    if (!b.feasible()) {
                        continue;
                    }
                    double bound = before + value(b);
                    if (aboveIncumbent(bound, suffix[k + 1], incumbent)) {
                        continue;
                    }
                    candidates.add(new Candidate(first, c / modes, c % modes, index, bound));
                }
            }
            candidates.sort(Comparator.comparingDouble(Candidate::bound).thenComparingInt(Candidate::first)
                    .thenComparingInt(Candidate::tile).thenComparingInt(Candidate::mode));
            Label chosen = null;
            Candidate chosenKey = null;
            boolean stopped = false;
            int i = 0;
            while (i < candidates.size() && !stopped) {
                List<Candidate> next = new ArrayList<>();
                while (i < candidates.size() && next.size() < batch) {
                    Candidate c = candidates.get(i);
                    if (chosen != null && c.bound() > value(chosen)) {
                        i = candidates.size();
                        break;
                    }
                    i++;
                    if (!cannotWin(c.bound(), c, chosen, chosenKey)) {
                        next.add(c);
                    }
                }
                if (lazy) {
                    next = tighter(next, stacks, full, incumbent, suffix[k + 1], chosen, chosenKey, best);
                }
                List<Optional<StackCost>> costs = progress.evaluateStacks(next.stream().map(c -> stacks.get(c.index())).toList());
                for (int j = 0; j < next.size(); j++) {
                    Optional<StackCost> cost = costs.get(j);
                    if (cost.isEmpty()) {
                        stopped = true;
                        continue;
                    }
                    if (!cost.get().feasible()) {
                        continue;
                    }
                    Candidate c = next.get(j);
                    Label b = best[c.first()];
                    // the plain programme's sums, in the same order
                    Label label = new Label(b.energy() + cost.get().energyPj(),
                            Math.addExact(b.latency(), cost.get().latencyCycles()), new UnitSpan(c.first(), k), c.tile(),
                            space.modes().get(c.mode()), cost.get(), b);
                    if (chosen == null || value(label) < value(chosen)
                            || (value(label) == value(chosen) && before(c, chosenKey))) {
                        chosen = label;
                        chosenKey = c;
                    }
                }
            }
            if (stopped) {
                lowerBound = proven;
                return false;
            }
            best[k + 1] = chosen;
            if (k + 1 < n) {
                offerCompletion(chosen, k + 1);
            }
            double atLeast = Double.POSITIVE_INFINITY;
            for (int p = 0; p <= k + 1; p++) {
                if (best[p] != null) {
                    atLeast = Math.min(atLeast, value(best[p]) + suffix[p]);
                }
            }
            proven = Math.max(proven, Math.min(atLeast, progress.bestValue()));
            progress.boundsImproved(proven);
            double target = progress.budget().targetGap();
            if (target > 0 && k + 1 < n && progress.bestValue() < Double.POSITIVE_INFINITY
                    && (progress.bestValue() - proven) <= target * progress.bestValue()) {
                lowerBound = proven;
                return false;
            }
        }
        lowerBound = progress.bestValue();
        if (best[n] != null) {
            progress.offerOptimum(pointOf(best[n]), space.decode(pointOf(best[n])), sum(best[n]));
            lowerBound = value(best[n]);
        }
        progress.boundsImproved(lowerBound); // proven: the watcher's last gap is zero
        return true;
    }

    /**
     * The candidates of {@code next} that the full bound leaves a chance: each one's full bound
     * (computed in parallel) replaces its quick bound in the global and local rules of
     * {@link #run}.
     */
    private List<Candidate> tighter(List<Candidate> next, List<StackSchedule> stacks, StackLowerBound full,
            double incumbent, double suffixAfter, Label chosen, Candidate chosenKey, Label[] best) {
        List<StackCost> bounds = progress.computeInParallel(next.stream().map(c -> stacks.get(c.index())).toList(), full::of);
        List<Candidate> left = new ArrayList<>();
        for (int j = 0; j < next.size(); j++) {
            Candidate c = next.get(j);
            StackCost b = bounds.get(j);
            if (!b.feasible()) {
                continue;
            }
            double bound = value(best[c.first()]) + value(b);
            if (!aboveIncumbent(bound, suffixAfter, incumbent) && !cannotWin(bound, c, chosen, chosenKey)) {
                left.add(c);
            }
        }
        return left;
    }

    /** The proven lower bound of the optimum when {@link #run} returned (the optimum if it returned true). */
    double lowerBound() {
        return lowerBound;
    }

    /** The global rule: no schedule through a stack with this bound beats the incumbent. */
    private static boolean aboveIncumbent(double bound, double suffixAfter, double incumbent) {
        return bound + suffixAfter > incumbent * PRUNE_MARGIN;
    }

    /** The local rule: a candidate with this bound cannot beat the prefix's best candidate costed so far. */
    private boolean cannotWin(double bound, Candidate c, Label chosen, Candidate chosenKey) {
        return chosen != null && (bound > value(chosen) || (bound == value(chosen) && !before(c, chosenKey)));
    }

    /** The plain programme's tie rule: smallest (first unit, tile, mode) wins. */
    private static boolean before(Candidate a, Candidate b) {
        if (a.first() != b.first()) {
            return a.first() < b.first();
        }
        if (a.tile() != b.tile()) {
            return a.tile() < b.tile();
        }
        return a.mode() < b.mode();
    }

    private double value(StackCost c) {
        return objective == Objective.ENERGY ? c.energyPj() : c.latencyCycles();
    }

    private double value(Label l) {
        return objective == Objective.ENERGY ? l.energy() : l.latency();
    }

    /** The seed schedules as first incumbents: layer by layer, and the whole network fused in every mode. */
    private void offerSeeds(Label root) {
        offerCompletion(root, 0);
        int middle = ExhaustiveSearch.middleTile(space);
        for (OverlapMode m : space.modes()) {
            Optional<StackCost> c = progress.known(space.stack(new UnitSpan(0, n - 1), middle, m));
            if (c.isPresent() && c.get().feasible()) {
                Label l = new Label(c.get().energyPj(), c.get().latencyCycles(), new UnitSpan(0, n - 1), middle, m, c.get(),
                        root);
                SchedulePoint p = pointOf(l);
                progress.offer(p, space.decode(p), sum(l));
            }
        }
    }

    /**
     * Offers prefix label {@code label} (units {@code 0..end-1}) completed by the layer-by-layer seed
     * stacks of units {@code end..}, if they are all costed and feasible: an incumbent for free.
     */
    private void offerCompletion(Label label, int end) {
        if (label == null) {
            return;
        }
        Label l = label;
        for (int u = end; u < n; u++) {
            int whole = ExhaustiveSearch.wholeTile(space, u);
            StackSchedule s = space.stack(new UnitSpan(u, u), whole, space.modes().getFirst());
            Optional<StackCost> c = progress.known(s);
            if (c.isEmpty() || !c.get().feasible()) {
                return;
            }
            l = new Label(l.energy() + c.get().energyPj(), Math.addExact(l.latency(), c.get().latencyCycles()),
                    new UnitSpan(u, u), whole, space.modes().getFirst(), c.get(), l);
        }
        if (value(l) < progress.bestValue()) {
            SchedulePoint p = pointOf(l);
            progress.offer(p, space.decode(p), sum(l));
        }
    }

    private static ScheduleCost sum(Label label) {
        List<StackCost> parts = new ArrayList<>();
        for (Label l = label; l.span() != null; l = l.previous()) {
            parts.addFirst(l.cost());
        }
        return ScheduleCost.sum(parts);
    }

    private SchedulePoint pointOf(Label label) {
        List<Label> chain = new ArrayList<>();
        for (Label l = label; l.span() != null; l = l.previous()) {
            chain.addFirst(l);
        }
        List<Boolean> cuts = new ArrayList<>();
        for (Label l : chain) {
            for (int u = l.span().first(); u < l.span().last(); u++) {
                cuts.add(false);
            }
            if (l.span().last() < n - 1) {
                cuts.add(true);
            }
        }
        return new SchedulePoint(cuts, chain.stream().map(Label::tile).toList(), chain.stream().map(Label::mode).toList());
    }
}
