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
public record StackTiling(TileGrid grid, List<TileType> types, MemoryLevel weightLevel, MemoryLevel lastVml,
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
        TileGrid grid = TileGrid.of(outLoops.get("OX"), outLoops.get("OY"), tx, ty);
        boolean hm = mode.horizontalCaching();
        boolean vm = mode.verticalCaching();
        Map<Configuration, CachePlan> plans = new LinkedHashMap<>();
        // pass 1 (spec depthfirst.md §3.5)
        Map<List<Long>, MemoryLevel> hLevel = new HashMap<>();
        Map<List<Long>, Info> hInfo = new HashMap<>();
        Map<List<Long>, MemoryLevel> vLevel = new LinkedHashMap<>();
        Map<List<Long>, Info> vInfo = new HashMap<>();
        MemoryLevel vcur = null;
        MemoryLevel wstack = null;
        MemoryLevel lastVml = null;
        long prevX0 = -1;
        for (TileGrid.Tile t : grid.tiles()) {
            Configuration c = new Configuration(t.column().size(), t.row().size(), t.column().first(), t.row().first());
            CachePlan p = plans.computeIfAbsent(c, k -> CachePlan.plan(stack.graph(), hierarchy, mode, k.width(), k.height(),
                    k.firstX(), k.firstY()));
            List<Long> pos = List.of(t.column().start(), t.row().start());
            if (!hm) {
                hInfo.put(pos, new Info(Map.of(), Map.of()));
                hLevel.put(pos, null);
            } else if (t.column().last()) {
                hInfo.put(pos, new Info(Map.of(), p.colsRead()));
                hLevel.put(pos, null);
            } else {
                hInfo.put(pos, new Info(p.colsWrite(), p.colsRead()));
                hLevel.put(pos, p.hml());
            }
            if (!t.column().first()) {
                List<Long> left = List.of(prevX0, t.row().start());
                if (!CachePlan.same(hLevel.get(left), p.hml()) && !(hLevel.get(left) == null && p.hml() == null)) {
                    hLevel.put(left, p.hml());
                }
            }
            if (hm && vm) {
                if (!CachePlan.same(p.vml(), vcur) && !(p.vml() == null && vcur == null)) {
                    vcur = p.vml();
                    for (Map.Entry<List<Long>, MemoryLevel> e : vLevel.entrySet()) {
                        if (e.getValue() != null) {
                            e.setValue(vcur);
                        }
                    }
                }
                if (t.row().last()) {
                    vInfo.put(pos, new Info(Map.of(), p.rowsRead()));
                    vLevel.put(pos, null);
                } else {
                    vInfo.put(pos, new Info(p.rowsWrite(), p.rowsRead()));
                    vLevel.put(pos, vcur);
                }
            } else {
                vInfo.put(pos, new Info(Map.of(), Map.of()));
                vLevel.put(pos, null);
            }
            if (p.wml() != null) {
                if (wstack == null || rank(hierarchy, p.wml()) > rank(hierarchy, wstack)) {
                    wstack = p.wml();
                }
            }
            lastVml = p.vml();
            prevX0 = t.column().start();
        }
        // pass 2 (spec depthfirst.md §3.6)
        Map<TileTypeKey, long[]> counts = new LinkedHashMap<>();
        boolean firstTile = true;
        List<TileGrid.Span> cols = grid.columns();
        List<TileGrid.Span> rows = grid.rows();
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < cols.size(); c++) {
                TileGrid.Span col = cols.get(c);
                TileGrid.Span row = rows.get(r);
                List<Long> pos = List.of(col.start(), row.start());
                Info h = hInfo.get(pos);
                Info v = vInfo.get(pos);
                MemoryLevel useH = c > 0 ? hLevel.get(List.of(cols.get(c - 1).start(), row.start())) : null;
                MemoryLevel useV = r > 0 ? vLevel.get(List.of(col.start(), rows.get(r - 1).start())) : null;
                TileTypeKey key = new TileTypeKey(col.size(), row.size(), firstTile, hLevel.get(pos), useH,
                        entries(h.write()), entries(h.read()), vLevel.get(pos), useV, entries(v.write()), entries(v.read()));
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
