package org.tessel.model.workload;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An index relation {@code target = firstScale*first + secondScale*second}, e.g.
 * {@code ix=2*ox+1*fx}: input column = stride × output column + dilation × kernel column.
 * The target is a "partially relevant" dimension of the input operand
 * (spec zigzag-inputs.md §2.3).
 */
public record IndexRelation(String target, String first, long firstScale, String second, long secondScale) {

    private static final Pattern FORM = Pattern.compile(
            "\\s*([a-zA-Z]+)\\s*=\\s*(?:(\\d+)\\s*\\*\\s*)?([a-zA-Z]+)\\s*\\+\\s*(?:(\\d+)\\s*\\*\\s*)?([a-zA-Z]+)\\s*");

    public IndexRelation {
        if (firstScale <= 0 || secondScale <= 0) {
            throw new IllegalArgumentException("scale factors must be positive");
        }
    }

    /**
     * Parses {@code ix=1*ox+1*fx}; a factor may be omitted (then it is 1).
     *
     * @throws IllegalArgumentException if the text has another form (constants, three terms, ...)
     */
    public static IndexRelation parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a relation of the form ix=s*ox+d*fx");
        }
        return new IndexRelation(up(m.group(1)), up(m.group(3)), factor(m.group(2)), up(m.group(5)), factor(m.group(4)));
    }

    /**
     * Number of distinct target indices when {@code first} takes {@code a} values and
     * {@code second} takes {@code b} values (spec zigzag-inputs.md §2.3, {@code prsize}):
     * {@code trunc(a·b − max(0, b − sA/g)·(a − sB/g))} with {@code g = gcd(sA, sB)}.
     * Not symmetric in (a, b). Arguments may be fractional (spatial unrolling).
     */
    public long distinctIndices(double a, double b) {
        if (a <= 0 || b <= 0) {
            return 0; // an empty tile (a border tile of an exact-size stack, docs/padding.md §2) reads nothing
        }
        long g = gcd(firstScale, secondScale);
        double value = a * b - Math.max(0.0, b - (double) firstScale / g) * (a - (double) secondScale / g);
        return (long) value;
    }

    private static long gcd(long x, long y) {
        return y == 0 ? x : gcd(y, x % y);
    }

    private static long factor(String digits) {
        return digits == null ? 1 : Long.parseLong(digits);
    }

    private static String up(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return target.toLowerCase(Locale.ROOT) + "=" + firstScale + "*" + first.toLowerCase(Locale.ROOT)
                + "+" + secondScale + "*" + second.toLowerCase(Locale.ROOT);
    }
}
