package org.tessel.search.genetic;

import io.jenetics.Genotype;
import io.jenetics.IntegerGene;
import io.jenetics.Mutator;
import io.jenetics.Phenotype;
import io.jenetics.TournamentSelector;
import io.jenetics.UniformCrossover;
import io.jenetics.engine.Engine;
import io.jenetics.engine.Evaluator;
import io.jenetics.ext.moea.NSGA2Selector;
import io.jenetics.ext.moea.Vec;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.tessel.model.search.Budget;
import org.tessel.model.search.Objective;
import org.tessel.model.search.ScheduleCost;
import org.tessel.model.search.ScheduleEvaluator;
import org.tessel.model.search.SchedulePoint;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.SearchProgress;
import org.tessel.model.search.SearchResult;
import org.tessel.model.search.SearchStrategy;

/**
 * A genetic algorithm (Jenetics) over {@link ScheduleGenotype}s: tournament selection, uniform
 * crossover and per-gene mutation for scalar objectives; NSGA-II survivor selection on
 * (energy, latency) for the Pareto objective. The result is the best schedule (or the
 * non-dominated set) among everything evaluated, not only the last population.
 *
 * <p>Deterministic for a seed: the engine runs its own steps on the calling thread with a
 * seeded random generator, and only the fitness of a generation is computed in parallel, through
 * {@link SearchProgress}, which records results in population order. Identical schedules are
 * evaluated once (memoised), so the evaluation count is the number of distinct schedules tried.
 *
 * @param populationSize individuals per generation
 * @param parallelism threads computing fitness
 * @param crossoverProbability probability that a pair of parents is recombined
 * @param mutationProbability probability that a gene is mutated
 * @param stallGenerations stop after this many generations without a new evaluation (converged)
 */
public record GeneticSearch(int populationSize, int parallelism, double crossoverProbability,
        double mutationProbability, int stallGenerations) implements SearchStrategy {

    /** Stands for an infeasible or unevaluated schedule in the multi-objective fitness. */
    private static final double WORST = 1e300;

    public GeneticSearch {
        if (populationSize < 4 || parallelism < 1 || stallGenerations < 1) {
            throw new IllegalArgumentException("need populationSize >= 4, parallelism >= 1, stallGenerations >= 1");
        }
    }

    /** Defaults that worked on the toy spaces: 60 individuals, 20 % crossover, 8 % mutation. */
    public static GeneticSearch standard() {
        return new GeneticSearch(60, Runtime.getRuntime().availableProcessors(), 0.2, 0.08, 50);
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
                    evolve(progress, paretoEngine(encoding, progress));
                } else {
                    evolve(progress, scalarEngine(encoding, progress));
                }
            });
            return progress.result(false);
        }
    }

    private <C extends Comparable<? super C>> void evolve(SearchProgress progress, Engine<IntegerGene, C> engine) {
        long[] lastCount = {-1};
        int[] stalled = {0};
        engine.stream()
                .limit(r -> {
                    stalled[0] = progress.evaluations() == lastCount[0] ? stalled[0] + 1 : 0;
                    lastCount[0] = progress.evaluations();
                    return !progress.exhausted() && stalled[0] < stallGenerations;
                })
                .forEach(r -> {});
    }

    private Engine<IntegerGene, Double> scalarEngine(ScheduleGenotype encoding, SearchProgress progress) {
        Evaluator<IntegerGene, Double> fitness = batch(encoding, progress,
                c -> c.map(progress.objective()::value).orElse(Double.POSITIVE_INFINITY));
        return new Engine.Builder<>(fitness, encoding.factory())
                .minimizing()
                .populationSize(populationSize)
                .selector(new TournamentSelector<>(3))
                .alterers(new UniformCrossover<>(crossoverProbability, 0.5), new Mutator<>(mutationProbability))
                .executor(Runnable::run) // engine steps on the calling thread: same seed, same run
                .build();
    }

    private Engine<IntegerGene, Vec<double[]>> paretoEngine(ScheduleGenotype encoding, SearchProgress progress) {
        Evaluator<IntegerGene, Vec<double[]>> fitness = batch(encoding, progress,
                c -> c.filter(ScheduleCost::feasible)
                        .map(cost -> Vec.of(cost.energyPj(), (double) cost.latencyCycles()))
                        .orElse(Vec.of(WORST, WORST)));
        return new Engine.Builder<>(fitness, encoding.factory())
                .minimizing()
                .populationSize(populationSize)
                .offspringSelector(new TournamentSelector<>(3))
                .survivorsSelector(NSGA2Selector.ofVec())
                .alterers(new UniformCrossover<>(crossoverProbability, 0.5), new Mutator<>(mutationProbability))
                .executor(Runnable::run)
                .build();
    }

    /** Evaluates the unevaluated phenotypes of a generation as one deterministic parallel batch. */
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
}
