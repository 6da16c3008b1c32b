package org.tessel.cli;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import org.tessel.model.BadInputException;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.TileSize;

/**
 * The points of a {@code tessel sweep}: overlap modes × tile widths × tile heights, in that order
 * (mode outermost). The product is never materialised: its points are made one at a time as they
 * are iterated, so a grid of any size takes only the memory of its three axes.
 *
 * @param modes the overlap modes
 * @param widths the tile widths, each once
 * @param heights the tile heights, each once
 */
record SweepGrid(List<OverlapMode> modes, List<Long> widths, List<Long> heights) implements Iterable<SweepGrid.Point> {

    /** Above this many points a sweep asks for {@code --yes}: hours of work, and millions of rows. */
    static final long LARGE = 1_000_000;

    /** One grid point. */
    record Point(TileSize.Fixed tile, OverlapMode mode) {
        /** The point's first three CSV fields: how a resumed sweep recognises it. */
        String key() {
            return tile.width() + "," + tile.height() + "," + mode.cliName();
        }
    }

    SweepGrid {
        modes = List.copyOf(modes);
        widths = List.copyOf(widths);
        heights = List.copyOf(heights);
    }

    /**
     * The grid of {@code --tiles WIDTHSxHEIGHTS} and the modes; a size listed twice is one size.
     *
     * @throws BadInputException if the text is not two comma-separated lists of positive sizes
     */
    static SweepGrid parse(String text, List<OverlapMode> modes) {
        String[] sides = text.toLowerCase(Locale.ROOT).split("x");
        if (sides.length != 2) {
            throw new BadInputException("--tiles must be WIDTHSxHEIGHTS, e.g. 1,4,16x1,4,18; got '" + text + "'");
        }
        return new SweepGrid(new LinkedHashSet<>(modes).stream().toList(), numbers(sides[0], text), numbers(sides[1], text));
    }

    private static List<Long> numbers(String list, String text) {
        try {
            List<Long> out = Arrays.stream(list.split(",")).map(String::strip).map(Long::parseLong).distinct().toList();
            if (out.stream().anyMatch(v -> v < 1)) {
                throw new BadInputException("--tiles sizes must be positive; got '" + text + "'");
            }
            return out;
        } catch (NumberFormatException e) {
            throw new BadInputException("--tiles must be WIDTHSxHEIGHTS, e.g. 1,4,16x1,4,18; got '" + text + "'");
        }
    }

    /** The number of points (a product of three list sizes: cannot overflow a long). */
    long size() {
        return (long) modes.size() * widths.size() * heights.size();
    }

    /** How many of {@code keys} ({@link Point#key()}) are points of this grid. */
    long countOf(Collection<String> keys) {
        Set<Long> w = new HashSet<>(widths);
        Set<Long> h = new HashSet<>(heights);
        Set<String> m = new HashSet<>(modes.stream().map(OverlapMode::cliName).toList());
        long count = 0;
        for (String key : keys) {
            String[] f = key.split(",", -1);
            try {
                if (f.length == 3 && w.contains(Long.parseLong(f[0])) && h.contains(Long.parseLong(f[1])) && m.contains(f[2])) {
                    count++;
                }
            } catch (NumberFormatException notAPoint) {
                // a key of no grid point
            }
        }
        return count;
    }

    /** A grid beyond {@link #LARGE} points, unless the user said yes. */
    void requireConfirmedIfLarge(boolean yes) {
        if (size() > LARGE && !yes) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "--tiles: the grid has %,d points (%d mode%s x %,d widths x %,d heights), more than %,d;"
                            + " add --yes to run them all, or give fewer sizes",
                    size(), modes.size(), modes.size() == 1 ? "" : "s", widths.size(), heights.size(), LARGE));
        }
    }

    /** The points in order, each made when it is reached. */
    @Override
    public Iterator<Point> iterator() {
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < size();
            }

            @Override
            public Point next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long perMode = (long) widths.size() * heights.size();
                OverlapMode mode = modes.get((int) (next / perMode));
                long inMode = next % perMode;
                long w = widths.get((int) (inMode / heights.size()));
                long h = heights.get((int) (inMode % heights.size()));
                next++;
                return new Point(new TileSize.Fixed(w, h), mode);
            }
        };
    }
}
