package org.tessel.search.constraint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.optaplanner.core.api.score.stream.ConstraintStreamImplType;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;
import org.optaplanner.core.config.solver.termination.TerminationConfig;
import org.tessel.model.search.Budget;
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
 * streams (hard: infeasible stacks; soft: the objective). A first-fit construction heuristic is
 * followed by late-acceptance local search until it stalls; then, until the budget is spent, short
 * late-acceptance solves restart alternately from a perturbed copy of the best plan so far (a few
 * units re-randomised: intensification, ruin-and-recreate style) and from a seeded random plan
 * (diversification). A restart runs on while it keeps improving and stops after
 * {@value #RESTART_PATIENCE} evaluations without a new best of its own, so that many basins get
 * probed: deceptive landscapes, where every step away from the greedy local optimum is uphill, are
 * only left by such jumps.
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
     * Evaluations without a new best of its own after which a restart (not the first solve, which
     * converges fully) gives up: a probe of a basin, continued only while it pays.
     */
    static final long RESTART_PATIENCE = 200;
    /** At most this many units of the best plan are re-randomised for a perturbed restart. */
    private static final int PERTURBED_UNITS = 3;

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
                for (int i = 0; i < runs && !progress.exhausted(); i++) {
                    double a = paretoWeights.get(i);
                    long limit = budget.limitsEvaluations()
                            ? progress.evaluations() + (budget.maxEvaluations() - progress.evaluations()) / (runs - i)
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
     * Solves until {@code evaluationLimit} (or the budget) is reached: first from a first-fit
     * construction, then, whenever local search stalls in a local optimum, again from a perturbed
     * copy of the best plan of this series (odd restarts) or from a random plan (even restarts).
     * Stops early if three solves in a row evaluate nothing new.
     */
    private static void restarts(SearchProgress progress, ToDoubleFunction<ScheduleCost> scalar, long evaluationLimit,
            long seed) {
        ScheduleSpace space = progress.space();
        Random random = new Random(seed);
        PlanScoring.Incumbent incumbent = new PlanScoring.Incumbent();
        int fruitless = 0;
        for (int restart = 0; !progress.exhausted() && progress.evaluations() < evaluationLimit && fruitless < 3; restart++) {
            long before = progress.evaluations();
            List<PlanScoring.ChoiceValues> start;
            if (restart == 0) {
                start = null;
            } else if (restart % 2 == 1 && incumbent.choices != null) {
                start = perturbed(space, incumbent.choices, random);
            } else {
                start = randomPlan(space, random);
            }
            solve(progress, scalar, evaluationLimit, start, incumbent, seed + restart);
            fruitless = progress.evaluations() == before ? fruitless + 1 : 0;
        }
    }

    /** A random plan with a random cut density: stack depths from fully fused to layer by layer get tried. */
    private static List<PlanScoring.ChoiceValues> randomPlan(ScheduleSpace space, Random random) {
        double density = random.nextDouble();
        List<PlanScoring.ChoiceValues> plan = new ArrayList<>();
        for (int u = 0; u < space.units().count(); u++) {
            plan.add(randomChoice(space, u, density, random));
        }
        return plan;
    }

    /** The best plan with 1 to {@value #PERTURBED_UNITS} units (drawn with repetition) re-randomised. */
    private static List<PlanScoring.ChoiceValues> perturbed(ScheduleSpace space, List<PlanScoring.ChoiceValues> best,
            Random random) {
        List<PlanScoring.ChoiceValues> plan = new ArrayList<>(best);
        int k = 1 + random.nextInt(Math.min(PERTURBED_UNITS, plan.size()));
        for (int i = 0; i < k; i++) {
            int u = random.nextInt(plan.size());
            plan.set(u, randomChoice(space, u, 0.5, random));
        }
        return plan;
    }

    /** Random values for unit {@code u}: cut with probability {@code density} (never after the last unit). */
    private static PlanScoring.ChoiceValues randomChoice(ScheduleSpace space, int u, double density, Random random) {
        boolean cut = u < space.cutPointCount() && random.nextDouble() < density;
        int tile = random.nextInt(space.tileCandidates(u).size());
        return new PlanScoring.ChoiceValues(u, cut, tile, space.modes().get(random.nextInt(space.modes().size())));
    }

    /** One solve: from {@code start} (all values assigned), or by construction if it is null. */
    private static void solve(SearchProgress progress, ToDoubleFunction<ScheduleCost> scalar, long evaluationLimit,
            List<PlanScoring.ChoiceValues> start, PlanScoring.Incumbent incumbent, long seed) {
        ScheduleSpace space = progress.space();
        PlanScoring scoring = new PlanScoring(progress, scalar, evaluationLimit, incumbent,
                start == null ? Long.MAX_VALUE : RESTART_PATIENCE);
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
        TerminationConfig termination = new TerminationConfig();
        Duration left = progress.timeLeft();
        if (!left.equals(Budget.NO_TIME_LIMIT)) {
            termination.setSpentLimit(left);
        }
        SolverConfig config = new SolverConfig()
                .withSolutionClass(SchedulePlan.class)
                .withEntityClasses(UnitChoice.class)
                .withConstraintProviderClass(ScheduleConstraints.class)
                .withConstraintStreamImplType(ConstraintStreamImplType.BAVET)
                .withEnvironmentMode(EnvironmentMode.REPRODUCIBLE)
                .withRandomSeed(seed)
                .withTerminationConfig(termination)
                .withPhases(new ConstructionHeuristicPhaseConfig(), new LocalSearchPhaseConfig()
                        // a solve that stops improving is done: the next restart explores elsewhere
                        .withTerminationConfig(new TerminationConfig().withUnimprovedStepCountLimit(UNIMPROVED_STEPS)));
        Solver<SchedulePlan> solver = SolverFactory.<SchedulePlan>create(config).buildSolver();
        scoring.onStop(solver::terminateEarly);
        solver.solve(new SchedulePlan(space.modes(), units));
    }
}
