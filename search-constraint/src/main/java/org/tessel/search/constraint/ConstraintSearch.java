package org.tessel.search.constraint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.optaplanner.core.api.score.stream.ConstraintStreamImplType;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.heuristic.selector.common.SelectionOrder;
import org.optaplanner.core.config.heuristic.selector.move.factory.MoveIteratorFactoryConfig;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import org.optaplanner.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import org.optaplanner.core.config.phase.custom.CustomPhaseConfig;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;
import org.optaplanner.core.config.solver.termination.TerminationConfig;
import org.tessel.model.search.Budget;
import org.tessel.model.search.BudgetMeter;
import org.tessel.model.search.Objective;
import org.tessel.model.search.ScheduleCost;
import org.tessel.model.search.ScheduleEvaluator;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.SearchProgress;
import org.tessel.model.search.SearchResult;
import org.tessel.model.search.SearchStrategy;

/**
 * The schedule space as an OptaPlanner planning problem: one {@link UnitChoice} entity per
 * undividable unit with cut, tile and mode as planning variables, scored by bavet constraint
 * streams (hard: infeasible stacks; soft: the objective). Budgets are counted in stacks costed
 * (see {@link SearchProgress}), so the search is built to need few new stacks:
 * <ul>
 *   <li>construction ({@link GenericStart}, a custom phase) costs nothing but its result: the whole
 *       network fused, the middle of the tile grid, fully cached — one stack;
 *   <li>local search (late acceptance, history {@value #LATE_ACCEPTANCE}) draws only moves that
 *       change stacks, one or two at a time ({@link StackMoveFactory}): steps to a neighbouring tile
 *       in width/height ({@link TileNeighbours}, where the cost landscape is smooth), mode changes,
 *       merges, splits and shifts of cuts whose new stacks take the best tile and mode seen for
 *       that span or its nearest relative ({@link StackMemory}), random jumps, and recombination
 *       into the cheapest plan made of stacks already costed (free: stacks add up);
 *   <li>every solve stops after {@value #PATIENCE} stacks costed without a new best of its own;
 *       the next one restarts alternately from the recombined best plan perturbed by a few random
 *       moves (intensification) and from random cuts whose stacks take the best known tiles
 *       (diversification). Deceptive landscapes, where every step away from the greedy local
 *       optimum is uphill, are only left by such jumps.
 * </ul>
 *
 * <p>The Pareto objective is approached by several solves with the scale-free scalarisations
 * {@code energy^a · latency^(1-a)} for {@code a} in {@code weights}, each with an equal share of
 * the budget; the front is the non-dominated set of everything evaluated.
 *
 * <p>Deterministic for a seed: environment mode REPRODUCIBLE with a fixed random seed, one solver
 * thread, and the budget counted by {@link SearchProgress} on that thread.
 *
 * @param paretoWeights the exponents {@code a} of the Pareto scalarisations
 */
public record ConstraintSearch(List<Double> paretoWeights) implements SearchStrategy {

    /** Local-search steps without a new best after which a solve restarts. */
    private static final int UNIMPROVED_STEPS = 1500;
    /**
     * Late-acceptance history length: short, so that a solve walks downhill almost greedily (every
     * new stack tried costs budget) yet crosses small bumps of the tile landscape.
     */
    private static final int LATE_ACCEPTANCE = 20;
    /**
     * Evaluations (stacks costed) without a new best of its own after which a solve gives up: a
     * probe of a basin, continued only while it pays.
     */
    static final long PATIENCE = 200;
    /** At most this many random moves perturb the recombined best plan for a restart. */
    private static final int PERTURBATION_MOVES = 3;
    /** The moves a perturbed restart makes at random. */
    private static final List<StackMoveFactory.Kind> PERTURBATIONS = List.of(StackMoveFactory.Kind.SPLIT,
            StackMoveFactory.Kind.MERGE, StackMoveFactory.Kind.SHIFT, StackMoveFactory.Kind.JUMP,
            StackMoveFactory.Kind.TILE_AND_MODE);

