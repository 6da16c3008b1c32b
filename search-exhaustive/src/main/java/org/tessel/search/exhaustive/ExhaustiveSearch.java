package org.tessel.search.exhaustive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.Budget;
import org.tessel.model.search.Objective;
import org.tessel.model.search.ScheduleCost;
import org.tessel.model.search.ScheduleEvaluator;
import org.tessel.model.search.SchedulePoint;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.SearchProgress;
import org.tessel.model.search.SearchResult;
import org.tessel.model.search.SearchStrategy;
import org.tessel.model.search.StackComposition;
import org.tessel.model.search.StackCost;
import org.tessel.model.search.StackLowerBound;
import org.tessel.model.search.TileAxes;
import org.tessel.model.search.UnitSpan;

/**
 * The exact reference: covers the whole schedule space (or proves the rest cannot be better) and
 * returns the optimum, or the whole Pareto front. Ties keep the first schedule found, so the answer
 * is the same for any parallelism; the seed is ignored.
 *
 * <p>The dynamic programme first costs the stacks of a few schedules that are cheap to cost and
 * almost always feasible — layer by layer, and the whole network fused with the middle tile of its
 * grid in every mode — so that a run stopped early by its budget or by the user still has whole
 * schedules to report; a stopped run reports the best schedule composed of the stacks costed so
 * far. These stacks are stacks of the space like any other (each is costed and counted once), so
 * a complete run's answer does not change.
 *
 * @param parallelism threads evaluating batches of schedules or stacks
 * @param method dynamic programming, enumeration, or automatic choice
 */
public record ExhaustiveSearch(int parallelism, ExhaustiveMethod method) implements SearchStrategy {

    /** Points evaluated per batch and thread when enumerating. */
    private static final int BATCH_PER_THREAD = 512;
    /** Stacks evaluated per batch and thread by the dynamic programme: a stack can take seconds. */
    private static final int STACK_BATCH_PER_THREAD = 16;
    /**
     * Stacks costed per batch by branch and bound: small, since a batch's stacks are costed before
     * its results can prune the next ones; fixed, so that the stacks costed do not depend on the
     * number of threads.
     */
    private static final int BOUND_BATCH = 8;

