package org.tessel.costmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The comparison rules of the tests: floats within 1e-9 relative, integers exact. */
final class Tolerance {

    static final double RELATIVE = 1e-9;

    private Tolerance() {}

    static boolean close(double expected, double actual) {
        return Math.abs(expected - actual) <= RELATIVE * Math.max(Math.abs(expected), Math.abs(actual))
                || expected == actual;
    }

    static void assertClose(double expected, double actual, String what) {
        if (!close(expected, actual)) {
            assertEquals(expected, actual, what);
        }
    }

    static String describe(String what, double expected, double actual) {
        return close(expected, actual) ? "" : " " + what + " expected " + expected + " got " + actual;
    }

    static String describeExact(String what, long expected, long actual) {
        return expected == actual ? "" : " " + what + " expected " + expected + " got " + actual;
    }
}
