package org.tessel.search.genetic;

import io.jenetics.Genotype;
import io.jenetics.IntegerGene;
import io.jenetics.Phenotype;
import io.jenetics.TournamentSelector;
import io.jenetics.engine.Engine;
import io.jenetics.engine.EvolutionResult;
import io.jenetics.engine.EvolutionStart;
import io.jenetics.engine.Evaluator;
import io.jenetics.ext.moea.NSGA2Selector;
import io.jenetics.ext.moea.Vec;
import io.jenetics.util.Factory;
import io.jenetics.util.ISeq;
import io.jenetics.util.MSeq;
import io.jenetics.util.RandomRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.tessel.model.search.Budget;
import org.tessel.model.search.Objective;
import org.tessel.model.search.ScheduleCost;
import org.tessel.model.search.ScheduleEvaluator;
import org.tessel.model.search.SchedulePoint;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.SearchProgress;
import org.tessel.model.search.SearchResult;
import org.tessel.model.search.SearchStrategy;
import org.tessel.model.search.UnitSpan;

/**
 * A memetic genetic algorithm (Jenetics) over {@link ScheduleGenotype}s, which encode a stack's
 * tile as a width and a height index so that small steps are small changes.
 *
 * <ul>
 *   <li>Initial population: random schedules with a random cut density each (from everything
 *       fused in one stack to every unit its own stack, both included), so the population spans
 *       few and many stacks.
 *   <li>Variation: tournament selection; crossover at unit boundaries (children keep their
 *       parents' stacks on either side of the crossing points, which is cheap because stacks are
 *       memoised); mutation of what the schedule is — a step of one stack's tile width or height,
 *       another overlap mode, a flipped cut, rarely a random tile.
 *   <li>Local search (scalar objectives): after each generation the best individual, if not yet
 *       polished, is improved by first-improvement hill climbing over its neighbours (one stack's
 *       width or height one step, one stack's mode, one cut flipped), tried in a seeded random
 *       order in batches of {@value #LOCAL_BATCH}; each neighbour needs at most two new stacks.
 *   <li>Restarts: when for {@code stallGenerations} generations the population's best has not
 *       improved (scalar objectives) or nothing new was evaluated (any objective), the population
 *       is re-seeded: from scratch for scalar objectives (the best so far stays recorded; a fresh
 *       population may find another basin), keeping the best for Pareto. If re-seeding brings
 *       nothing new (a tiny space, or a budget too small for any new schedule) the search stops;
 *       otherwise it runs until the budget is spent.
 *   <li>Pareto objective: NSGA-II survivor selection on (energy, latency), without local search.
 * </ul>
 * The result is the best schedule (or the non-dominated set) among everything evaluated, not only
 * the last population.
 *
 * <p>Deterministic for a seed: every step runs on the calling thread with a seeded random
 * generator, and only the costs of a batch (a generation, a batch of neighbours) are computed in
 * parallel, through {@link SearchProgress}, which records results in request order. Costs are
 * memoised (per stack for additive evaluators), so the evaluation count is the number of distinct
 * stacks (or schedules) costed.
 *
 * @param populationSize individuals per generation
 * @param parallelism threads computing costs
 * @param crossoverProbability probability that a pair of parents is recombined
 * @param mutationProbability probability that an offspring is mutated (by one or more changes)
 * @param stallGenerations restart after this many generations without progress (see above)
 */