    public ConstraintSearch {
        paretoWeights = List.copyOf(paretoWeights);
        if (paretoWeights.isEmpty()) {
            throw new IllegalArgumentException("need at least one Pareto weight");
        }
    }

    /** Five Pareto scalarisations from latency only to energy only. */
    public static ConstraintSearch standard() {
        return new ConstraintSearch(List.of(1.0, 0.75, 0.5, 0.25, 0.0));
    }

    @Override
    public String name() {
        return "constraint";
    }

    @Override
    public SearchResult search(ScheduleSpace space, ScheduleEvaluator evaluator, Objective objective, Budget budget,
            long seed) {
        try (SearchProgress progress = new SearchProgress(name(), space, evaluator, objective, budget, true, 1)) {
            if (!objective.isPareto()) {
                restarts(progress, objective::value, budget.maxEvaluations(), seed);
            } else {
                int runs = paretoWeights.size();
                BudgetMeter spent = progress.budget();
                for (int i = 0; i < runs && !spent.exhausted(); i++) {
                    double a = paretoWeights.get(i);
                    long limit = budget.limitsEvaluations()
                            ? spent.evaluations() + (budget.maxEvaluations() - spent.evaluations()) / (runs - i)
                            : Long.MAX_VALUE;
                    ToDoubleFunction<ScheduleCost> scalar =
                            c -> Math.pow(c.energyPj(), a) * Math.pow(Math.max(1, c.latencyCycles()), 1 - a);
                    restarts(progress, scalar, limit, seed + 1000L * i);
                }
            }
            return progress.result(false);
        }
    }

    /**
     * Solves until {@code evaluationLimit} (or the budget) is reached: first from the generic
     * construction, then, whenever local search stalls, again from the recombined best plan of this
     * series perturbed by 1 to {@value #PERTURBATION_MOVES} random moves (odd restarts) or from a
     * random plan (even restarts). Stops early if three solves in a row cost nothing new.
     */
    private static void restarts(SearchProgress progress, ToDoubleFunction<ScheduleCost> scalar, long evaluationLimit,
            long seed) {
        ScheduleSpace space = progress.space();
        Random random = new Random(seed);
        PlanScoring.Incumbent incumbent = new PlanScoring.Incumbent();
        StackMemory memory = new StackMemory(space);
        TileNeighbours tiles = new TileNeighbours(space);
        BudgetMeter spent = progress.budget();
        int fruitless = 0;
        for (int restart = 0; !spent.exhausted() && spent.evaluations() < evaluationLimit && fruitless < 3; restart++) {
            long before = spent.evaluations();
            List<PlanScoring.ChoiceValues> start;
            int perturbation = 0;
            if (restart == 0) {
                start = null;
            } else if (restart % 2 == 1 && incumbent.choices != null) {
                List<PlanScoring.ChoiceValues> composed = memory.composition(incumbent.choices);
                start = composed != null ? composed : incumbent.choices;
                perturbation = 1 + random.nextInt(PERTURBATION_MOVES);
            } else {
                start = randomPlan(space, memory, random);
            }
            solve(progress, scalar, evaluationLimit, start, perturbation, random, incumbent, memory, tiles, seed + restart);
            fruitless = spent.evaluations() == before ? fruitless + 1 : 0;
        }
    }

    /**
     * A plan with random cuts at a random density (stack depths from fully fused to layer by layer
     * get tried); each stack takes the best tile and mode known for its span or the nearest known
     * span with the same last unit, else random ones.
     */
    private static List<PlanScoring.ChoiceValues> randomPlan(ScheduleSpace space, StackMemory memory, Random random) {
        double density = random.nextDouble();
        List<PlanScoring.ChoiceValues> plan = new ArrayList<>();
        int first = 0;
        for (int u = 0; u < space.units().count(); u++) {
            PlanScoring.ChoiceValues choice = randomChoice(space, u, density, random);
            if (choice.cut() || u == space.units().count() - 1) {
                StackMemory.Choice known = memory.best(first, u);
                if (known != null) {
                    choice = new PlanScoring.ChoiceValues(u, choice.cut(), known.tile(), known.mode());
                }
                first = u + 1;
            }
            plan.add(choice);
        }
        return plan;
    }

