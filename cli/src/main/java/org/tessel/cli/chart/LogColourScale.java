package org.tessel.cli.chart;

import java.awt.Color;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/**
 * A logarithmic colour scale in equal bins of log10(value) between a minimum and a maximum, from
 * cool (low, good) to warm (high). Energies and latencies of a sweep span orders of magnitude; a
 * linear scale would paint all but the worst points the same colour.
 *
 * @param min the smallest value (the first bin's lower edge), positive
 * @param max the largest value (the last bin's upper edge), at least {@code min}
 */
public record LogColourScale(double min, double max) {

    /** Cool to warm, colour-blind safe (ColorBrewer RdYlBu, reversed), one colour per bin. */
    static final List<Color> PALETTE = List.of(new Color(0x31, 0x36, 0x95), new Color(0x45, 0x75, 0xb4),
            new Color(0x74, 0xad, 0xd1), new Color(0xab, 0xd9, 0xe9), new Color(0xfe, 0xe0, 0x90),
            new Color(0xfd, 0xae, 0x61), new Color(0xf4, 0x6d, 0x43), new Color(0xa5, 0x00, 0x26));

    public LogColourScale {
        if (!(min > 0) || !(max >= min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("a log scale needs 0 < min <= max, finite; got " + min + ", " + max);
        }
    }

    /** The scale spanning {@code values} (positive, finite ones; others are ignored); null if none. */
    public static LogColourScale spanning(double[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double v : values) {
            if (v > 0 && Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return hi > 0 ? new LogColourScale(lo, hi) : null;
    }

    /** Number of bins: one when all values are equal. */
    public int bins() {
        return min == max ? 1 : PALETTE.size();
    }

    /** The bin of {@code value} (clamped into the scale). */
    public int bin(double value) {
        if (bins() == 1) {
            return 0;
        }
        double f = (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
        return (int) Math.max(0, Math.min(bins() - 1, Math.floor(f * bins())));
    }

    /** The colour of a bin. */
    public Color colour(int bin) {
        return bins() == 1 ? PALETTE.get(PALETTE.size() / 2) : PALETTE.get(bin);
    }

    /** The lower edge of a bin. */
    public double lower(int bin) {
        return Math.pow(10, Math.log10(min) + (Math.log10(max) - Math.log10(min)) * bin / bins());
    }

    /** The legend text of a bin, e.g. {@code 1.77e9 – 2.41e9}. */
    public String label(int bin) {
        return bins() == 1 ? compact(min) : compact(lower(bin)) + " – " + compact(lower(bin + 1));
    }

    /** A number in three significant digits, plain below 10^4, else as {@code 1.77e9}. */
    public static String compact(double v) {
        if (Math.abs(v) < 1e4) {
            return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        }
        String s = String.format(Locale.ROOT, "%.2e", v); // 1.77e+09
        int e = s.indexOf('e');
        return s.substring(0, e) + "e" + Integer.parseInt(s.substring(e + 1));
    }
}
