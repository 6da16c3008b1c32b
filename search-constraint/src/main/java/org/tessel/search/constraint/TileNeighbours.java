package org.tessel.search.constraint;

import java.util.ArrayList;
import java.util.List;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.TileAxes;

/**
 * The geometry of the tile candidates, so that tile moves have locality: a candidate's index in
 * the space's list says little (the default grid is heights-major), but its width and height do.
 * Per unit, every candidate gets grid coordinates — its width and height ranks ({@link TileAxes})
 * — and its neighbours are the candidates nearest to it in those ranks (Chebyshev distance 1 on a
 * full grid: the 8 tiles one step wider, narrower, taller or lower). Coordinates normalised to 0..1 map a tile of one unit to a similar one of another.
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
            TileAxes axes = TileAxes.of(space, u);
            int count = space.tileCandidates(u).size();
            ranks[u] = new int[count][];
            for (int i = 0; i < count; i++) {
                ranks[u][i] = new int[] {axes.widthRank(i), axes.heightRank(i)};
            }
            axisSizes[u] = new int[] {axes.widthCount(), axes.heightCount()};
            neighbours[u] = new int[count][];
            for (int i = 0; i < count; i++) {
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