    public ExhaustiveSearch {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1");
        }
    }

    /** Automatic method, one thread per available processor. */
    public static ExhaustiveSearch standard() {
        return new ExhaustiveSearch(Runtime.getRuntime().availableProcessors(), ExhaustiveMethod.AUTO);
    }

    @Override
    public String name() {
        return "exhaustive";
    }

    @Override
    public SearchResult search(ScheduleSpace space, ScheduleEvaluator evaluator, Objective objective, Budget budget,
            long seed) {
        StackComposition composition = evaluator.stackComposition();
        boolean bounded = composition == StackComposition.ADDITIVE && objective.isAdditive()
                && evaluator.stackLowerBound() != StackLowerBound.ZERO;
        boolean bnb = switch (method) {
            case AUTO -> bounded;
            case BRANCH_AND_BOUND -> {
                if (composition != StackComposition.ADDITIVE || !objective.isAdditive()) {
                    throw new IllegalArgumentException("branch and bound needs additive stack costs and an additive objective");
                }
                yield true;
            }
            default -> false;
        };
        boolean dp = switch (method) {
            case AUTO, BRANCH_AND_BOUND -> composition == StackComposition.ADDITIVE;
            case DYNAMIC_PROGRAMMING -> {
                if (composition != StackComposition.ADDITIVE) {
                    throw new IllegalArgumentException("dynamic programming needs an evaluator with additive stack costs");
                }
                yield true;
            }
            case ENUMERATION -> false;
        };
        if (space.cutPointCount() > 62 && !dp) {
            throw new IllegalArgumentException("cannot enumerate 2^" + space.cutPointCount() + " cut subsets");
        }
        try (SearchProgress progress = new SearchProgress(name(), space, evaluator, objective, budget, false, parallelism)) {
            if (bnb) {
                costSeeds(progress);
                BranchAndBound search = new BranchAndBound(progress, BOUND_BATCH);
                boolean complete = search.run();
                return progress.result(complete, search.lowerBound());
            }
            boolean complete = dp ? dynamicProgramme(progress)
                    : switch (composition) {
                        case ADDITIVE -> enumerateComposed(progress);
                        case BOUNDED -> branchAndBound(progress);
                        case OPAQUE -> enumerate(progress);
                    };
            return progress.result(complete);
        }
    }

    // ---- dynamic programming -------------------------------------------------------------------

    /** A schedule of a prefix of the units, as a chain of stacks ending at {@code end}. */
    private record Label(double energy, long latency, UnitSpan span, int tile, OverlapMode mode, StackCost cost,
            Label previous) {}

    /**
     * Forward DP over prefixes: prefix {@code k+1} (units 0..k) is the best — or the
     * (energy, latency)-non-dominated — extension of a shorter prefix by one stack. Exact for
     * additive stacks: energy and latency are both sums, and every objective is monotone in them.
     */
    private boolean dynamicProgramme(SearchProgress progress) {
        ScheduleSpace space = progress.space();
        Objective objective = progress.objective();
        int n = space.units().count();
        costSeeds(progress);
        List<StackSchedule> stacks = new ArrayList<>();
        for (int first = 0; first < n; first++) {
            for (int last = first; last < n; last++) {
                for (int t = 0; t < space.tileCandidates(last).size(); t++) {
                    for (OverlapMode m : space.modes()) {
                        stacks.add(space.stack(new UnitSpan(first, last), t, m));
                    }
                }
            }
        }
        List<Optional<StackCost>> costs = evaluateInBatches(progress, stacks);
        boolean complete = costs.stream().allMatch(Optional::isPresent);
        List<List<Label>> prefix = new ArrayList<>();
        prefix.add(List.of(new Label(0, 0, null, -1, null, null, null)));
        for (int k = 0; k < n; k++) {
            prefix.add(new ArrayList<>());
        }
        int index = 0;
        for (int first = 0; first < n; first++) {
            for (int last = first; last < n; last++) {
                for (int t = 0; t < space.tileCandidates(last).size(); t++) {
                    for (OverlapMode m : space.modes()) {
                        Optional<StackCost> c = costs.get(index++);
                        if (c.isEmpty() || !c.get().feasible()) {
                            continue;
                        }
                        for (Label before : prefix.get(first)) {
                            Label next = new Label(before.energy() + c.get().energyPj(),
                                    Math.addExact(before.latency(), c.get().latencyCycles()), new UnitSpan(first, last), t,
                                    m, c.get(), before);
                            insert(prefix.get(last + 1), next, objective);
                        }
                    }
                }
            }
        }
        for (Label label : prefix.get(n)) {
            offer(progress, label);
        }
        return complete;
    }

    /**
     * Costs the seed schedules' stacks (see the class comment). Layer by layer comes first and
     * even if the wall time is already up: it is the cheapest whole schedule to cost (one tile per
     * layer) and feasible unless the hierarchy is too small for a layer. The fused stacks follow
     * while the budget lasts; first, if the evaluation budget cannot hold layer by layer.
     */
    private static void costSeeds(SearchProgress progress) {
        ScheduleSpace space = progress.space();
        int n = space.units().count();
        List<StackSchedule> layerByLayer = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            layerByLayer.add(space.stack(new UnitSpan(u, u), wholeTile(space, u), space.modes().getFirst()));
        }
        int middle = middleTile(space);
        List<StackSchedule> fused = space.modes().stream().map(m -> space.stack(new UnitSpan(0, n - 1), middle, m)).toList();
        if (progress.budget().evaluationsLeft() >= layerByLayer.size()) {
            progress.evaluateStacksDespiteTime(layerByLayer);
            progress.evaluateStacks(fused);
        } else {
            progress.evaluateStacksDespiteTime(fused);
            progress.evaluateStacks(layerByLayer);
        }
    }

    /** The tile index of the seed stack of unit {@code u} alone: the whole output (else the last candidate). */
    static int wholeTile(ScheduleSpace space, int u) {
        int whole = space.tileCandidates(u).indexOf(TileSize.wholeOutput());
        return whole >= 0 ? whole : space.tileCandidates(u).size() - 1;
    }

    /** The tile index of the fused seed stacks: the middle of the last unit's grid. */
    static int middleTile(ScheduleSpace space) {
        TileAxes axes = TileAxes.of(space, space.units().count() - 1);
        return axes.candidate(axes.widthCount() / 2, axes.heightCount() / 2);
    }

    /**
     * The stacks' costs, evaluated batch by batch so that a wall-time budget can stop the run
     * between batches (one batch would only check it once); budget and order as in one call. Once
     * the budget is spent, stacks costed before (the seeds) are still looked up, so that a stopped
     * run composes its schedules from every stack it has.
     */
    private List<Optional<StackCost>> evaluateInBatches(SearchProgress progress, List<StackSchedule> stacks) {
        int batch = STACK_BATCH_PER_THREAD * parallelism;
        List<Optional<StackCost>> costs = new ArrayList<>(stacks.size());
        for (int from = 0; from < stacks.size(); from += batch) {
            costs.addAll(progress.evaluateStacks(stacks.subList(from, Math.min(stacks.size(), from + batch))));
        }
        return costs;
    }

    /** Keeps the best label (additive objectives) or the non-dominated ones; first found wins ties. */
    private static void insert(List<Label> labels, Label next, Objective objective) {
        if (objective.isAdditive()) {
            double value = objective == Objective.ENERGY ? next.energy() : next.latency();
            if (labels.isEmpty()) {
                labels.add(next);
            } else {
                Label best = labels.getFirst();
                double bestValue = objective == Objective.ENERGY ? best.energy() : best.latency();
                if (value < bestValue) {
                    labels.set(0, next);
                }
            }
            return;
        }
        for (Label l : labels) {
            if (l.energy() <= next.energy() && l.latency() <= next.latency()) {
                return;
            }
        }
        labels.removeIf(l -> next.energy() <= l.energy() && next.latency() <= l.latency());
        labels.add(next);
    }

    private static void offer(SearchProgress progress, Label label) {
        List<Label> chain = new ArrayList<>();
        for (Label l = label; l.span() != null; l = l.previous()) {
            chain.addFirst(l);
        }
        ScheduleSpace space = progress.space();
        List<Boolean> cuts = new ArrayList<>();
        for (Label l : chain) {
            for (int u = l.span().first(); u < l.span().last(); u++) {
                cuts.add(false);
            }
            if (l.span().last() < space.units().count() - 1) {
                cuts.add(true);
            }
        }
        SchedulePoint point = new SchedulePoint(cuts, chain.stream().map(Label::tile).toList(),
                chain.stream().map(Label::mode).toList());
        progress.offer(point, space.decode(point), ScheduleCost.sum(chain.stream().map(Label::cost).toList()));
    }

    // ---- enumeration ---------------------------------------------------------------------------

    /** The cut flags of partition {@code mask} (bit u = cut after unit u). */
    private static List<Boolean> cuts(ScheduleSpace space, long mask) {
        List<Boolean> cuts = new ArrayList<>();
        for (int u = 0; u < space.cutPointCount(); u++) {
            cuts.add((mask >>> u & 1) == 1);
        }
        return cuts;
    }

    /** Radix of each stack's choice digit (tile-major, mode-minor). */
    private static long[] radices(ScheduleSpace space, List<UnitSpan> spans) {
        return spans.stream().mapToLong(s -> space.stackChoices(s.last())).toArray();
    }

    /** The point of a partition with choice digits {@code digits}. */
    private static SchedulePoint point(ScheduleSpace space, List<Boolean> cuts, long[] digits) {
        int modes = space.modes().size();
        List<Integer> tiles = new ArrayList<>();
        List<OverlapMode> stackModes = new ArrayList<>();
        for (long d : digits) {
            tiles.add((int) (d / modes));
            stackModes.add(space.modes().get((int) (d % modes)));
        }
        return new SchedulePoint(cuts, tiles, stackModes);
    }

    /** Advances mixed-radix digits, last stack fastest; false after the last combination. */
    private static boolean next(long[] digits, long[] radices) {
        for (int i = digits.length - 1; i >= 0; i--) {
            if (++digits[i] < radices[i]) {
                return true;
            }
            digits[i] = 0;
        }
        return false;
    }

    /** Opaque evaluator: every point is evaluated, in batches evaluated in parallel. */
    private boolean enumerate(SearchProgress progress) {
        ScheduleSpace space = progress.space();
        int batch = BATCH_PER_THREAD * parallelism;
        List<SchedulePoint> pending = new ArrayList<>(batch);
        for (long mask = 0; mask < 1L << space.cutPointCount(); mask++) {
            List<Boolean> cuts = cuts(space, mask);
            long[] radices = radices(space, space.spans(cuts));
            long[] digits = new long[radices.length];
            do {
                pending.add(point(space, cuts, digits));
                if (pending.size() == batch) {
                    if (progress.budget().exhausted()) {
                        return false;
                    }
                    progress.evaluateAll(pending);
                    pending.clear();
                }
            } while (next(digits, radices));
        }
        if (!pending.isEmpty()) {
            if (progress.budget().exhausted()) {
                return false;
            }
            progress.evaluateAll(pending);
        }
        return !progress.budget().exhausted() || progress.budget().evaluations() == space.size().longValueExact();
    }

    /** The memoised costs of every (tile, mode) choice of each span, in digit order. */
    private static List<List<StackCost>> stackCosts(SearchProgress progress, List<UnitSpan> spans) {
        ScheduleSpace space = progress.space();
        List<StackSchedule> stacks = new ArrayList<>();
        for (UnitSpan s : spans) {
            for (int t = 0; t < space.tileCandidates(s.last()).size(); t++) {
                for (OverlapMode m : space.modes()) {
                    stacks.add(space.stack(s, t, m));
                }
            }
        }
        List<Optional<StackCost>> costs = progress.evaluateStacks(stacks);
        if (costs.stream().anyMatch(Optional::isEmpty)) {
            return null;
        }
        List<List<StackCost>> out = new ArrayList<>();
        int i = 0;
        for (UnitSpan s : spans) {
            int count = (int) space.stackChoices(s.last());
            out.add(costs.subList(i, i + count).stream().map(Optional::get).toList());
            i += count;
        }
        return out;
    }

    /**
     * Additive evaluator, brute force: every schedule's cost is composed from memoised stack
     * costs (each stack evaluated once), which makes this the check of the dynamic programme.
     */
    private boolean enumerateComposed(SearchProgress progress) {
        ScheduleSpace space = progress.space();
        for (long mask = 0; mask < 1L << space.cutPointCount(); mask++) {
            List<Boolean> cuts = cuts(space, mask);
            List<UnitSpan> spans = space.spans(cuts);
            List<List<StackCost>> costs = stackCosts(progress, spans);
            if (costs == null) {
                return false;
            }
            long[] radices = radices(space, spans);
            long[] digits = new long[radices.length];
            StackCost[] chosen = new StackCost[spans.size()];
            do {
                for (int s = 0; s < chosen.length; s++) {
                    chosen[s] = costs.get(s).get((int) digits[s]);
                }
                ScheduleCost cost = ScheduleCost.sum(Arrays.asList(chosen));
                if (cost.feasible() && mayImprove(progress, cost)) {
                    SchedulePoint p = point(space, cuts, digits);
                    progress.offer(p, space.decode(p), cost);
                }
            } while (next(digits, radices));
        }
        return true;
    }

    /** Cheap pre-check before decoding a point: could this cost enter the result? */
    private static boolean mayImprove(SearchProgress progress, ScheduleCost cost) {
        Objective o = progress.objective();
        return o.isPareto() || o.value(cost) < progress.bestValue();
    }

    /** A partition with its lower bound, for branch and bound. */
    private record Partition(long mask, List<Boolean> cuts, List<UnitSpan> spans, List<List<StackCost>> costs,
            ScheduleCost bound) {}

    /**
     * Bounded evaluator: partitions are visited in order of their lower bound (the sum of the
     * cheapest stack choices); a partition, or a point, whose stack costs alone cannot beat the best
     * (or are weakly dominated by the front) is skipped without evaluating it.
     */
    private boolean branchAndBound(SearchProgress progress) {
        ScheduleSpace space = progress.space();
        List<Partition> partitions = new ArrayList<>();
        for (long mask = 0; mask < 1L << space.cutPointCount(); mask++) {
            List<Boolean> cuts = cuts(space, mask);
            List<UnitSpan> spans = space.spans(cuts);
            List<List<StackCost>> costs = stackCosts(progress, spans);
            if (costs == null) {
                return false;
            }
            partitions.add(new Partition(mask, cuts, spans, costs, cheapest(costs)));
        }
        Objective objective = progress.objective();
        partitions.sort(Comparator.comparingDouble((Partition p) -> objective.value(p.bound())).thenComparingLong(Partition::mask));
        int batch = BATCH_PER_THREAD * parallelism;
        for (Partition part : partitions) {
            if (!part.bound().feasible() || pruned(progress, part.bound())) {
                continue;
            }
            long[] radices = radices(space, part.spans());
            long[] digits = new long[radices.length];
            StackCost[] chosen = new StackCost[radices.length];
            List<SchedulePoint> pending = new ArrayList<>();
            boolean more = true;
            while (more) {
                for (int s = 0; s < chosen.length; s++) {
                    chosen[s] = part.costs().get(s).get((int) digits[s]);
                }
                ScheduleCost bound = ScheduleCost.sum(Arrays.asList(chosen));
                if (bound.feasible() && !pruned(progress, bound)) {
                    pending.add(point(space, part.cuts(), digits));
                }
                more = next(digits, radices);
                if (pending.size() == batch || (!more && !pending.isEmpty())) {
                    if (progress.budget().exhausted()) {
                        return false;
                    }
                    progress.evaluateAll(pending);
                    pending.clear();
                }
            }
        }
        return !progress.budget().exhausted();
    }

    /** The lower bound of a partition: cheapest energy and cheapest latency of each stack, summed. */
    private static ScheduleCost cheapest(List<List<StackCost>> costs) {
        double energy = 0;
        long latency = 0;
        for (List<StackCost> choices : costs) {
            List<StackCost> feasible = choices.stream().filter(StackCost::feasible).toList();
            if (feasible.isEmpty()) {
                return ScheduleCost.infeasible();
            }
            energy += feasible.stream().mapToDouble(StackCost::energyPj).min().orElseThrow();
            latency += feasible.stream().mapToLong(StackCost::latencyCycles).min().orElseThrow();
        }
        return new ScheduleCost(energy, latency, true, List.of());
    }

    /** True if nothing costing at least {@code bound} can enter the result. */
    private static boolean pruned(SearchProgress progress, ScheduleCost bound) {
        Objective o = progress.objective();
        if (!o.isPareto()) {
            return o.value(bound) >= progress.bestValue();
        }
        return progress.weaklyDominated(bound);
    }
}
