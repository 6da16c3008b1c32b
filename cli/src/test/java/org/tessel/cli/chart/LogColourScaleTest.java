package org.tessel.cli.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The heatmaps' colour scale: equal bins of log10(value), monotone, edges exact. */
class LogColourScaleTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void binsAreMonotoneAndEachValueLiesInsideItsBin(long seed) {
        Random r = new Random(seed);
        double lo = Math.pow(10, r.nextDouble() * 12);
        double hi = lo * Math.pow(10, 0.01 + 4 * r.nextDouble());
        LogColourScale scale = new LogColourScale(lo, hi);
        assertEquals(0, scale.bin(lo));
        assertEquals(scale.bins() - 1, scale.bin(hi));
        double previous = lo;
        for (int i = 0; i < 200; i++) {
            double v = lo * Math.pow(hi / lo, r.nextDouble());
            int b = scale.bin(v);
            assertTrue(scale.lower(b) <= v * (1 + 1e-12) && v <= scale.lower(b + 1) * (1 + 1e-12), v + " in bin " + b);
            assertTrue(v < previous ? b <= scale.bin(previous) : b >= scale.bin(previous));
            previous = v;
        }
    }

    @ParameterizedTest
    @CsvSource({"1.0, 1", "999.5, 1000", "1234, 1230", "12345, 1.23e4", "1772921000, 1.77e9", "0.5, 0.5"})
    void compactNumbersKeepThreeSignificantDigits(double v, String text) {
        assertEquals(text, LogColourScale.compact(v));
    }
}
