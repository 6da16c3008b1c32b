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

    /** Tiles {@code stack} with {@code tx × ty} tiles in overlap mode {@code mode}. */
    public static StackTiling of(Stack stack, MemoryHierarchy hierarchy, OverlapMode mode, long tx, long ty) {
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