    /** Random values for unit {@code u}: cut with probability {@code density} (never after the last unit). */
    private static PlanScoring.ChoiceValues randomChoice(ScheduleSpace space, int u, double density, Random random) {
        boolean cut = u < space.cutPointCount() && random.nextDouble() < density;
        int tile = random.nextInt(space.tileCandidates(u).size());
        return new PlanScoring.ChoiceValues(u, cut, tile, space.modes().get(random.nextInt(space.modes().size())));
    }

    /**
     * One solve: from {@code start} (all values assigned) changed by {@code perturbation} random
     * moves, or by construction if it is null.
     */
    private static void solve(SearchProgress progress, ToDoubleFunction<ScheduleCost> scalar, long evaluationLimit,
            List<PlanScoring.ChoiceValues> start, int perturbation, Random random, PlanScoring.Incumbent incumbent,
            StackMemory memory, TileNeighbours tiles, long seed) {
        ScheduleSpace space = progress.space();
        PlanScoring scoring = new PlanScoring(progress, scalar, evaluationLimit, incumbent, PATIENCE, memory, tiles);
        List<UnitChoice> units = new ArrayList<>();
        for (int u = 0; u < space.units().count(); u++) {
            UnitChoice choice = new UnitChoice(u, u == space.units().count() - 1, space.tileCandidates(u).size(), scoring);
            if (start != null) {
                choice.setCut(start.get(u).cut());
                choice.setTile(start.get(u).tile());
                choice.setMode(start.get(u).mode());
            }
            units.add(choice);
        }
        for (int i = 0; i < perturbation; i++) {
            PlanMove move = StackMoveFactory.draw(PERTURBATIONS.get(random.nextInt(PERTURBATIONS.size())), units, random);
            for (int k = 0; k < move.getPlanningEntities().size(); k++) {
                UnitChoice u = move.getPlanningEntities().get(k);
                PlanScoring.ChoiceValues v = move.values().get(k);
                u.setCut(v.cut());
                u.setTile(v.tile());
                u.setMode(v.mode());
            }
        }
        TerminationConfig termination = new TerminationConfig();
        Duration left = progress.budget().timeLeft();
        if (!left.equals(Budget.NO_TIME_LIMIT)) {
            // OptaPlanner refuses limits finer than a millisecond; at least 1 ms, it must be positive
            termination.setSpentLimit(Duration.ofMillis(Math.max(1, left.toMillis())));
        }
        SolverConfig config = new SolverConfig()
                .withSolutionClass(SchedulePlan.class)
                .withEntityClasses(UnitChoice.class)
                .withConstraintProviderClass(ScheduleConstraints.class)
                .withConstraintStreamImplType(ConstraintStreamImplType.BAVET)
                .withEnvironmentMode(EnvironmentMode.REPRODUCIBLE)
                .withRandomSeed(seed)
                .withTerminationConfig(termination)
                .withPhases(new CustomPhaseConfig().withCustomPhaseCommandClassList(List.of(GenericStart.class)),
                        new LocalSearchPhaseConfig()
                                .withMoveSelectorConfig(new MoveIteratorFactoryConfig()
                                        .withMoveIteratorFactoryClass(StackMoveFactory.class)
                                        .withSelectionOrder(SelectionOrder.RANDOM))
                                .withAcceptorConfig(new LocalSearchAcceptorConfig().withLateAcceptanceSize(LATE_ACCEPTANCE))
                                .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1))
                                // a solve that stops improving is done: the next restart explores elsewhere
                                .withTerminationConfig(
                                        new TerminationConfig().withUnimprovedStepCountLimit(UNIMPROVED_STEPS)));
        Solver<SchedulePlan> solver = SolverFactory.<SchedulePlan>create(config).buildSolver();
        scoring.onStop(solver::terminateEarly);
        solver.solve(new SchedulePlan(space.modes(), units));
    }
}
