package org.tessel.model.schedule;

/**
 * The size of the tiles a stack's last output is cut into: a fixed width × height, or the whole
 * output (one tile per stack, i.e. layer-by-layer through the stack).
 */
public sealed interface TileSize {

    /** One tile covering the whole output of the stack. */
    record WholeOutput() implements TileSize {
        @Override
        public String toString() {
            return "full";
        }
    }

    /** Tiles of {@code width} (OX) × {@code height} (OY) output elements. */
    record Fixed(long width, long height) implements TileSize {
        public Fixed {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("tile size must be positive, got " + width + "x" + height);
            }
        }

        @Override
        public String toString() {
            return width + "x" + height;
        }
    }

    /** The whole-output tile. */
    static TileSize wholeOutput() {
        return new WholeOutput();
    }

    /** A fixed tile size. */
    static TileSize of(long width, long height) {
        return new Fixed(width, height);
    }

    /**
     * Parses {@code 60x72} or {@code full}.
     *
     * @throws IllegalArgumentException with a readable reason
     */
    static TileSize parse(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("full")) {
            return wholeOutput();
        }
        String[] parts = t.split("x");
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text + "' is not a tile size like 60x72 or full");
        }
        try {
            return of(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a tile size like 60x72 or full");
        }
    }
}
