package org.tessel.search.constraint;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.workload.Layer;

/**
 * The geometry of the tile candidates, so that tile moves have locality: a candidate's index in
 * the space's list says little (the default grid is heights-major), but its width and height do.
 * Per unit, every candidate gets grid coordinates — the rank of its width among the candidates'
 * distinct widths, and of its height among their heights (the whole output counts as the
 * output's full width and height) — and its neighbours are the candidates nearest to it in those
 * ranks (Chebyshev distance 1 on a full grid: the 8 tiles one step wider, narrower, taller or
 * lower). Coordinates normalised to 0..1 map a tile of one unit to a similar one of another.
 * Nothing here costs a stack.
 */
final class TileNeighbours {

    /** Per unit, per candidate: width rank and height rank. */
    private final int[][][] ranks;
    /** Per unit: number of distinct widths and heights. */
    private final int[][] axisSizes;
    /** Per unit, per candidate: the indices of its nearest candidates. */
    private final int[][][] neighbours;

    TileNeighbours(ScheduleSpace space) {
        int units = space.units().count();
        ranks = new int[units][][];
        axisSizes = new int[units][];
        neighbours = new int[units][][];
        for (int u = 0; u < units; u++) {
            Layer output = space.workload().layer(space.units().lastLayer(u));
            List<long[]> sizes = new ArrayList<>();
            for (TileSize t : space.tileCandidates(u)) {
                sizes.add(switch (t) {
                    case TileSize.Fixed f -> new long[] {f.width(), f.height()};
                    case TileSize.WholeOutput w -> new long[] {output.loopSize("OX"), output.loopSize("OY")};
                });
            }
            TreeSet<Long> widths = new TreeSet<>();
            TreeSet<Long> heights = new TreeSet<>();
            sizes.forEach(s -> {
                widths.add(s[0]);
                heights.add(s[1]);
            });
            List<Long> w = List.copyOf(widths);
            List<Long> h = List.copyOf(heights);
            ranks[u] = sizes.stream().map(s -> new int[] {w.indexOf(s[0]), h.indexOf(s[1])}).toArray(int[][]::new);
            axisSizes[u] = new int[] {w.size(), h.size()};
            neighbours[u] = new int[sizes.size()][];
            for (int i = 0; i < sizes.size(); i++) {
                neighbours[u][i] = nearest(ranks[u], i);
            }
        }
    }

    /** The candidates at the smallest Chebyshev rank distance from candidate {@code i}. */
    private static int[] nearest(int[][] ranks, int i) {
        int best = Integer.MAX_VALUE;
        List<Integer> out = new ArrayList<>();
        for (int j = 0; j < ranks.length; j++) {
            if (j == i) {
                continue;
            }
            int d = Math.max(Math.abs(ranks[j][0] - ranks[i][0]), Math.abs(ranks[j][1] - ranks[i][1]));
            if (d < best) {
                best = d;
                out.clear();
            }
            if (d == best) {
                out.add(j);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The neighbours of candidate {@code tile} of unit {@code unit} (empty if it is the only one). */
    int[] of(int unit, int tile) {
        return neighbours[unit][tile];
    }

    /** Candidate {@code tile} of unit {@code unit} in normalised coordinates (0..1 per axis). */
    double[] position(int unit, int tile) {
        int[] r = ranks[unit][tile];
        return new double[] {norm(r[0], axisSizes[unit][0]), norm(r[1], axisSizes[unit][1])};
    }

    /** The candidate of unit {@code unit} nearest to a normalised position (the lowest index on ties). */
    int nearestTo(int unit, double[] position) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < ranks[unit].length; i++) {
            double[] p = position(unit, i);
            double d = Math.hypot(p[0] - position[0], p[1] - position[1]);
            if (d < bestDistance - 1e-12) {
                best = i;
                bestDistance = d;
            }
        }
        return best;
    }

    /** The tile of unit {@code to} most like tile {@code tile} of unit {@code from}. */
    int translate(int from, int tile, int to) {
        return from == to ? tile : nearestTo(to, position(from, tile));
    }

    private static double norm(int rank, int size) {
        return size <= 1 ? 0.5 : (double) rank / (size - 1);
    }
}
