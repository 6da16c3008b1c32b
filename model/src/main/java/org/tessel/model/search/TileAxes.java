package org.tessel.model.search;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.workload.Layer;

/**
 * The tile candidates of one stack seen as a grid: the sorted distinct widths and heights of the
 * candidates (the whole output counts as the output's own width and height), every candidate's
 * rank on each axis, and for every (width rank, height rank) pair the candidate it stands for.
 * A candidate's index in the space's list says little about its shape (the default grid is
 * heights-major); its ranks do, so searches that step to a neighbouring tile work on ranks.
 * Where the candidates are not a full width × height product (some fixed lists), a missing pair
 * stands for the nearest candidate in log-scale distance, so every pair is valid and every
 * candidate is reached by its own pair. Immutable.
 */
public final class TileAxes {

    private final long[] widths;
    private final long[] heights;
    /** {@code grid[h][w]}: the candidate of the pair, or the nearest one. */
    private final int[][] grid;
    private final int[] widthRank;
    private final int[] heightRank;

    private TileAxes(long[] widths, long[] heights, int[][] grid, int[] widthRank, int[] heightRank) {
        this.widths = widths;
        this.heights = heights;
        this.grid = grid;
        this.widthRank = widthRank;
        this.heightRank = heightRank;
    }

    /** The axes of the candidates of a stack whose last unit is {@code lastUnit}. */
    public static TileAxes of(ScheduleSpace space, int lastUnit) {
        return of(space.tileCandidates(lastUnit), space.workload().layer(space.units().lastLayer(lastUnit)));
    }

    /** The axes of {@code candidates}, tiles of the output of {@code output}. */
    public static TileAxes of(List<TileSize> candidates, Layer output) {
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
        int[] wr = new int[candidates.size()];
        int[] hr = new int[candidates.size()];
        int[][] grid = new int[heights.length][widths.length];
        for (int[] row : grid) {
            Arrays.fill(row, -1);
        }
        for (int t = 0; t < candidates.size(); t++) {
            wr[t] = Arrays.binarySearch(widths, dims[t][0]);
            hr[t] = Arrays.binarySearch(heights, dims[t][1]);
            if (grid[hr[t]][wr[t]] < 0) {
                grid[hr[t]][wr[t]] = t;
            }
        }
        for (int h = 0; h < heights.length; h++) {
            for (int w = 0; w < widths.length; w++) {
                if (grid[h][w] < 0) {
                    grid[h][w] = nearest(dims, widths[w], heights[h]);
                }
            }
        }
        return new TileAxes(widths, heights, grid, wr, hr);
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

    /** Number of distinct widths. */
    public int widthCount() {
        return widths.length;
    }

    /** Number of distinct heights. */
    public int heightCount() {
        return heights.length;
    }

    /** The width of rank {@code rank} (ascending). */
    public long width(int rank) {
        return widths[rank];
    }

    /** The height of rank {@code rank} (ascending). */
    public long height(int rank) {
        return heights[rank];
    }

    /** The candidate of width rank {@code w} and height rank {@code h}, or the nearest candidate. */
    public int candidate(int w, int h) {
        return grid[h][w];
    }

    /** The width rank of candidate {@code tile}. */
    public int widthRank(int tile) {
        return widthRank[tile];
    }

    /** The height rank of candidate {@code tile}. */
    public int heightRank(int tile) {
        return heightRank[tile];
    }
}
