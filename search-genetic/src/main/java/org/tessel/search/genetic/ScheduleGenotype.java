package org.tessel.search.genetic;

import io.jenetics.Genotype;
import io.jenetics.IntegerChromosome;
import io.jenetics.IntegerGene;
import io.jenetics.util.Factory;
import io.jenetics.util.IntRange;
import java.util.ArrayList;
import java.util.List;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.search.SchedulePoint;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.UnitSpan;

/**
 * The fixed-length encoding of a {@link ScheduleSpace} point: chromosome 0 holds one 0/1 gene per
 * cut point; chromosomes 1..n hold the tile index a stack ending with unit i would use (one
 * chromosome per unit, because each unit has its own number of candidates); the last chromosome
 * holds one mode gene per unit. Genes of units that do not end a stack are dormant, so a cut that
 * appears later finds a tile and mode already evolved.
 *
 * @param space the space encoded
 */
record ScheduleGenotype(ScheduleSpace space) {

    /** A factory of random genotypes. */
    Factory<Genotype<IntegerGene>> factory() {
        List<IntegerChromosome> chromosomes = new ArrayList<>();
        chromosomes.add(IntegerChromosome.of(new IntRange(0, 2), Math.max(1, space.cutPointCount())));
        for (int u = 0; u < space.units().count(); u++) {
            chromosomes.add(IntegerChromosome.of(new IntRange(0, space.tileCandidates(u).size()), 1));
        }
        chromosomes.add(IntegerChromosome.of(new IntRange(0, space.modes().size()), space.units().count()));
        return Genotype.of(chromosomes);
    }

    /** The point a genotype stands for. */
    SchedulePoint decode(Genotype<IntegerGene> genotype) {
        List<Boolean> cuts = new ArrayList<>();
        for (int c = 0; c < space.cutPointCount(); c++) {
            cuts.add(genotype.get(0).get(c).allele() == 1);
        }
        List<Integer> tiles = new ArrayList<>();
        List<OverlapMode> modes = new ArrayList<>();
        int modeChromosome = space.units().count() + 1;
        for (UnitSpan span : space.spans(cuts)) {
            tiles.add(genotype.get(1 + span.last()).gene().allele());
            modes.add(space.modes().get(genotype.get(modeChromosome).get(span.last()).allele()));
        }
        return new SchedulePoint(cuts, tiles, modes);
    }
}
