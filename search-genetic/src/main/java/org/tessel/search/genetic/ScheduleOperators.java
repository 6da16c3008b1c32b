package org.tessel.search.genetic;

import io.jenetics.AbstractAlterer;
import io.jenetics.AltererResult;
import io.jenetics.Chromosome;
import io.jenetics.Genotype;
import io.jenetics.IntegerGene;
import io.jenetics.Phenotype;
import io.jenetics.Recombinator;
import io.jenetics.util.ISeq;
import io.jenetics.util.MSeq;
import io.jenetics.util.RandomRegistry;
import io.jenetics.util.Seq;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.tessel.model.search.SchedulePoint;
import org.tessel.model.search.TileAxes;
import org.tessel.model.search.UnitSpan;

/** The variation operators of {@link GeneticSearch}, aware of what the genes of a {@link ScheduleGenotype} mean. */
final class ScheduleOperators {

    private ScheduleOperators() {}

    /**
     * Crossover at unit boundaries: the children swap every gene (cut after the unit, tile, mode)
     * of the units in {@code [from, to)}, either a suffix (one point) or a middle block (two
     * points). Because stacks cost independently, a child keeps the parents' stacks on either side
     * of the crossing points; only the stacks that straddle a crossing point are new.
     */
    static final class UnitCrossover<C extends Comparable<? super C>> extends Recombinator<IntegerGene, C> {

        private final ScheduleGenotype encoding;

        UnitCrossover(ScheduleGenotype encoding, double probability) {
            super(probability, 2);
            this.encoding = encoding;
        }

        @Override
        protected int recombine(MSeq<Phenotype<IntegerGene, C>> population, int[] individuals, long generation) {
            int n = encoding.units();
            if (n < 2) {
                return 0;
            }
            RandomGenerator random = RandomRegistry.random();
            int from = 1 + random.nextInt(n - 1);
            int to = random.nextBoolean() ? n : from + 1 + random.nextInt(n - from);
            Genotype<IntegerGene> a = population.get(individuals[0]).genotype();
            Genotype<IntegerGene> b = population.get(individuals[1]).genotype();
            population.set(individuals[0], Phenotype.of(swap(a, b, from, to), generation));
            population.set(individuals[1], Phenotype.of(swap(b, a, from, to), generation));
            return 2;
        }

        /** {@code base} with the genes of units {@code [from, to)} taken from {@code donor}. */
        private Genotype<IntegerGene> swap(Genotype<IntegerGene> base, Genotype<IntegerGene> donor, int from, int to) {
            List<Chromosome<IntegerGene>> chromosomes = new ArrayList<>();
            for (int i = 0; i < base.length(); i++) {
                chromosomes.add(base.get(i));
            }
            int cuts = encoding.space().cutPointCount();
            chromosomes.set(ScheduleGenotype.cutChromosome(),
                    mix(base.get(ScheduleGenotype.cutChromosome()), donor.get(ScheduleGenotype.cutChromosome()),
                            from, Math.min(to, cuts)));
            chromosomes.set(encoding.modeChromosome(),
                    mix(base.get(encoding.modeChromosome()), donor.get(encoding.modeChromosome()), from, to));
            for (int u = from; u < to; u++) {
                chromosomes.set(encoding.widthChromosome(u), donor.get(encoding.widthChromosome(u)));
                chromosomes.set(encoding.heightChromosome(u), donor.get(encoding.heightChromosome(u)));
            }
            return Genotype.of(chromosomes);
        }

        private static Chromosome<IntegerGene> mix(Chromosome<IntegerGene> base, Chromosome<IntegerGene> donor,
                int from, int to) {
            if (from >= to) {
                return base;
            }
            MSeq<IntegerGene> genes = MSeq.of(base);
            for (int i = from; i < to; i++) {
                genes.set(i, donor.get(i));
            }
            return base.newInstance(genes.toISeq());
        }
    }

    /**
     * Mutation that changes what the schedule is, not dormant genes: a mutated individual gets one
     * or more (geometrically many) changes, each one of: move one stack's tile width or height to
     * the neighbouring value (occasionally two or three steps), give one stack another overlap
     * mode, flip one cut point, or (rarely) give one stack a random tile.
     */
    static final class StackMutator<C extends Comparable<? super C>> extends AbstractAlterer<IntegerGene, C> {

        private final ScheduleGenotype encoding;

        StackMutator(ScheduleGenotype encoding, double probability) {
            super(probability);
            this.encoding = encoding;
        }

        @Override
        public AltererResult<IntegerGene, C> alter(Seq<Phenotype<IntegerGene, C>> population, long generation) {
            RandomGenerator random = RandomRegistry.random();
            List<Phenotype<IntegerGene, C>> out = new ArrayList<>(population.size());
            int altered = 0;
            for (Phenotype<IntegerGene, C> p : population) {
                if (random.nextDouble() < _probability) {
                    Genotype<IntegerGene> g = p.genotype();
                    do {
                        g = mutate(g, random);
                    } while (random.nextDouble() < 0.4);
                    out.add(Phenotype.of(g, generation));
                    altered++;
                } else {
                    out.add(p);
                }
            }
            return new AltererResult<>(ISeq.of(out), altered);
        }

        /** One random change of what {@code g} decodes to. */
        Genotype<IntegerGene> mutate(Genotype<IntegerGene> g, RandomGenerator random) {
            SchedulePoint point = encoding.decode(g);
            List<UnitSpan> spans = encoding.space().spans(point.cuts());
            int u = spans.get(random.nextInt(spans.size())).last();
            int cuts = encoding.space().cutPointCount();
            double kind = random.nextDouble();
            if (kind < 0.25 && cuts > 0) {
                int c = random.nextInt(cuts);
                return ScheduleGenotype.with(g, ScheduleGenotype.cutChromosome(), c,
                        1 - g.get(ScheduleGenotype.cutChromosome()).get(c).allele());
            }
            if (kind < 0.4 && encoding.space().modes().size() > 1) {
                int modes = encoding.space().modes().size();
                int old = g.get(encoding.modeChromosome()).get(u).allele();
                return ScheduleGenotype.with(g, encoding.modeChromosome(), u, (old + 1 + random.nextInt(modes - 1)) % modes);
            }
            TileAxes axes = encoding.axes().get(u);
            if (kind < 0.45) {
                g = ScheduleGenotype.with(g, encoding.widthChromosome(u), 0, random.nextInt(axes.widthCount()));
                return ScheduleGenotype.with(g, encoding.heightChromosome(u), 0, random.nextInt(axes.heightCount()));
            }
            boolean width = random.nextBoolean();
            int chromosome = width ? encoding.widthChromosome(u) : encoding.heightChromosome(u);
            int size = width ? axes.widthCount() : axes.heightCount();
            int step = 1;
            while (step < 3 && random.nextDouble() < 0.25) {
                step++;
            }
            int old = g.get(chromosome).gene().allele();
            int next = random.nextBoolean() ? old + step : old - step;
            if (next < 0 || next >= size) {
                next = old - (next - old);
            }
            next = Math.clamp(next, 0, size - 1);
            return ScheduleGenotype.with(g, chromosome, 0, next);
        }
    }
}
