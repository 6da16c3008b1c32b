package org.tessel.costmodel.depthfirst.tiling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.costmodel.depthfirst.backprop.AxisRegions;
import org.tessel.costmodel.depthfirst.backprop.Extent;
import org.tessel.costmodel.depthfirst.backprop.OperandRef;
import org.tessel.costmodel.depthfirst.partition.FusedStack;
import org.tessel.model.accelerator.MemoryHierarchy;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.TileSize;

/**
 * The tile types of one stack with their multiplicities (spec depthfirst.md §3.3–§3.6): the
 * plans of every tile configuration, consolidated over the grid (pass 1), and the distinct
 * tile-type keys in order of first appearance (pass 2).
 *
 * @param grid the tile grid
 * @param types the tile types in order of first appearance
 * @param weightLevel {@code Wstack}: the highest planned weight level (null: none)
 * @param lastVml {@code VmlLast}: the V level of the plan of the last tile visited (§3.7 (b5))
 * @param plans the plan of every configuration, in order of first use
 */
public record StackTiling(TileLayout grid, List<TileType> types, MemoryLevel weightLevel, MemoryLevel lastVml,
        Map<Configuration, CachePlan> plans) {

    /**
     * A tile configuration, the memo key of planning.
     *
     * @param size the tile's width × height
     * @param firstX first column
     * @param firstY first row
     * @param columns the column's real-position regions (exact-size stacks; else null)
     * @param rows the row's real-position regions (exact-size stacks; else null)
     */
    public record Configuration(TileSize.Fixed size, boolean firstX, boolean firstY, AxisRegions columns,
            AxisRegions rows) {

        /** The configuration of the tile in {@code column} and {@code row}. */
        static Configuration of(TileLayout.Span column, TileLayout.Span row) {
            return new Configuration(new TileSize.Fixed(column.size(), row.size()), column.first(), row.first(), column.regions(),
                    row.regions());
        }
    }

    /**
     * One tile type.
     *
     * @param key its argument set
     * @param multiplicity number of tiles of this type
     * @param x0 output column of its first tile
     * @param y0 output row of its first tile
     */
    public record TileType(TileTypeKey key, long multiplicity, long x0, long y0) {}

    /**
     * Write/read amounts of one tile along one axis (its levels are kept apart: pass 1 overwrites
     * them): producer → amount written, (consumer, operand) → {@code R} read.
     */
    private record Amounts<R>(Map<Integer, Extent> write, Map<OperandRef, R> read) {

        static <R> Amounts<R> none() {
            return new Amounts<>(Map.of(), Map.of());
        }
    }

    public StackTiling {
        types = List.copyOf(types);
        plans = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(plans));
    }

    /**
     * Tiles {@code stack} with tiles of {@code tile} in overlap mode {@code mode}.
     *
     * <p>The result is that of {@link #ofByCell}, the cell-by-cell transcription of the spec, but
     * computed per run of like rows and columns rather than per tile: a grid of small tiles has
     * hundreds of thousands of cells, and building a {@link TileTypeKey} for each dominated the
     * cost of a stack. Exact, because (spec depthfirst.md §3.5–§3.6 as {@link #ofByCell} does it):
     * <ul>
     * <li>A cell's plan depends on its configuration only (width, height, first column, first
     *   row). Plans are still made in order of first use in raster order, and {@code Wstack} (the
     *   highest-ranked planned weight level, first found on ties) is the same scanned over plans in
     *   that order as over cells.</li>
     * <li>A cell's H level is set from its own plan and overwritten once, by its right neighbour's
     *   plan; its H amounts come from its plan and whether it is in the last column. So
     *   everything H about column {@code c} is a function of the descriptors (size, first, last)
     *   of columns {@code c-1, c, c+1}: consecutive columns with equal descriptor triples form a
     *   run whose cells agree (likewise rows with equal descriptor pairs {@code r-1, r}).</li>
     * <li>V levels: every change of the current level {@code vcur} moves all V caches written so
     *   far (non-null entries) to the new level. Unless {@code vcur} ever becomes null after
     *   having been set (then this method defers to {@link #ofByCell}), a non-null entry therefore
     *   ends at the final {@code vcur}: a cell's V level is the final {@code vcur} if it is not in
     *   the last row, V caching is on and its plan has a V level, else null. Within a run of
     *   like cells {@code vcur} can only change at the run's first cell, so {@code vcur} is
     *   followed per row and column run.</li>
     * <li>So all cells of a block (row run × column run) have equal keys. Blocks are visited in
     *   raster order of their first (top-left) cells, which is the order in which keys first
     *   appear; equal keys of different blocks are merged. Types, their order, multiplicities,
     *   first positions and level objects are those of {@link #ofByCell}, and each type keeps the
     *   key built at its first cell.</li>
     * </ul>
     */
    public static StackTiling of(FusedStack stack, MemoryHierarchy hierarchy, OverlapMode mode, TileSize tile) {
        TileLayout grid = TileLayout.of(stack, tile);
        boolean hm = mode.horizontalCaching();
        boolean vm = mode.verticalCaching();
        List<TileLayout.Span> cols = grid.columns();
        List<TileLayout.Span> rows = grid.rows();
        int nc = cols.size();
        int nr = rows.size();
        // runs: first index of each, in order; a column's run shares the descriptors of c-1, c, c+1
        int[] colRuns = runs(cols, true);
        int[] rowRuns = runs(rows, false);
        int ncr = colRuns.length;
        int nrr = rowRuns.length;
        Map<Configuration, CachePlan> plans = new LinkedHashMap<>();
        CachePlan[][] plan = new CachePlan[nrr][ncr];
        // pass 1 (spec depthfirst.md §3.5): plans in raster order of first use, vcur per row and column run
        MemoryLevel vcur = null;
        boolean vcurSet = false;
        CachePlan p = null;
        for (int rr = 0; rr < nrr; rr++) {
            int rEnd = rr + 1 < nrr ? rowRuns[rr + 1] : nr;
            for (int r = rowRuns[rr]; r < rEnd; r++) {
                TileLayout.Span row = rows.get(r);
                for (int cr = 0; cr < ncr; cr++) {
                    p = plan[rr][cr];
                    if (p == null) {
                        TileLayout.Span col = cols.get(colRuns[cr]);
                        p = plans.computeIfAbsent(Configuration.of(col, row),
                                k -> CachePlan.plan(stack.graph(), hierarchy, mode, k));
                        plan[rr][cr] = p;
                    }
                    if (hm && vm && !MemoryLevels.same(p.vml(), vcur) && !(p.vml() == null && vcur == null)) {
                        if (p.vml() == null && vcurSet) {
                            // V caches written so far are dropped: rare, left to the cell-by-cell passes
                            return ofByCell(stack, hierarchy, mode, tile);
                        }
                        vcur = p.vml();
                        vcurSet |= vcur != null;
                    }
                }
            }
        }
        MemoryLevel lastVml = p.vml();
        MemoryLevel wstack = null;
        for (CachePlan q : plans.values()) {
            if (q.wml() != null && (wstack == null || rank(hierarchy, q.wml()) > rank(hierarchy, wstack))) {
                wstack = q.wml();
            }
        }
        // levels and amounts per block (every cell of a block alike)
        MemoryLevel[][] hLevel = new MemoryLevel[nrr][ncr];
        MemoryLevel[][] vLevel = new MemoryLevel[nrr][ncr];
        for (int rr = 0; rr < nrr; rr++) {
            boolean lastRow = rows.get(rowRuns[rr]).last();
            for (int cr = 0; cr < ncr; cr++) {
                int c = colRuns[cr];
                CachePlan q = plan[rr][cr];
                MemoryLevel h = !hm || cols.get(c).last() ? null : q.hml();
                if (c + 1 < nc) {
                    // overwritten by the right neighbour: in this run, or the first column of the next
                    CachePlan right = c + 1 < (cr + 1 < ncr ? colRuns[cr + 1] : nc) ? q : plan[rr][cr + 1];
                    if (!MemoryLevels.same(h, right.hml()) && !(h == null && right.hml() == null)) {
                        h = right.hml();
                    }
                }
                hLevel[rr][cr] = h;
                vLevel[rr][cr] = hm && vm && !lastRow && q.vml() != null ? vcur : null;
            }
        }
        // pass 2 (spec depthfirst.md §3.6), one key per block, blocks in raster order
        Map<TileTypeKey, long[]> counts = new LinkedHashMap<>();
        for (int rr = 0; rr < nrr; rr++) {
            int r = rowRuns[rr];
            TileLayout.Span row = rows.get(r);
            long rowCount = (rr + 1 < nrr ? rowRuns[rr + 1] : nr) - r;
            for (int cr = 0; cr < ncr; cr++) {
                int c = colRuns[cr];
                TileLayout.Span col = cols.get(c);
                long colCount = (cr + 1 < ncr ? colRuns[cr + 1] : nc) - c;
                CachePlan q = plan[rr][cr];
                Map<Integer, Extent> hWrite = !hm || col.last() ? Map.of() : q.colsWrite();
                Map<OperandRef, Extent> hRead = !hm ? Map.of() : q.colsRead();
                Map<Integer, Extent> vWrite = !(hm && vm) || row.last() ? Map.of() : q.rowsWrite();
                Map<OperandRef, RowRead> vRead = !(hm && vm) ? Map.of() : q.rowsRead();
                // the left neighbour of a run's first cell is the last cell of the previous run
                MemoryLevel useH = c > 0 ? hLevel[rr][cr - 1] : null;
                MemoryLevel useV = r > 0 ? vLevel[rr - 1][cr] : null;
                TileTypeKey key = new TileTypeKey(new TileSize.Fixed(col.size(), row.size()), r == 0 && c == 0,
                        hLevel[rr][cr], useH, entries(hWrite), entries(hRead), vLevel[rr][cr], useV, entries(vWrite),
                        entries(vRead), col.regions(), row.regions());
                long[] cnt = counts.computeIfAbsent(key, k -> new long[] {0, col.start(), row.start()});
                cnt[0] += rowCount * colCount;
            }
        }
        List<TileType> types = new ArrayList<>();
        counts.forEach((k, v) -> types.add(new TileType(k, v[0], v[1], v[2])));
        return new StackTiling(grid, types, wstack, lastVml, plans);
    }

    /**
     * The first index of every run of like spans: columns with equal descriptors (size, first,
     * last) of themselves and both neighbours ({@code triple}), or rows with equal descriptors of
     * themselves and the row above.
     */
    private static int[] runs(List<TileLayout.Span> spans, boolean triple) {
        int n = spans.size();
        int[] starts = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            boolean like = i >= 2 && alike(spans, i - 2, i - 1) && alike(spans, i - 1, i)
                    && (!triple || i + 1 < n && alike(spans, i, i + 1));
            if (!like) {
                starts[count++] = i;
            }
        }
        return java.util.Arrays.copyOf(starts, count);
    }

    private static boolean alike(List<TileLayout.Span> spans, int i, int j) {
        TileLayout.Span a = spans.get(i);
        TileLayout.Span b = spans.get(j);
        return a.size() == b.size() && a.first() == b.first() && a.last() == b.last()
                && java.util.Objects.equals(a.regions(), b.regions());
    }

    /**
     * {@link #of}, cell by cell as the spec describes it (spec depthfirst.md §3.5–§3.6): the
     * reference {@link #of} is tested against, and its fallback.
     */
    static StackTiling ofByCell(FusedStack stack, MemoryHierarchy hierarchy, OverlapMode mode, TileSize tile) {
        TileLayout grid = TileLayout.of(stack, tile);
        boolean hm = mode.horizontalCaching();
        boolean vm = mode.verticalCaching();
        Map<Configuration, CachePlan> plans = new LinkedHashMap<>();
        // pass 1 (spec depthfirst.md §3.5). Tile positions are grid cells r·cols + c: a million-tile
        // grid stays linear, where maps keyed on (x0, y0) lists collided into long chains.
        List<TileLayout.Span> cols = grid.columns();
        List<TileLayout.Span> rows = grid.rows();
        int nc = cols.size();
        int cells = Math.multiplyExact(nc, rows.size());
        MemoryLevel[] hLevel = new MemoryLevel[cells];
        List<Amounts<Extent>> hInfo = new ArrayList<>(cells);
        MemoryLevel[] vLevel = new MemoryLevel[cells];
        List<Amounts<RowRead>> vInfo = new ArrayList<>(cells);
        MemoryLevel vcur = null;
        MemoryLevel wstack = null;
        MemoryLevel lastVml = null;
        for (int r = 0; r < rows.size(); r++) {
            TileLayout.Span row = rows.get(r);
            for (int c = 0; c < nc; c++) {
                TileLayout.Span col = cols.get(c);
                int pos = r * nc + c;
                CachePlan p = plans.computeIfAbsent(Configuration.of(col, row),
                        k -> CachePlan.plan(stack.graph(), hierarchy, mode, k));
                // cells are visited in raster order: pos is the next index of hInfo and vInfo
                if (!hm) {
                    hInfo.add(Amounts.none());
                    hLevel[pos] = null;
                } else if (col.last()) {
                    hInfo.add(new Amounts<>(Map.of(), p.colsRead()));
                    hLevel[pos] = null;
                } else {
                    hInfo.add(new Amounts<>(p.colsWrite(), p.colsRead()));
                    hLevel[pos] = p.hml();
                }
                if (!col.first()) {
                    int left = pos - 1;
                    if (!MemoryLevels.same(hLevel[left], p.hml()) && !(hLevel[left] == null && p.hml() == null)) {
                        hLevel[left] = p.hml();
                    }
                }
                if (hm && vm) {
                    if (!MemoryLevels.same(p.vml(), vcur) && !(p.vml() == null && vcur == null)) {
                        vcur = p.vml();
                        // every V cache written so far moves to the new level (cells not yet visited are null)
                        for (int i = 0; i < pos; i++) {
                            if (vLevel[i] != null) {
                                vLevel[i] = vcur;
                            }
                        }
                    }
                    if (row.last()) {
                        vInfo.add(new Amounts<>(Map.of(), p.rowsRead()));
                        vLevel[pos] = null;
                    } else {
                        vInfo.add(new Amounts<>(p.rowsWrite(), p.rowsRead()));
                        vLevel[pos] = vcur;
                    }
                } else {
                    vInfo.add(Amounts.none());
                    vLevel[pos] = null;
                }
                if (p.wml() != null) {
                    if (wstack == null || rank(hierarchy, p.wml()) > rank(hierarchy, wstack)) {
                        wstack = p.wml();
                    }
                }
                lastVml = p.vml();
            }
        }
        // pass 2 (spec depthfirst.md §3.6)
        Map<TileTypeKey, long[]> counts = new LinkedHashMap<>();
        boolean firstTile = true;
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < nc; c++) {
                TileLayout.Span col = cols.get(c);
                TileLayout.Span row = rows.get(r);
                int pos = r * nc + c;
                Amounts<Extent> h = hInfo.get(pos);
                Amounts<RowRead> v = vInfo.get(pos);
                MemoryLevel useH = c > 0 ? hLevel[pos - 1] : null;
                MemoryLevel useV = r > 0 ? vLevel[pos - nc] : null;
                TileTypeKey key = new TileTypeKey(new TileSize.Fixed(col.size(), row.size()), firstTile, hLevel[pos], useH,
                        entries(h.write()), entries(h.read()), vLevel[pos], useV, entries(v.write()), entries(v.read()),
                        col.regions(), row.regions());
                firstTile = false;
                long[] cnt = counts.computeIfAbsent(key, k -> new long[] {0, col.start(), row.start()});
                cnt[0]++;
            }
        }
        List<TileType> types = new ArrayList<>();
        counts.forEach((k, v) -> types.add(new TileType(k, v[0], v[1], v[2])));
        return new StackTiling(grid, types, wstack, lastVml, plans);
    }

    /** Position of a level in the memory-hierarchy order (topological for a chain). */
    private static int rank(MemoryHierarchy hierarchy, MemoryLevel level) {
        List<MemoryLevel> levels = hierarchy.levels();
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i).name().equals(level.name())) {
                return i;
            }
        }
        throw new IllegalArgumentException("level " + level.name() + " not in hierarchy");
    }

    private static <K, V> List<Map.Entry<K, V>> entries(Map<K, V> m) {
        List<Map.Entry<K, V>> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(Map.entry(k, v)));
        return out;
    }
}
