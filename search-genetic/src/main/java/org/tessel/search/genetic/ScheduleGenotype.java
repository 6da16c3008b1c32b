package org.tessel.search.genetic;

import io.jenetics.Chromosome;
import io.jenetics.Genotype;
import io.jenetics.IntegerChromosome;
import io.jenetics.IntegerGene;
import io.jenetics.util.IntRange;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.search.SchedulePoint;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.TileAxes;
import org.tessel.model.search.UnitSpan;

/**
 * The fixed-length encoding of a {@link ScheduleSpace} point, with {@code n} units:
 * <ul>
 *   <li>chromosome 0: one 0/1 gene per cut point (1 = cut);
 *   <li>chromosomes {@code 1..n}: the width index, over the sorted distinct widths of its tile
 *       candidates, that a stack ending with unit {@code u} would use;
 *   <li>chromosomes {@code n+1..2n}: the height index of that stack, likewise;
 *   <li>the last chromosome: one overlap-mode gene per unit.
 * </ul>
 * Genes of units that do not end a stack are dormant, so a cut that appears later finds a tile and
 * mode already evolved. Width and height are separate genes so that a small step of one gene is a
 * small change of the tile (the next larger or smaller width), which {@link GeneticSearch}'s
 * mutation and local search exploit; a random index into the candidate list would jump anywhere.
 * A (width, height) pair that is not a candidate (grids that are not a product of two axes)
 * decodes to the nearest candidate in log-scale distance, so every candidate is reached by its
 * own pair and every genotype decodes to a valid point.
 *
 * @param space the space encoded
 * @param axes per unit, the tile axes of a stack ending with that unit
 */
record ScheduleGenotype(ScheduleSpace space, List<TileAxes> axes) {

    ScheduleGenotype(ScheduleSpace space) {
        this(space, axesOf(space));
    }

    ScheduleGenotype {
        axes = List.copyOf(axes);
    }

    private static List<TileAxes> axesOf(ScheduleSpace space) {
        List<TileAxes> out = new ArrayList<>();
        for (int u = 0; u < space.units().count(); u++) {
            out.add(TileAxes.of(space, u));
        }
        return out;
    }

    /** Number of units. */
    int units() {
        return space.units().count();
    }

    /** Index of the chromosome of cut genes. */
    static int cutChromosome() {
        return 0;
    }

    /** Index of the width chromosome of unit {@code u}. */
    int widthChromosome(int u) {
        return 1 + u;
    }

    /** Index of the height chromosome of unit {@code u}. */
    int heightChromosome(int u) {
        return 1 + units() + u;
    }

    /** Index of the chromosome of mode genes. */
    int modeChromosome() {
        return 1 + 2 * units();
    }

    /** A random genotype whose cut genes are 1 with probability {@code cutDensity}. */
    Genotype<IntegerGene> random(double cutDensity, RandomGenerator random) {
        List<IntegerChromosome> chromosomes = new ArrayList<>();
        int cuts = Math.max(1, space.cutPointCount());
        List<IntegerGene> cutGenes = new ArrayList<>();
        for (int c = 0; c < cuts; c++) {
            cutGenes.add(IntegerGene.of(random.nextDouble() < cutDensity ? 1 : 0, 0, 2));
        }
        chromosomes.add(IntegerChromosome.of(cutGenes));
        for (int u = 0; u < units(); u++) {
            chromosomes.add(IntegerChromosome.of(new IntRange(0, axes.get(u).widthCount()), 1));
        }
        for (int u = 0; u < units(); u++) {
            chromosomes.add(IntegerChromosome.of(new IntRange(0, axes.get(u).heightCount()), 1));
        }
        chromosomes.add(IntegerChromosome.of(new IntRange(0, space.modes().size()), units()));
        return Genotype.of(chromosomes);
    }

    /** The point a genotype stands for. */
    SchedulePoint decode(Genotype<IntegerGene> genotype) {
        List<Boolean> cuts = new ArrayList<>();
        for (int c = 0; c < space.cutPointCount(); c++) {
            cuts.add(genotype.get(cutChromosome()).get(c).allele() == 1);
        }
        List<Integer> tiles = new ArrayList<>();
        List<OverlapMode> modes = new ArrayList<>();
        for (UnitSpan span : space.spans(cuts)) {
            tiles.add(tileIndex(genotype, span.last()));
            modes.add(space.modes().get(genotype.get(modeChromosome()).get(span.last()).allele()));
        }
        return new SchedulePoint(cuts, tiles, modes);
    }

    /** The candidate tile index that the genes of unit {@code u} stand for. */
    int tileIndex(Genotype<IntegerGene> genotype, int u) {
        int w = genotype.get(widthChromosome(u)).gene().allele();
        int h = genotype.get(heightChromosome(u)).gene().allele();
        return axes.get(u).candidate(w, h);
    }

    /**
     * A genotype that decodes to {@code point}: its cuts, and for every stack's last unit the genes
     * of its tile and mode; the genes of the other units are taken from {@code dormant}.
     */
    Genotype<IntegerGene> encode(SchedulePoint point, Genotype<IntegerGene> dormant) {
        Genotype<IntegerGene> g = dormant;
        for (int c = 0; c < space.cutPointCount(); c++) {
            g = with(g, cutChromosome(), c, point.cuts().get(c) ? 1 : 0);
        }
        List<UnitSpan> spans = space.spans(point.cuts());
        for (int s = 0; s < spans.size(); s++) {
            int u = spans.get(s).last();
            TileAxes a = axes.get(u);
            int tile = point.tiles().get(s);
            g = with(g, widthChromosome(u), 0, a.widthRank(tile));
            g = with(g, heightChromosome(u), 0, a.heightRank(tile));
            g = with(g, modeChromosome(), u, space.modes().indexOf(point.modes().get(s)));
        }
        return g;
    }

    /** {@code genotype} with gene {@code gene} of chromosome {@code chromosome} set to {@code allele}. */
    static Genotype<IntegerGene> with(Genotype<IntegerGene> genotype, int chromosome, int gene, int allele) {
        Chromosome<IntegerGene> ch = genotype.get(chromosome);
        if (ch.get(gene).allele() == allele) {
            return genotype;
        }
        List<IntegerGene> genes = new ArrayList<>();
        for (int i = 0; i < ch.length(); i++) {
            genes.add(i == gene ? ch.get(i).newInstance(allele) : ch.get(i));
        }
        List<Chromosome<IntegerGene>> chromosomes = new ArrayList<>();
        for (int i = 0; i < genotype.length(); i++) {
            chromosomes.add(i == chromosome ? ch.newInstance(io.jenetics.util.ISeq.of(genes)) : genotype.get(i));
        }
        return Genotype.of(chromosomes);
    }
}
