package org.tessel.costmodel.depthfirst.tiling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tessel.costmodel.depthfirst.backprop.AxisRegions;
import org.tessel.costmodel.depthfirst.graph.SpatialAxis;
import org.tessel.costmodel.depthfirst.graph.StackGraph;
import org.tessel.costmodel.depthfirst.partition.FusedStack;
import org.tessel.model.schedule.TileSize;

/**
 * The tiles of a stack's output (spec depthfirst.md §3.3): the remainder column/row comes
 * first (left, top), then full tiles; tiles are visited in raster order.
 *
 * @param columns the columns, left to right
 * @param rows the rows, top to bottom
 */
public record TileLayout(List<Span> columns, List<Span> rows) {

    /**
     * One column or row of tiles.
     *
     * @param start first output index ({@code x0} or {@code y0})
     * @param size width or height
     * @param first true for the first column/row
     * @param last true if {@code start + nominal ≥ total} (uses the nominal tile size)
     * @param regions what each node computes for this span on real positions (exact-size stacks,
     *     docs/padding.md §2); null for the reference's valid workloads
     */
    public record Span(long start, long size, boolean first, boolean last, AxisRegions regions) {

        /** A span of a reference (valid) workload, without regions. */
        public Span(long start, long size, boolean first, boolean last) {
            this(start, size, first, last, null);
        }
    }

    /**
     * One tile of the grid.
     *
     * @param column its column
     * @param row its row
     */
    public record Tile(Span column, Span row) {}

    public TileLayout {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /**
     * The grid of a {@code totalX × totalY} output cut into tiles of {@code tile} ({@link
     * TileSize.WholeOutput}: one tile).
     */
    public static TileLayout of(long totalX, long totalY, TileSize tile) {
        return switch (tile) {
            case TileSize.Fixed f -> new TileLayout(spans(totalX, f.width()), spans(totalY, f.height()));
            case TileSize.WholeOutput w -> new TileLayout(spans(totalX, totalX), spans(totalY, totalY));
        };
    }

    /** The grid of the output of {@code stack} cut into tiles of {@code tile}, with its regions ({@link #withRegions}). */
    public static TileLayout of(FusedStack stack, TileSize tile) {
        Map<String, Long> out = stack.output().layer().loops();
        return of(out.get(SpatialAxis.X.dim()), out.get(SpatialAxis.Y.dim()), tile).withRegions(stack.graph());
    }

    /**
     * This grid with the real-position regions of every column and row of {@code stack}, if its
     * sizes are exact (docs/padding.md §2); this grid itself otherwise.
     */
    public TileLayout withRegions(StackGraph stack) {
        if (!stack.exactSizes()) {
            return this;
        }
        return new TileLayout(withRegions(stack, SpatialAxis.X, columns), withRegions(stack, SpatialAxis.Y, rows));
    }

    private static List<Span> withRegions(StackGraph stack, SpatialAxis axis, List<Span> spans) {
        List<AxisRegions> regions = AxisRegions.of(stack, axis,
                spans.stream().map(s -> new long[] {s.start(), s.start() + s.size()}).toList());
        List<Span> out = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            Span s = spans.get(i);
            out.add(new Span(s.start(), s.size(), s.first(), s.last(), regions.get(i)));
        }
        return List.copyOf(out);
    }

    /** All tiles in raster order (rows top to bottom, within a row left to right). */
    public List<Tile> tiles() {
        List<Tile> out = new ArrayList<>();
        for (Span r : rows) {
            for (Span c : columns) {
                out.add(new Tile(c, r));
            }
        }
        return List.copyOf(out);
    }

    private static List<Span> spans(long total, long nominal) {
        List<Span> out = new ArrayList<>();
        if (nominal >= total) {
            out.add(new Span(0, total, true, true));
            return out;
        }
        // spec depthfirst.md §3.3: the remainder is the first span
        long first = total % nominal == 0 ? nominal : total % nominal;
        long start = 0;
        long size = first;
        while (start < total) {
            out.add(new Span(start, size, start == 0, start + nominal >= total));
            start += size;
            size = nominal;
        }
        return out;
    }
}
