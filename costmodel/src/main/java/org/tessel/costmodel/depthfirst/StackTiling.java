package org.tessel.costmodel.depthfirst;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.model.accelerator.MemoryHierarchy;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.schedule.OverlapMode;

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
     * @param width tile width
     * @param height tile height
     * @param firstX first column
     * @param firstY first row
     */
    public record Configuration(long width, long height, boolean firstX, boolean firstY) {}

    /**
     * One tile type.
     *
     * @param key its argument set
     * @param multiplicity number of tiles of this type
     * @param x0 output column of its first tile
     * @param y0 output row of its first tile
     */
    public record TileType(TileTypeKey key, long multiplicity, long x0, long y0) {}

    /** Write/read amounts of one tile (its levels are kept apart: pass 1 overwrites them). */
    private record Info(Map<?, ?> write, Map<?, ?> read) {}

    public StackTiling {
        types = List.copyOf(types);
        plans = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(plans));
    }

    /**
     * Tiles {@code stack} with {@code tx × ty} tiles in overlap mode {@code mode}.
     *
     * <p>The result is that of {@link #ofByCell}, the cell-by-cell transcription of the spec, computed
     * without allocating or hashing anything per tile: a grid of small tiles has hundreds of
     * thousands of cells, and building a {@link TileTypeKey} for each dominated the cost of a stack.
     * Three facts make it exact (spec depthfirst.md §3.5–§3.6 as {@link #ofByCell} implements them):
     * <ul>
     * <li>A cell's plan depends on its configuration only; plans are made in order of first use as
     *   before, and {@code Wstack} (the highest-ranked planned weight level, first found on ties) is
     *   the same when scanned over plans in order of first use as over cells.</li>
     * <li>The V-cache level of a cell: every change of the current level {@code vcur} moves all V
     *   caches written so far (non-null entries) to the new level. So a non-null entry ends at the
     *   final {@code vcur}, unless {@code vcur} became null after the cell was visited, which
     *   clears it for good. The entries are resolved once after the scan, not moved at every
     *   change (which cost time quadratic in the number of cells).</li>
     * <li>A tile's key is a function of its width, height, first-tile flag, the four level
     *   references and the two write/read amount sets, which each come from one plan. Cells are
     *   therefore grouped by a signature of small integer ids of those objects (equal signatures
     *   mean identical objects, hence equal keys); a key is built once per signature, in order of
     *   the signatures' first cells. Signatures that still give equal keys are merged, so types,
     *   their order of first appearance, multiplicities and first positions are those of the
     *   cell-by-cell pass 2, and each type keeps the key built at its first cell.</li>
     * </ul>
     */
    public static StackTiling of(Stack stack, MemoryHierarchy hierarchy, OverlapMode mode, long tx, long ty) {
        Map<String, Long> outLoops = stack.output().layer().loops();
        TileLayout grid = TileLayout.of(outLoops.get("OX"), outLoops.get("OY"), tx, ty);
        boolean hm = mode.horizontalCaching();
        boolean vm = mode.verticalCaching();
        Map<Configuration, CachePlan> plans = new LinkedHashMap<>();
        List<TileLayout.Span> cols = grid.columns();
        List<TileLayout.Span> rows = grid.rows();
        int nc = cols.size();
        int nr = rows.size();
        int cells = Math.multiplyExact(nc, nr);
        // configuration classes of columns (width, firstX) and rows (height, firstY)
        Ids<List<Object>> colClasses = new Ids<>();
        int[] colClass = new int[nc];
        for (int c = 0; c < nc; c++) {
            colClass[c] = colClasses.id(List.of(cols.get(c).size(), cols.get(c).first()));
        }
        Ids<List<Object>> rowClasses = new Ids<>();
        int[] rowClass = new int[nr];
        for (int r = 0; r < nr; r++) {
            rowClass[r] = rowClasses.id(List.of(rows.get(r).size(), rows.get(r).first()));
        }
        CachePlan[] planOf = new CachePlan[colClasses.size() * rowClasses.size()];
        // write/read amount sets, as ids: 0 is none; per plan, 1 + 2k + (last ? 0 : 1)
        Info none = new Info(Map.of(), Map.of());
        List<CachePlan> planList = new ArrayList<>();
        Map<CachePlan, Integer> planIndex = new java.util.IdentityHashMap<>();
        // pass 1 (spec depthfirst.md §3.5)
        MemoryLevel[] hLevel = new MemoryLevel[cells];
        int[] hInfo = new int[cells];
        MemoryLevel[] vLevel = new MemoryLevel[cells];
        int[] vInfo = new int[cells];
        MemoryLevel vcur = null;
        int lastCleared = -1;
        CachePlan p = null;
        for (int r = 0; r < nr; r++) {
            TileLayout.Span row = rows.get(r);
            for (int c = 0; c < nc; c++) {
                TileLayout.Span col = cols.get(c);
                int pos = r * nc + c;
                int conf = colClass[c] * rowClasses.size() + rowClass[r];
                p = planOf[conf];
                if (p == null) {
                    Configuration k = new Configuration(col.size(), row.size(), col.first(), row.first());
                    p = plans.computeIfAbsent(k, x -> CachePlan.plan(stack.graph(), hierarchy, mode, x.width(), x.height(),
                            x.firstX(), x.firstY()));
                    planOf[conf] = p;
                    if (!planIndex.containsKey(p)) {
                        planIndex.put(p, planList.size());
                        planList.add(p);
                    }
                }
                int pi = planIndex.get(p);
                if (!hm) {
                    hInfo[pos] = 0;
                    hLevel[pos] = null;
                } else if (col.last()) {
                    hInfo[pos] = 1 + 2 * pi;
                    hLevel[pos] = null;
                } else {
                    hInfo[pos] = 2 + 2 * pi;
                    hLevel[pos] = p.hml();
                }
                if (!col.first()) {
                    int left = pos - 1;
                    if (!CachePlan.same(hLevel[left], p.hml()) && !(hLevel[left] == null && p.hml() == null)) {
                        hLevel[left] = p.hml();
                    }
                }
                if (hm && vm) {
                    if (!CachePlan.same(p.vml(), vcur) && !(p.vml() == null && vcur == null)) {
                        if (p.vml() == null) {
                            // every V cache written so far is cleared (resolved after the scan)
                            lastCleared = pos;
                        }
                        vcur = p.vml();
                    }
                    if (row.last()) {
                        vInfo[pos] = 1 + 2 * pi;
                        vLevel[pos] = null;
                    } else {
                        vInfo[pos] = 2 + 2 * pi;
                        vLevel[pos] = vcur;
                    }
                } else {
                    vInfo[pos] = 0;
                    vLevel[pos] = null;
                }
            }
        }
        for (int i = 0; i < cells; i++) {
            if (vLevel[i] != null) {
                vLevel[i] = i > lastCleared ? vcur : null;
            }
        }
        MemoryLevel wstack = null;
        for (CachePlan q : plans.values()) {
            if (q.wml() != null && (wstack == null || rank(hierarchy, q.wml()) > rank(hierarchy, wstack))) {
                wstack = q.wml();
            }
        }
        MemoryLevel lastVml = p.vml();
        // pass 2 (spec depthfirst.md §3.6), one key per signature
        Ids<MemoryLevel> levels = new Ids<>(true);
        levels.id(null);
        int infoCount = 1 + 2 * planList.size();
        long[] signatures = new long[16];
        int[] firstCell = new int[16];
        long[] count = new long[16];
        int distinct = 0;
        LongIndex index = new LongIndex();
        for (int r = 0; r < nr; r++) {
            for (int c = 0; c < nc; c++) {
                int pos = r * nc + c;
                long sig = pos == 0 ? 1 : 0;
                sig = sig * colClasses.size() + colClass[c];
                sig = sig * rowClasses.size() + rowClass[r];
                sig = sig * infoCount + hInfo[pos];
                sig = sig * infoCount + vInfo[pos];
                sig = sig * 64 + levels.id(hLevel[pos]);
                sig = sig * 64 + levels.id(c > 0 ? hLevel[pos - 1] : null);
                sig = sig * 64 + levels.id(vLevel[pos]);
                sig = sig * 64 + levels.id(r > 0 ? vLevel[pos - nc] : null);
                int at = index.get(sig);
                if (at < 0) {
                    if (distinct == signatures.length) {
                        signatures = java.util.Arrays.copyOf(signatures, 2 * distinct);
                        firstCell = java.util.Arrays.copyOf(firstCell, 2 * distinct);
                        count = java.util.Arrays.copyOf(count, 2 * distinct);
                    }
                    at = distinct++;
                    index.put(sig, at);
                    signatures[at] = sig;
                    firstCell[at] = pos;
                }
                count[at]++;
            }
        }
        if (levels.size() > 64 || (double) (2 * colClasses.size() * rowClasses.size()) * infoCount * infoCount * (1L << 24)
                >= Long.MAX_VALUE) {
            // signatures could collide: never for grids of TileLayout (at most two column and two
            // row classes, four plans, a handful of levels), kept as a guard
            return ofByCell(stack, hierarchy, mode, tx, ty);
        }
        Map<TileTypeKey, long[]> counts = new LinkedHashMap<>();
        for (int s = 0; s < distinct; s++) {
            int pos = firstCell[s];
            int r = pos / nc;
            int c = pos % nc;
            TileLayout.Span col = cols.get(c);
            TileLayout.Span row = rows.get(r);
            Info h = info(hInfo[pos], planList, none, true);
            Info v = info(vInfo[pos], planList, none, false);
            MemoryLevel useH = c > 0 ? hLevel[pos - 1] : null;
            MemoryLevel useV = r > 0 ? vLevel[pos - nc] : null;
            TileTypeKey key = new TileTypeKey(col.size(), row.size(), pos == 0, hLevel[pos], useH,
                    entries(h.write()), entries(h.read()), vLevel[pos], useV, entries(v.write()), entries(v.read()));
            long[] cnt = counts.computeIfAbsent(key, k -> new long[] {0, col.start(), row.start()});
            cnt[0] += count[s];
        }
        List<TileType> types = new ArrayList<>();
        counts.forEach((k, v) -> types.add(new TileType(k, v[0], v[1], v[2])));
        return new StackTiling(grid, types, wstack, lastVml, plans);
    }

    /** The amount set with id {@code id} (see {@link #of}): H (cols) or V (rows) amounts of a plan. */
    private static Info info(int id, List<CachePlan> plans, Info none, boolean horizontal) {
        if (id == 0) {
            return none;
        }
        CachePlan p = plans.get((id - 1) / 2);
        boolean last = (id - 1) % 2 == 0;
        if (horizontal) {
            return new Info(last ? Map.of() : p.colsWrite(), p.colsRead());
        }
        return new Info(last ? Map.of() : p.rowsWrite(), p.rowsRead());
    }

    /** Dense ids of distinct values in order of first appearance (by equality, or by identity). */
    private static final class Ids<T> {
        private final boolean identity;
        private final List<T> values = new ArrayList<>();

        Ids() {
            this(false);
        }

        Ids(boolean identity) {
            this.identity = identity;
        }

        int id(T value) {
            for (int i = 0; i < values.size(); i++) {
                T v = values.get(i);
                if (identity ? v == value : java.util.Objects.equals(v, value)) {
                    return i;
                }
            }
            values.add(value);
            return values.size() - 1;
        }

        int size() {
            return values.size();
        }
    }

    /** A small open-addressing map from long to non-negative int. */
    private static final class LongIndex {
        private long[] keys = new long[64];
        private int[] vals = new int[64];
        private boolean[] used = new boolean[64];
        private int size;

        int get(long key) {
            int mask = keys.length - 1;
            for (int i = slot(key, mask); used[i]; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return vals[i];
                }
            }
            return -1;
        }

        void put(long key, int value) {
            if (2 * (size + 1) > keys.length) {
                long[] ok = keys;
                int[] ov = vals;
                boolean[] ou = used;
                keys = new long[2 * ok.length];
                vals = new int[2 * ok.length];
                used = new boolean[2 * ok.length];
                size = 0;
                for (int i = 0; i < ok.length; i++) {
                    if (ou[i]) {
                        put(ok[i], ov[i]);
                    }
                }
            }
            int mask = keys.length - 1;
            int i = slot(key, mask);
            while (used[i]) {
                i = (i + 1) & mask;
            }
            used[i] = true;
            keys[i] = key;
            vals[i] = value;
            size++;
        }

        private static int slot(long key, int mask) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32)) & mask;
        }
    }

    /**
     * {@link #of}, cell by cell as the spec describes it (spec depthfirst.md §3.5–§3.6): the
     * reference {@link #of} is tested against, and its fallback.
     */
    static StackTiling ofByCell(Stack stack, MemoryHierarchy hierarchy, OverlapMode mode, long tx, long ty) {
        Map<String, Long> outLoops = stack.output().layer().loops();
        TileLayout grid = TileLayout.of(outLoops.get("OX"), outLoops.get("OY"), tx, ty);
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
        Info[] hInfo = new Info[cells];
        MemoryLevel[] vLevel = new MemoryLevel[cells];
        Info[] vInfo = new Info[cells];
        Info none = new Info(Map.of(), Map.of());
        MemoryLevel vcur = null;
        MemoryLevel wstack = null;
        MemoryLevel lastVml = null;
        for (int r = 0; r < rows.size(); r++) {
            TileLayout.Span row = rows.get(r);
            for (int c = 0; c < nc; c++) {
                TileLayout.Span col = cols.get(c);
                int pos = r * nc + c;
                Configuration conf = new Configuration(col.size(), row.size(), col.first(), row.first());
                CachePlan p = plans.computeIfAbsent(conf, k -> CachePlan.plan(stack.graph(), hierarchy, mode, k.width(),
                        k.height(), k.firstX(), k.firstY()));
                if (!hm) {
                    hInfo[pos] = none;
                    hLevel[pos] = null;
                } else if (col.last()) {
                    hInfo[pos] = new Info(Map.of(), p.colsRead());
                    hLevel[pos] = null;
                } else {
                    hInfo[pos] = new Info(p.colsWrite(), p.colsRead());
                    hLevel[pos] = p.hml();
                }
                if (!col.first()) {
                    int left = pos - 1;
                    if (!CachePlan.same(hLevel[left], p.hml()) && !(hLevel[left] == null && p.hml() == null)) {
                        hLevel[left] = p.hml();
                    }
                }
                if (hm && vm) {
                    if (!CachePlan.same(p.vml(), vcur) && !(p.vml() == null && vcur == null)) {
                        vcur = p.vml();
                        // every V cache written so far moves to the new level (cells not yet visited are null)
                        for (int i = 0; i < pos; i++) {
                            if (vLevel[i] != null) {
                                vLevel[i] = vcur;
                            }
                        }
                    }
                    if (row.last()) {
                        vInfo[pos] = new Info(Map.of(), p.rowsRead());
                        vLevel[pos] = null;
                    } else {
                        vInfo[pos] = new Info(p.rowsWrite(), p.rowsRead());
                        vLevel[pos] = vcur;
                    }
                } else {
                    vInfo[pos] = none;
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
                Info h = hInfo[pos];
                Info v = vInfo[pos];
                MemoryLevel useH = c > 0 ? hLevel[pos - 1] : null;
                MemoryLevel useV = r > 0 ? vLevel[pos - nc] : null;
                TileTypeKey key = new TileTypeKey(col.size(), row.size(), firstTile, hLevel[pos], useH,
                        entries(h.write()), entries(h.read()), vLevel[pos], useV, entries(v.write()), entries(v.read()));
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

    @SuppressWarnings("unchecked")
    private static <K, V> List<Map.Entry<K, V>> entries(Map<?, ?> m) {
        List<Map.Entry<K, V>> out = new ArrayList<>();
        ((Map<K, V>) m).forEach((k, v) -> out.add(Map.entry(k, v)));
        return out;
    }
}
