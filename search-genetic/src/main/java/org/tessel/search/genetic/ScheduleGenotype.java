package org.tessel.search.genetic;

import io.jenetics.Chromosome;
import io.jenetics.Genotype;
import io.jenetics.IntegerChromosome;
import io.jenetics.IntegerGene;
import io.jenetics.util.IntRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.SchedulePoint;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.UnitSpan;
import org.tessel.model.workload.Layer;

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
            out.add(TileAxes.of(space.tileCandidates(u), space.workload().layer(space.units().lastLayer(u))));
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
            chromosomes.add(IntegerChromosome.of(new IntRange(0, axes.get(u).widths().length), 1));
        }
        for (int u = 0; u < units(); u++) {
            chromosomes.add(IntegerChromosome.of(new IntRange(0, axes.get(u).heights().length), 1));
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
            g = with(g, widthChromosome(u), 0, a.widthOf(tile));
            g = with(g, heightChromosome(u), 0, a.heightOf(tile));
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

    /**
     * The tile candidates of one stack as a grid: sorted distinct widths and heights (the whole
     * output counts as the output's own width and height), and per (height, width) pair the
     * candidate it decodes to.
     *
     * @param widths sorted distinct widths
     * @param heights sorted distinct heights
     * @param grid {@code grid[h][w]}: candidate index of the pair, or of the nearest candidate
     * @param widthIndex per candidate, its width's index
     * @param heightIndex per candidate, its height's index
     */
    record TileAxes(long[] widths, long[] heights, int[][] grid, int[] widthIndex, int[] heightIndex) {

        static TileAxes of(List<TileSize> candidates, Layer output) {
            long[][] dims = new long[candidates.size()][];
            TreeSet<Long> ws = new TreeSet<>();
            TreeSet<Long> hs = new TreeSet<>();
            for (int t = 0; t < candidates.size(); t++) {
                dims[t] = switch (candidates.get(t)) {
                    case TileSize.Fixed f -> new long[] {f.width(), f.height()};
                    case TileSize.WholeOutput w -> new long[] {output.loopSize("OX"), output.loopSize("OY")};
                };
                ws.add(dims[t][0]);
                hs.add(dims[t][1]);
            }
            long[] widths = ws.stream().mapToLong(Long::longValue).toArray();
            long[] heights = hs.stream().mapToLong(Long::longValue).toArray();
            int[] wi = new int[candidates.size()];
            int[] hi = new int[candidates.size()];
            int[][] grid = new int[heights.length][widths.length];
            for (int[] row : grid) {
                Arrays.fill(row, -1);
            }
            for (int t = 0; t < candidates.size(); t++) {
                wi[t] = Arrays.binarySearch(widths, dims[t][0]);
                hi[t] = Arrays.binarySearch(heights, dims[t][1]);
                if (grid[hi[t]][wi[t]] < 0) {
                    grid[hi[t]][wi[t]] = t;
                }
            }
            for (int h = 0; h < heights.length; h++) {
                for (int w = 0; w < widths.length; w++) {
                    if (grid[h][w] < 0) {
                        grid[h][w] = nearest(dims, widths[w], heights[h]);
                    }
                }
            }
            return new TileAxes(widths, heights, grid, wi, hi);
        }

        private static int nearest(long[][] dims, long w, long h) {
            int best = 0;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int t = 0; t < dims.length; t++) {
                double d = Math.abs(Math.log((double) dims[t][0] / w)) + Math.abs(Math.log((double) dims[t][1] / h));
                if (d < bestDistance) {
                    bestDistance = d;
                    best = t;
                }
            }
            return best;
        }

        /** The candidate of width index {@code w} and height index {@code h}. */
        int candidate(int w, int h) {
            return grid[h][w];
        }

        /** The width index of candidate {@code tile}. */
        int widthOf(int tile) {
            return widthIndex[tile];
        }

        /** The height index of candidate {@code tile}. */
        int heightOf(int tile) {
            return heightIndex[tile];
        }
    }
}
