package org.tessel.model.search;

/**
 * A run of consecutive undividable units {@code first..last} (inclusive): the layers of one stack.
 *
 * @param first index of the first unit
 * @param last index of the last unit, whose last layer is the stack's output
 */
public record UnitSpan(int first, int last) {
    public UnitSpan {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("bad unit span " + first + ".." + last);
        }
    }
}