public record GeneticSearch(int populationSize, int parallelism, double crossoverProbability,
        double mutationProbability, int stallGenerations) implements SearchStrategy {

    /** Stands for an infeasible or unevaluated schedule in the multi-objective fitness. */
    private static final double WORST = 1e300;

    /** Neighbours costed per batch of the local search (fixed: the result must not depend on the thread count). */
    static final int LOCAL_BATCH = 8;

    public GeneticSearch {
        if (populationSize < 4 || parallelism < 1 || stallGenerations < 1) {
            throw new IllegalArgumentException("need populationSize >= 4, parallelism >= 1, stallGenerations >= 1");
        }
    }

    /** Defaults tuned on the real cost model with budgets of 1,000–5,000 stacks. */
    public static GeneticSearch standard() {
        return new GeneticSearch(20, Runtime.getRuntime().availableProcessors(), 0.5, 0.6, 30);
    }

    @Override
    public String name() {
        return "genetic";
    }

    @Override
    public SearchResult search(ScheduleSpace space, ScheduleEvaluator evaluator, Objective objective, Budget budget,
            long seed) {
        ScheduleGenotype encoding = new ScheduleGenotype(space);
        try (SearchProgress progress = new SearchProgress(name(), space, evaluator, objective, budget, true, parallelism)) {
            RandomRegistry.with(new Random(seed)).run(() -> {
                if (objective.isPareto()) {
                    Evaluator<IntegerGene, Vec<double[]>> fitness = batch(encoding, progress,
                            c -> c.filter(ScheduleCost::feasible)
                                    .map(cost -> Vec.of(cost.energyPj(), (double) cost.latencyCycles()))
                                    .orElse(Vec.of(WORST, WORST)));
                    evolve(encoding, progress, fitness, paretoEngine(encoding, fitness), UnaryOperator.identity(), false);
                } else {
                    Evaluator<IntegerGene, Double> fitness = batch(encoding, progress,
                            c -> c.map(progress.objective()::value).orElse(Double.POSITIVE_INFINITY));
                    LocalSearch local = new LocalSearch(encoding, progress);
                    evolve(encoding, progress, fitness, scalarEngine(encoding, fitness), local::polishBest, true);
                }
            });
            return progress.result(false);
        }
    }

    private <C extends Comparable<? super C>> void evolve(ScheduleGenotype encoding, SearchProgress progress,
            Evaluator<IntegerGene, C> fitness, Engine<IntegerGene, C> engine,
            UnaryOperator<ISeq<Phenotype<IntegerGene, C>>> afterGeneration, boolean restartWhenNotImproving) {
        long generation = 1;
        ISeq<Phenotype<IntegerGene, C>> population = fitness.eval(seed(encoding, generation, null));
        long lastCount = progress.budget().evaluations();
        int stalled = 0;
        C runBest = null;
        int notImproving = 0;
        while (!progress.budget().exhausted()) {
            population = afterGeneration.apply(population);
            EvolutionResult<IntegerGene, C> result = engine.evolve(EvolutionStart.of(population, generation));
            population = result.population();
            generation = result.generation() + 1;
            stalled = progress.budget().evaluations() == lastCount ? stalled + 1 : 0;
            lastCount = progress.budget().evaluations();
            if (restartWhenNotImproving) {
                C best = result.bestFitness();
                if (runBest == null || best.compareTo(runBest) < 0) {
                    runBest = best;
                    notImproving = 0;
                } else {
                    notImproving++;
                }
            }
            boolean restart = stalled >= stallGenerations
                    || (restartWhenNotImproving && notImproving >= stallGenerations);
            if (restart && !progress.budget().exhausted()) {
                // the best so far stays recorded in progress; a fresh population may find another basin
                population = fitness.eval(seed(encoding, generation,
                        restartWhenNotImproving ? null : result.bestPhenotype()));
                if (progress.budget().evaluations() == lastCount) {
                    return; // a fresh population brings nothing new: converged, or no budget for a new schedule
                }
                lastCount = progress.budget().evaluations();
                stalled = 0;
                runBest = null;
                notImproving = 0;
            }
        }
    }

    /** A fresh population: {@code keep} (if any), everything fused, every unit alone, random cut densities. */
    private <C extends Comparable<? super C>> ISeq<Phenotype<IntegerGene, C>> seed(ScheduleGenotype encoding,
            long generation, Phenotype<IntegerGene, C> keep) {
        RandomGenerator random = RandomRegistry.random();
        List<Phenotype<IntegerGene, C>> out = new ArrayList<>();
        if (keep != null) {
            out.add(keep);
        }
        out.add(Phenotype.of(encoding.random(0, random), generation));
        out.add(Phenotype.of(encoding.random(1, random), generation));
        while (out.size() < populationSize) {
            out.add(Phenotype.of(encoding.random(random.nextDouble(), random), generation));
        }
        return ISeq.of(out);
    }

    private Engine<IntegerGene, Double> scalarEngine(ScheduleGenotype encoding, Evaluator<IntegerGene, Double> fitness) {
        return new Engine.Builder<>(fitness, factory(encoding))
                .minimizing()
                .populationSize(populationSize)
                .selector(new TournamentSelector<>(3))
                .alterers(new ScheduleOperators.UnitCrossover<>(encoding, crossoverProbability),
                        new ScheduleOperators.StackMutator<>(encoding, mutationProbability))
                .executor(Runnable::run) // engine steps on the calling thread: same seed, same run
                .build();
    }

    private Engine<IntegerGene, Vec<double[]>> paretoEngine(ScheduleGenotype encoding,
            Evaluator<IntegerGene, Vec<double[]>> fitness) {
        return new Engine.Builder<>(fitness, factory(encoding))
                .minimizing()
                .populationSize(populationSize)
                .offspringSelector(new TournamentSelector<>(3))
                .survivorsSelector(NSGA2Selector.ofVec())
                .alterers(new ScheduleOperators.UnitCrossover<>(encoding, crossoverProbability),
                        new ScheduleOperators.StackMutator<>(encoding, mutationProbability))
                .executor(Runnable::run)
                .build();
    }

    /** New individuals (e.g. replacing ones past the maximal age) with a random cut density each. */
    private static Factory<Genotype<IntegerGene>> factory(ScheduleGenotype encoding) {
        return () -> {
            RandomGenerator random = RandomRegistry.random();
            return encoding.random(random.nextDouble(), random);
        };
    }

    /** Evaluates the unevaluated phenotypes of a population as one deterministic parallel batch. */
    private static <C extends Comparable<? super C>> Evaluator<IntegerGene, C> batch(ScheduleGenotype encoding,
            SearchProgress progress, Function<Optional<ScheduleCost>, C> fitness) {
        return population -> {
            List<Phenotype<IntegerGene, C>> todo = population.stream().filter(Phenotype::nonEvaluated).toList();
            List<SchedulePoint> points = todo.stream().map(p -> encoding.decode(p.genotype())).toList();
            List<Optional<ScheduleCost>> costs = progress.evaluateAll(points);
            Map<Genotype<IntegerGene>, C> values = new HashMap<>();
            for (int i = 0; i < todo.size(); i++) {
                values.put(todo.get(i).genotype(), fitness.apply(costs.get(i)));
            }
            return population.stream()
                    .map(p -> p.isEvaluated() ? p : p.withFitness(values.get(p.genotype())))
                    .collect(ISeq.toISeq());
        };
    }

    /** The memetic step: hill climbing from the best individual of a generation. */
    private static final class LocalSearch {

        private final ScheduleGenotype encoding;
        private final SearchProgress progress;
        private final Set<SchedulePoint> polished = new HashSet<>();

        LocalSearch(ScheduleGenotype encoding, SearchProgress progress) {
            this.encoding = encoding;
            this.progress = progress;
        }

        /** The population with its best individual replaced by a local optimum reached from it. */
        ISeq<Phenotype<IntegerGene, Double>> polishBest(ISeq<Phenotype<IntegerGene, Double>> population) {
            int bestIndex = 0;
            for (int i = 1; i < population.size(); i++) {
                if (population.get(i).fitness() < population.get(bestIndex).fitness()) {
                    bestIndex = i;
                }
            }
            Phenotype<IntegerGene, Double> best = population.get(bestIndex);
            Genotype<IntegerGene> g = best.genotype();
            double value = best.fitness();
            SchedulePoint point = encoding.decode(g);
            if (!Double.isFinite(value) || polished.contains(point)) {
                return population;
            }
            RandomGenerator random = RandomRegistry.random();
            boolean improved = true;
            while (improved && !progress.budget().exhausted()) {
                improved = false;
                List<Genotype<IntegerGene>> moves = neighbours(g, point, random);
                for (int from = 0; from < moves.size() && !improved && !progress.budget().exhausted(); from += LOCAL_BATCH) {
                    List<Genotype<IntegerGene>> chunk = moves.subList(from, Math.min(moves.size(), from + LOCAL_BATCH));
                    List<SchedulePoint> points = chunk.stream().map(encoding::decode).toList();
                    List<Optional<ScheduleCost>> costs = progress.evaluateAll(points);
                    for (int i = 0; i < chunk.size(); i++) {
                        if (costs.get(i).isPresent()) {
                            double v = progress.objective().value(costs.get(i).get());
                            if (v < value) {
                                value = v;
                                g = chunk.get(i);
                                point = points.get(i);
                                improved = true;
                            }
                        }
                    }
                }
            }
            polished.add(point);
            MSeq<Phenotype<IntegerGene, Double>> out = population.copy();
            out.set(bestIndex, Phenotype.of(g, best.generation(), value));
            return out.toISeq();
        }

        /** The genotypes one step away in what they decode to, in a random order. */
        private List<Genotype<IntegerGene>> neighbours(Genotype<IntegerGene> g, SchedulePoint point,
                RandomGenerator random) {
            List<Genotype<IntegerGene>> out = new ArrayList<>();
            for (UnitSpan span : encoding.space().spans(point.cuts())) {
                int u = span.last();
                step(out, g, encoding.widthChromosome(u), encoding.axes().get(u).widthCount());
                step(out, g, encoding.heightChromosome(u), encoding.axes().get(u).heightCount());
                int mode = g.get(encoding.modeChromosome()).get(u).allele();
                for (int m = 0; m < encoding.space().modes().size(); m++) {
                    if (m != mode) {
                        out.add(ScheduleGenotype.with(g, encoding.modeChromosome(), u, m));
                    }
                }
            }
            for (int c = 0; c < encoding.space().cutPointCount(); c++) {
                int cut = g.get(ScheduleGenotype.cutChromosome()).get(c).allele();
                out.add(ScheduleGenotype.with(g, ScheduleGenotype.cutChromosome(), c, 1 - cut));
            }
            Collections.shuffle(out, random);
            out.removeIf(n -> encoding.decode(n).equals(point));
            return out;
        }

        private static void step(List<Genotype<IntegerGene>> out, Genotype<IntegerGene> g, int chromosome, int size) {
            int v = g.get(chromosome).gene().allele();
            if (v > 0) {
                out.add(ScheduleGenotype.with(g, chromosome, 0, v - 1));
            }
            if (v + 1 < size) {
                out.add(ScheduleGenotype.with(g, chromosome, 0, v + 1));
            }
        }
    }
}
