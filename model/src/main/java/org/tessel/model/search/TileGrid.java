package org.tessel.model.search;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.workload.Layer;

/**
 * Which tile sizes a stack may use, given the layer whose output the stack tiles (its last layer).
 * Every implementation returns the whole output among its candidates, so layer-by-layer is always
 * reachable, and returns the same list for the same layer (the list order is the tile index).
 */
public sealed interface TileGrid {

    /** The candidate tile sizes for a stack whose output layer is {@code output}, without repeats. */
    List<TileSize> candidates(Layer output);

    /**
     * The default grid: every width in (divisors of OX ∪ powers of two below OX) × every height in
     * (divisors of OY ∪ powers of two below OY), then the whole output. The full-size pair is left
     * out because it is the whole output.
     */
    static TileGrid divisorsAndPowers() {
        return new DivisorsAndPowers();
    }

    /** The same fixed tile sizes for every stack (plus the whole output if missing). */
    static TileGrid fixed(List<TileSize> sizes) {
        return new Fixed(sizes);
    }

    /** The default grid of {@link #divisorsAndPowers()}. */
    record DivisorsAndPowers() implements TileGrid {
        @Override
        public List<TileSize> candidates(Layer output) {
            long width = output.loopSize("OX");
            long height = output.loopSize("OY");
            List<TileSize> out = new ArrayList<>();
            for (long h : axis(height)) {
                for (long w : axis(width)) {
                    if (w != width || h != height) {
                        out.add(TileSize.of(w, h));
                    }
                }
            }
            out.add(TileSize.wholeOutput());
            return List.copyOf(out);
        }

        private static TreeSet<Long> axis(long size) {
            TreeSet<Long> values = new TreeSet<>();
            for (long d = 1; d * d <= size; d++) {
                if (size % d == 0) {
                    values.add(d);
                    values.add(size / d);
                }
            }
            for (long p = 1; p < size; p *= 2) {
                values.add(p);
            }
            return values;
        }
    }

    /**
     * A fixed list of tile sizes for every stack.
     *
     * @param sizes the tile sizes, in index order; the whole output is appended if absent
     */
    record Fixed(List<TileSize> sizes) implements TileGrid {
        public Fixed {
            List<TileSize> distinct = new ArrayList<>();
            for (TileSize t : sizes) {
                if (!distinct.contains(t)) {
                    distinct.add(t);
                }
            }
            if (!distinct.contains(TileSize.wholeOutput())) {
                distinct.add(TileSize.wholeOutput());
            }
            sizes = List.copyOf(distinct);
        }

        @Override
        public List<TileSize> candidates(Layer output) {
            return sizes;
        }
    }
}
