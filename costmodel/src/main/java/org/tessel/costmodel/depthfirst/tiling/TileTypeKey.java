package org.tessel.costmodel.depthfirst.tiling;

import java.util.List;
import java.util.Map;
import org.tessel.costmodel.depthfirst.backprop.AxisRegions;
import org.tessel.costmodel.depthfirst.backprop.BackPropagation;
import org.tessel.costmodel.depthfirst.backprop.Extent;
import org.tessel.costmodel.depthfirst.backprop.OperandRef;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.schedule.TileSize;

/**
 * The argument set of one tile type ({@code run_for_tilesize}, spec depthfirst.md §3.6). Tiles
 * with equal keys are evaluated once. Levels are compared by memory name; maps by content and
 * order (they are kept as entry lists). Null levels mean none.
 *
 * @param size tile width (output columns) × height (output rows)
 * @param weightsFromTop true only for the first tile of the stack
 * @param makeH level this tile writes its H cache to
 * @param useH level this tile reads the H cache from
 * @param colsWrite producer → columns written to the H cache
 * @param colsRead (consumer, operand) → columns read from the H cache
 * @param makeV level this tile writes its V cache to
 * @param useV level this tile reads the V cache from
 * @param rowsWrite producer → rows written to the V cache
 * @param rowsRead (consumer, operand) → rows read from the V cache
 * @param columns real-position regions of the tile's column (exact-size stacks; else null)
 * @param rows real-position regions of the tile's row (exact-size stacks; else null)
 */
public record TileTypeKey(TileSize.Fixed size, boolean weightsFromTop, MemoryLevel makeH, MemoryLevel useH,
        List<Map.Entry<Integer, Extent>> colsWrite, List<Map.Entry<OperandRef, Extent>> colsRead,
        MemoryLevel makeV, MemoryLevel useV, List<Map.Entry<Integer, Extent>> rowsWrite,
        List<Map.Entry<OperandRef, RowRead>> rowsRead, AxisRegions columns, AxisRegions rows) {

    public TileTypeKey {
        colsWrite = List.copyOf(colsWrite);
        colsRead = List.copyOf(colsRead);
        rowsWrite = List.copyOf(rowsWrite);
        rowsRead = List.copyOf(rowsRead);
    }

    /**
     * The caching flags of this tile type's back-propagation (spec depthfirst.md §3.7 step 1):
     * {@code use} and {@code make} wherever the key names a level, {@code makeV} false as in the
     * reference. Only the loop sizes of that back-propagation are used; the cache amounts come
     * from the key.
     */
    public BackPropagation.Caching caching() {
        return new BackPropagation.Caching(useH != null, makeH != null, useV != null, false);
    }

    /** The H-cache write amounts as an ordered map. */
    public Map<Integer, Extent> colsWriteMap() {
        return asMap(colsWrite);
    }

    /** The H-cache read amounts as an ordered map. */
    public Map<OperandRef, Extent> colsReadMap() {
        return asMap(colsRead);
    }

    /** The V-cache write amounts as an ordered map. */
    public Map<Integer, Extent> rowsWriteMap() {
        return asMap(rowsWrite);
    }

    /** The V-cache read amounts as an ordered map. */
    public Map<OperandRef, RowRead> rowsReadMap() {
        return asMap(rowsRead);
    }

    private static <K, V> Map<K, V> asMap(List<Map.Entry<K, V>> entries) {
        Map<K, V> m = new java.util.LinkedHashMap<>();
        entries.forEach(e -> m.put(e.getKey(), e.getValue()));
        return java.util.Collections.unmodifiableMap(m);
    }

    private static String name(MemoryLevel l) {
        return l == null ? null : l.name();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TileTypeKey k && size.equals(k.size) && weightsFromTop == k.weightsFromTop
                && java.util.Objects.equals(name(makeH), name(k.makeH)) && java.util.Objects.equals(name(useH), name(k.useH))
                && java.util.Objects.equals(name(makeV), name(k.makeV)) && java.util.Objects.equals(name(useV), name(k.useV))
                && colsWrite.equals(k.colsWrite) && colsRead.equals(k.colsRead) && rowsWrite.equals(k.rowsWrite)
                && rowsRead.equals(k.rowsRead);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(size, weightsFromTop, name(makeH), name(useH), name(makeV), name(useV),
                colsWrite, colsRead, rowsWrite, rowsRead);
    }
}
